import type { TicketReason, WidgetChat } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import type { EmitFrame } from '../../realtime/frames.ts';
import { widgetRoomOf } from '../../realtime/rooms.ts';
import { departmentOpenAt } from '../business-hours/index.ts';
import type { ChatAnnouncedHook } from '../chats/index.ts';
import { firstName } from './widget-message.ts';
import * as repo from './widget.repo.ts';

/** The estimate looks at the chats first taken within this window. */
const WAIT_WINDOW_MS = 60 * 60_000;
/** Fewer chats taken than this in the window: too few to tell, so no estimate at all. */
const WAIT_MIN_SAMPLES = 3;
/** Every queued visitor asks for their state every 15 s: the estimate is shared for a minute. */
const WAIT_CACHE_MS = 60_000;

const waitCache = new Map<string, { at: number; minutes: number | null }>();

/**
 * The expected wait in a department's queue: the median time from arrival to the first agent of
 * its chats taken in the last hour, in whole minutes (at least 1). Null when fewer than three were
 * taken: the widget says nothing rather than invent a number.
 */
export async function expectedWaitMinutes(
  db: Db,
  departmentId: string,
  now = new Date(),
): Promise<number | null> {
  const cached = waitCache.get(departmentId);
  if (cached && now.getTime() - cached.at < WAIT_CACHE_MS) return cached.minutes;
  const { seconds, count } = await repo.medianWaitSince(
    db,
    departmentId,
    new Date(now.getTime() - WAIT_WINDOW_MS),
  );
  const minutes =
    seconds === null || count < WAIT_MIN_SAMPLES ? null : Math.max(1, Math.ceil(seconds / 60));
  waitCache.set(departmentId, { at: now.getTime(), minutes });
  return minutes;
}

/** Forgets the shared estimates (tests that build their own history). */
export function forgetWaitEstimates(): void {
  waitCache.clear();
}

/** When an out-of-hours ticket's department opens next, while it is still closed. */
async function openingFor(db: Db, row: repo.WidgetChatRow): Promise<string | null> {
  if (row.ticketReason !== 'out_of_hours' || row.status === 'closed') return null;
  const hours = await departmentOpenAt(db, row.departmentId, new Date());
  return !hours.open && hours.nextOpening ? hours.nextOpening.toISOString() : null;
}

const TICKET_REASONS = new Set<string>(['out_of_hours', 'nobody_available', 'queue_timeout']);

/**
 * What the visitor may know of a chat, built field by field so nothing internal can slip in: its
 * place in the queue while queued, the agent's first name once taken, why it became a ticket.
 */
export async function toWidgetChat(db: Db, row: repo.WidgetChatRow): Promise<WidgetChat> {
  const queued = row.kind === 'chat' && row.status === 'queued';
  const taken = (row.status === 'live' || row.status === 'pending') && row.agentName !== null;
  const isTicket = row.kind === 'ticket';
  return {
    id: row.id,
    status: row.status,
    kind: row.kind,
    queue: queued
      ? {
          position: await repo.queuePosition(db, row),
          expectedWaitMinutes: await expectedWaitMinutes(db, row.departmentId),
        }
      : null,
    agent: taken ? { firstName: firstName(row.agentName!) } : null,
    ticket: isTicket
      ? {
          // A ticket without a recorded reason (should not happen) reads as nobody free.
          reason: (TICKET_REASONS.has(row.ticketReason ?? '')
            ? row.ticketReason
            : 'nobody_available') as TicketReason,
          contactLeft: row.ticketContact !== null,
          opening: await openingFor(db, row),
        }
      : null,
  };
}

/** The widget state of a chat by id, or null when it is gone. */
export async function widgetChatById(db: Db, chatId: string): Promise<WidgetChat | null> {
  const row = await repo.findChatState(db, chatId);
  return row ? toWidgetChat(db, row) : null;
}

/**
 * Tells the chat's widget what it may know now (`widget.chat`), only in the customer's widget
 * room (realtime/rooms.ts `widgetRoomOf`). Tickets call it when a conversation becomes one.
 */
export async function announceWidgetChat(tx: Db, emit: EmitFrame, chatId: string): Promise<void> {
  const key = await repo.findChatRoomKey(tx, chatId);
  const chat = await widgetChatById(tx, chatId);
  if (!key || !chat) return;
  await emit({ type: 'widget.chat', rooms: [widgetRoomOf(key)], data: chat });
}

/**
 * Registered with the chats (app.ts `onChatAnnounced`): a change the visitor would notice (its
 * status or its agent) reaches their widget in the same transaction, and so does every
 * announcement of a queued chat (it just arrived, or the visitor wrote again: a fresh position).
 * A flag or a tag on a live chat does not, nor a close (the widget hears `chat.ended`).
 */
export const widgetChatHook: ChatAnnouncedHook = async (tx, emit, chat, before) => {
  const unchanged =
    before !== undefined && before.status === chat.status && before.assigneeId === chat.assigneeId;
  if (unchanged && chat.status !== 'queued') return;
  // A close already reaches the widget as `chat.ended`, which reloads the conversation.
  if (chat.status === 'closed') return;
  await announceWidgetChat(tx, emit, chat.id);
};
