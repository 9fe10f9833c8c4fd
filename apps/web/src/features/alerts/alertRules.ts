import type { AlertEvents, Chat, Me, Preferences } from '@parley/contract';
import { customerLabel } from '../chats/index.ts';

/*
 * When the desk rings, and how. Pure rules, so each decision is tested on its own; the hook
 * (hooks/useAlerts.ts) feeds them frames and carries out what they decide.
 */

export type AlertKind = keyof AlertEvents;

/** Something that may need the person: which chat, and where the desk opens it. */
export type AlertEvent = { kind: AlertKind; chatId: string; path: string; text: string };

/** What the page is like when the event arrives. */
export type AlertContext = {
  preferences: Preferences;
  /** The chat open in the conversation pane, if any. */
  openChatId: string | null;
  /** Whether the desk tab is on screen (document.visibilityState). */
  visible: boolean;
  /** Browser notification permission: 'granted', 'denied', 'default' or 'unsupported'. */
  permission: NotificationPermission | 'unsupported';
};

export type AlertPlan = { sound: boolean; desktop: boolean; count: boolean };

const SILENT: AlertPlan = { sound: false, desktop: false, count: false };

/**
 * How to ring for an event: not at all if the person switched that event off or is looking at
 * the chat right now; otherwise each channel as they chose, a browser notification only while
 * the tab is hidden and the browser allows it.
 */
export function planAlert(event: Pick<AlertEvent, 'kind' | 'chatId'>, context: AlertContext) {
  const { preferences } = context;
  if (!preferences.events[event.kind]) return SILENT;
  if (context.visible && context.openChatId === event.chatId) return SILENT;
  return {
    sound: preferences.sound,
    desktop: preferences.desktop && !context.visible && context.permission === 'granted',
    count: preferences.titleCount,
  };
}

/** How long after it happened a change still rings: older ones are history, not news. */
export const FRESH_MS = 2 * 60_000;

const fresh = (at: string | null, now: number) =>
  at !== null && now - Date.parse(at) < FRESH_MS && Date.parse(at) - now < FRESH_MS;

/** Whether the chat is mine to answer, or waits in a queue of mine. */
function isForMe(chat: Chat, me: Me): boolean {
  // Tickets answer at their own pace: they never ring.
  if (chat.kind === 'ticket') return false;
  if (chat.status === 'queued')
    return me.departments.some((department) => department.id === chat.department.id);
  return (chat.status === 'live' || chat.status === 'pending') && chat.assignee?.id === me.id;
}

const chatPath = (chat: Chat) =>
  `/${chat.status === 'queued' ? 'queue' : chat.status === 'pending' ? 'pending' : 'live'}/${chat.id}`;

const who = (chat: Chat) => customerLabel(chat.customer);

/**
 * What a `chat.updated` frame means for me: a chat routed to me or newly waiting in my queue
 * that I have never read, or a customer writing in a chat of mine since I last read it. `rung`
 * holds what already rang on this page (chat id → the activity it rang for), so a frame that
 * repeats a change (a flag, a status) rings nothing.
 */
export function chatAlert(
  chat: Chat,
  me: Me,
  seen: Readonly<Record<string, string>>,
  rung: ReadonlyMap<string, string>,
  now: number,
): AlertEvent | null {
  if (!isForMe(chat, me)) return null;
  const activity = chat.lastCustomerActivityAt ?? chat.createdAt;
  if (!fresh(activity, now)) return null;
  const before = rung.get(chat.id);
  if (before !== undefined && Date.parse(before) >= Date.parse(activity)) return null;
  const readAt = seen[chat.id];
  if (readAt === undefined) {
    // Rang once as new already: a new chat stays one alert until it is read.
    if (before !== undefined) return null;
    return {
      kind: 'newChat',
      chatId: chat.id,
      path: chatPath(chat),
      text: `${who(chat)} started a chat`,
    };
  }
  if (chat.lastCustomerActivityAt === null) return null;
  if (Date.parse(chat.lastCustomerActivityAt) <= Date.parse(readAt)) return null;
  if (chat.status === 'queued') return null;
  const preview = chat.lastMessage?.direction === 'in' ? `: ${chat.lastMessage.text}` : '';
  return {
    kind: 'customerReply',
    chatId: chat.id,
    path: chatPath(chat),
    text: `${who(chat)} wrote${preview}`,
  };
}

/** "(3) Live · Parley": how many chats need me, ahead of the page's own title. */
export function titleWithCount(title: string, count: number): string {
  const bare = title.replace(/^\(\d+\) /, '');
  return count > 0 ? `(${count}) ${bare}` : bare;
}

/**
 * Chats that rang and are not read yet, each with what I had read of it when it rang: reading
 * it anywhere (this tab, another, another browser) changes that, and it stops counting.
 */
export type Waiting = ReadonlyMap<string, string | undefined>;

export function stillWaiting(waiting: Waiting, seen: Readonly<Record<string, string>>): Waiting {
  let changed = false;
  const next = new Map<string, string | undefined>();
  for (const [chatId, readAtThen] of waiting) {
    if (seen[chatId] !== readAtThen) changed = true;
    else next.set(chatId, readAtThen);
  }
  return changed ? next : waiting;
}

/** How many chats rang and still need me: not read since, and not the one on screen. */
export function countWaiting(
  waiting: Waiting,
  seen: Readonly<Record<string, string>>,
  onScreen: string | null,
): number {
  let count = 0;
  for (const [chatId, readAtThen] of waiting)
    if (chatId !== onScreen && seen[chatId] === readAtThen) count++;
  return count;
}
