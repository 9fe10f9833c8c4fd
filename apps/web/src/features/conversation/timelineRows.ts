import type { ChatEvent, Message, TimelineItem } from '@parley/contract';
import { clockTime, dayLabel, sameDay } from '../../ui/time.ts';
import type { PendingMessage } from './hooks/useSendMessage.ts';

export type TimelineRow =
  | { type: 'gap'; key: string; label: string }
  | { type: 'event'; key: string; event: ChatEvent }
  | { type: 'message'; key: string; message: Message; grouped: boolean; author: string | null }
  | { type: 'pending'; key: string; pending: PendingMessage; grouped: boolean };

const GROUP_MS = 5 * 60_000;
const GAP_MS = 15 * 60_000;

type Entry = { at: number; side: 'in' | 'out' | 'event'; authorKey: string };

function entryOf(item: TimelineItem): Entry {
  if (item.kind === 'event') return { at: Date.parse(item.at), side: 'event', authorKey: '' };
  return {
    at: Date.parse(item.createdAt),
    side: item.direction,
    authorKey: `${item.author.kind}:${item.author.id ?? item.author.name}`,
  };
}

/**
 * Lays the conversation out: a time line at the start, at day changes and after a quiet gap;
 * consecutive messages from one author close together; the author's name over staff messages
 * that someone other than me wrote; messages still on their way at the end.
 */
export function buildTimelineRows(
  items: TimelineItem[],
  pending: PendingMessage[],
  meId: string,
  now: number,
): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let previous: Entry | null = null;

  const gapBefore = (entry: Entry, iso: string) => {
    const newDay = previous === null || !sameDay(previous.at, entry.at);
    const quiet = previous !== null && entry.side !== 'event' && entry.at - previous.at > GAP_MS;
    if (!newDay && !quiet) return false;
    const label =
      entry.side === 'event'
        ? dayLabel(iso, { now })
        : `${dayLabel(iso, { now })} · ${clockTime(iso)}`;
    rows.push({ type: 'gap', key: `gap:${iso}:${rows.length}`, label });
    return true;
  };

  const continues = (entry: Entry, gap: boolean) =>
    !gap &&
    previous !== null &&
    previous.side === entry.side &&
    previous.authorKey === entry.authorKey &&
    entry.at - previous.at < GROUP_MS;

  for (const item of items) {
    const entry = entryOf(item);
    const gap = gapBefore(entry, item.kind === 'event' ? item.at : item.createdAt);
    if (item.kind === 'event') {
      rows.push({ type: 'event', key: `event:${item.id}`, event: item });
    } else {
      const grouped = continues(entry, gap);
      const othersName =
        item.direction === 'out' && item.author.id !== meId ? item.author.name : null;
      rows.push({
        type: 'message',
        key: `message:${item.id}`,
        message: item,
        grouped,
        author: grouped ? null : othersName,
      });
    }
    previous = entry;
  }

  for (const message of pending) {
    const entry: Entry = { at: message.submittedAt, side: 'out', authorKey: `staff:${meId}` };
    const gap = gapBefore(entry, new Date(message.submittedAt).toISOString());
    rows.push({
      type: 'pending',
      key: `pending:${message.clientId}`,
      pending: message,
      grouped: continues(entry, gap),
    });
    previous = entry;
  }
  return rows;
}
