import type {
  Chat,
  ChatEvent,
  Message,
  MessageStatus,
  Timeline,
  TimelineItem,
} from '@parley/contract';
import type { QueryClient } from '@tanstack/react-query';
import { conversationKeys } from './api.ts';
import type { InfiniteData } from '@tanstack/react-query';

/** pages[0] is the newest page; later pages are older (scroll-back). */
export type TimelinePages = InfiniteData<Timeline, unknown>;

const itemKey = (item: TimelineItem) => `${item.kind}:${item.id}`;

// Status frames and the POST answer can cross; a message never steps back to an earlier state.
const statusRank: Record<MessageStatus, number> = {
  received: 0,
  queued: 1,
  sent: 2,
  failed: 3,
  delivered: 4,
  read: 5,
};

function merge(current: TimelineItem, incoming: TimelineItem): TimelineItem {
  if (current.kind !== 'message' || incoming.kind !== 'message') return incoming;
  return statusRank[incoming.status] >= statusRank[current.status] ? incoming : current;
}

export function messageItem(message: Message): TimelineItem {
  return { ...message, kind: 'message' };
}

export function eventItem(event: ChatEvent): TimelineItem {
  return { ...event, kind: 'event' };
}

/**
 * Adds or updates one item: replaced where it already is (deduplicated by id), otherwise put
 * in seq order into the loaded page whose range it falls in. An item older than everything
 * loaded, with older pages still to come, is left for scroll-back to bring.
 */
export function upsertItem(data: TimelinePages, item: TimelineItem): TimelinePages {
  const key = itemKey(item);
  for (let p = 0; p < data.pages.length; p++) {
    const page = data.pages[p]!;
    const index = page.items.findIndex((existing) => itemKey(existing) === key);
    if (index === -1) continue;
    const merged = merge(page.items[index]!, item);
    if (merged === page.items[index]) return data;
    return replacePage(data, p, page.items.with(index, merged));
  }

  for (let p = 0; p < data.pages.length; p++) {
    const page = data.pages[p]!;
    const oldest = page.items[0];
    const isLast = p === data.pages.length - 1;
    const fits =
      oldest === undefined ? p === 0 : item.seq >= oldest.seq || (isLast && !page.nextCursor);
    if (!fits) continue;
    const at = page.items.findIndex((existing) => existing.seq > item.seq);
    const items = [...page.items];
    items.splice(at === -1 ? items.length : at, 0, item);
    return replacePage(data, p, items);
  }
  return data;
}

function replacePage(data: TimelinePages, index: number, items: TimelineItem[]): TimelinePages {
  return { ...data, pages: data.pages.with(index, { ...data.pages[index]!, items }) };
}

/** Every loaded item, oldest first, each once. */
export function flattenTimeline(data: TimelinePages | undefined): TimelineItem[] {
  if (!data) return [];
  const seen = new Set<string>();
  const items: TimelineItem[] = [];
  for (let p = data.pages.length - 1; p >= 0; p--) {
    for (const item of data.pages[p]!.items) {
      const key = itemKey(item);
      if (seen.has(key)) continue;
      seen.add(key);
      items.push(item);
    }
  }
  return items.sort((first, second) => first.seq - second.seq);
}

/**
 * True when the chat reports a message newer than any we hold: a frame was missed (e.g. it
 * came between the timeline's fetch and the room subscription), so the timeline is read again.
 */
export function isTimelineBehind(items: TimelineItem[], chat: Chat): boolean {
  if (!chat.lastMessage) return false;
  const last = Date.parse(chat.lastMessage.at);
  return !items.some((item) => item.kind === 'message' && Date.parse(item.createdAt) >= last);
}

/**
 * Puts a message or event into its chat's cached timeline. While the timeline is still loading
 * the item cannot be placed, and the load may have been read before it existed: read it again.
 */
export function storeTimelineItem(queryClient: QueryClient, chatId: string, item: TimelineItem) {
  const key = conversationKeys.timeline(chatId);
  const state = queryClient.getQueryState(key);
  if (!state) return;
  if (state.data === undefined) {
    if (state.fetchStatus === 'fetching') void queryClient.invalidateQueries({ queryKey: key });
    return;
  }
  queryClient.setQueryData<TimelinePages>(key, (data) => (data ? upsertItem(data, item) : data));
}

/**
 * A failed reply sent again (Retry) steps back from `failed` to `queued` on purpose: it replaces
 * the cached copy whatever its status, where `storeTimelineItem` would keep the later state.
 */
export function replaceRetriedMessage(queryClient: QueryClient, chatId: string, message: Message) {
  const item = messageItem(message);
  queryClient.setQueryData<TimelinePages>(conversationKeys.timeline(chatId), (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((existing) =>
              itemKey(existing) === itemKey(item) ? item : existing,
            ),
          })),
        }
      : data,
  );
}
