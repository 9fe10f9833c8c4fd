import type { Chat } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { type Principal } from '../../principal.ts';
import type { EmitFrame } from '../../realtime/frames.ts';
import { chatAudience, rooms, widgetRoomOf } from '../../realtime/rooms.ts';
import { insertEvent } from './chat-events.repo.ts';
import {
  type ChatRow,
  findChat,
  findChatFromKnown,
  type KnownChat,
  toEvents,
} from './chat-payloads.repo.ts';
import { findChatRow } from './chats.repo.ts';

export type Actor = { kind: 'staff'; staffId: string } | { kind: 'system' } | { kind: 'customer' };

export const actorOf = (principal: Principal): Actor =>
  principal.kind === 'staff' ? { kind: 'staff', staffId: principal.staffId } : { kind: 'system' };

/** Writes an immutable event and announces it to the chat's room, in the caller's transaction. */
export async function recordEvent(
  tx: Db,
  emit: EmitFrame,
  event: {
    chatId: string | null;
    customerId: string;
    type: string;
    actor: Actor;
    data?: Record<string, unknown>;
  },
) {
  const row = await insertEvent(tx, {
    chatId: event.chatId,
    customerId: event.customerId,
    type: event.type,
    actorKind: event.actor.kind,
    actorStaffId: event.actor.kind === 'staff' ? event.actor.staffId : null,
    data: event.data ?? {},
  });
  const [payload] = await toEvents(tx, [row]);
  if (event.chatId && payload)
    await emit({ type: 'event.created', rooms: [rooms.chat(event.chatId)], data: payload });
  return row;
}

/** How a chat was before a change: whoever saw it then must see it leave. */
export type ChatBefore = { assigneeId: string | null; status: ChatRow['status'] };

/** Announces a chat's new state to everyone whose view of it may change (`chatAudience`). */
export async function announceChat(
  tx: Db,
  emit: EmitFrame,
  chatId: string,
  before?: ChatBefore,
  known?: KnownChat,
): Promise<Chat | undefined> {
  const chat = known ? await findChatFromKnown(tx, known) : await findChat(tx, chatId);
  if (!chat) return undefined;
  const to = chatAudience(
    {
      id: chatId,
      assigneeId: chat.assignee?.id ?? null,
      status: chat.status,
      departmentId: chat.department.id,
    },
    before,
  );
  await emit({ type: 'chat.updated', rooms: to, data: chat });
  await tellChatAnnounced(
    tx,
    emit,
    { id: chat.id, status: chat.status, assigneeId: chat.assignee?.id ?? null },
    before,
  );
  // The customer's widget hears that the chat ended, and nothing else about it.
  if (chat.status === 'closed' && before && before.status !== 'closed') {
    const row = known?.row ?? (await findChatRow(tx, chatId));
    if (row)
      await emit({
        type: 'chat.ended',
        rooms: [widgetRoomOf(row)],
        data: { chatId: chat.id, at: chat.closedAt ?? new Date().toISOString() },
      });
  }
  return chat;
}

/**
 * What a feature that shows a chat elsewhere does when the chat is announced (the widget tells
 * the visitor their place in the queue, or who joined), in the same transaction. `before` as
 * `announceChat` was given it; chats never import those features.
 */
export type ChatAnnouncedHook = (
  tx: Db,
  emit: EmitFrame,
  chat: { id: string; status: ChatRow['status']; assigneeId: string | null },
  before?: ChatBefore,
) => Promise<void>;

const announcedHooks = new Set<ChatAnnouncedHook>();

export function onChatAnnounced(hook: ChatAnnouncedHook): void {
  announcedHooks.add(hook);
}

/** A chat (or the ticket it became) was announced: every registered feature hears it. */
export async function tellChatAnnounced(
  ...[tx, emit, chat, before]: Parameters<ChatAnnouncedHook>
): Promise<void> {
  for (const hook of announcedHooks) await hook(tx, emit, chat, before);
}

/**
 * What a feature that keeps data about a chat does when the chat closes, inside the closing
 * transaction, on every close path (chat-lifecycle.service.ts `closeChatTransition`). The chat
 * announces the close and those features react, so chats never import them (comments register
 * their purge this way).
 */
export type ChatClosedHook = (tx: Db, emit: EmitFrame, chatId: string) => Promise<void>;

// A set: every app built in one process (tests build many) registers the same hooks once.
const closedHooks = new Set<ChatClosedHook>();

export function onChatClosed(hook: ChatClosedHook): void {
  closedHooks.add(hook);
}

/** A chat closed: every registered feature forgets, in this transaction, what it must. */
export async function announceChatClosed(tx: Db, emit: EmitFrame, chatId: string): Promise<void> {
  // Fail closed: a close that nobody purges after (comments) would leave private words behind.
  if (closedHooks.size === 0)
    throw new Error('No feature listens for closed chats: register them (app.ts) before closing.');
  for (const hook of closedHooks) await hook(tx, emit, chatId);
}
