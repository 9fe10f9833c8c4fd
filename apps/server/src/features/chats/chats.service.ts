import type {
  Chat,
  ChatCounts,
  ChatList,
  ChatRead,
  ChatReadList,
  ChatView,
  Message,
  Timeline,
} from '@parley/contract';
import { attachUploads, checkUploads, describeFiles, type FileStore } from '../files/index.ts';
import type { Db } from '../../db/client.ts';
import { enqueueWebhookEvent } from '../webhooks/index.ts';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import { isSupervisor, type Principal, requireStaff } from '../../principal.ts';
import { type EmitFrame, type Notifier, transact } from '../../realtime/frames.ts';
import type { Presence } from '../../realtime/presence.ts';
import { customerVisibleRooms, rooms } from '../../realtime/rooms.ts';
import { assertViewable, assertWriter } from './chat-access.service.ts';
import { SUPERVISOR_ONLY_EVENTS } from './chat-events.repo.ts';
import { announceChat } from './chat-events.service.ts';
import { findChat, toEvents, toMessages } from './chat-payloads.repo.ts';
import {
  type ChatRow,
  findChannel,
  findChatRow,
  type ChatListSort,
  countChatsInViews,
  findChatsInView,
  findCustomer,
  findCustomerName,
} from './chats.repo.ts';
import { findChatReads, upsertChatRead } from './chat-reads.repo.ts';
import {
  findEventsBySeq,
  findMessageByClientId,
  findMessagesBefore,
  findMessagesBySeq,
  findTimelinePositions,
  insertStaffReply,
  queueForDelivery,
} from './messages.repo.ts';

/** What every chat service needs: the database, the hub's wake-up and who is online. */
export type ChatDeps = { db: Db; notifier: Notifier; presence: Presence };

export type ChatServiceDeps = ChatDeps & { outbox?: { wake(): void }; files?: FileStore };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads a chat the principal may see, or 404 (also for ids that are not ids). */
export async function loadViewable(deps: ChatDeps, principal: Principal, id: string, lock = false) {
  if (!UUID.test(id)) throw notFound('No such chat.');
  return assertViewable(deps.db, principal, await findChatRow(deps.db, id, lock));
}

export async function getChat(deps: ChatDeps, principal: Principal, id: string): Promise<Chat> {
  await loadViewable(deps, principal, id);
  const chat = await findChat(deps.db, id);
  if (!chat) throw notFound('No such chat.');
  return chat;
}

export async function listChats(
  deps: ChatDeps,
  principal: Principal,
  query: {
    view: ChatView;
    sort: ChatListSort;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<ChatList> {
  const me = requireStaff(principal);
  const seesEveryone = isSupervisor(principal);
  if (query.view === 'all' && !seesEveryone) throw forbidden('Only supervisors see every chat.');
  const page = await findChatsInView(deps.db, {
    view: query.view,
    viewer: { staffId: me.staffId, departmentIds: me.departmentIds, seesEveryone },
    sort: query.sort,
    after: decodeCursor(query.cursor, { at: 'time', id: 'uuid' }),
    limit: query.limit,
  });
  const items = page.slice(0, query.limit);
  const last = page.length > query.limit ? page[query.limit - 1] : undefined;
  const nextCursor = last
    ? encodeCursor({
        at:
          query.sort === 'newest'
            ? last.createdAt
            : query.sort === 'waiting'
              ? (last.queuedAt ?? last.createdAt)
              : (last.lastCustomerActivityAt ?? last.createdAt),
        id: last.id,
      })
    : null;
  return { items, nextCursor };
}

/** The counts beside the desk's views, as the lists themselves would count them. */
export async function countChats(deps: ChatDeps, principal: Principal): Promise<ChatCounts> {
  const me = requireStaff(principal);
  return countChatsInViews(deps.db, {
    staffId: me.staffId,
    departmentIds: me.departmentIds,
    seesEveryone: isSupervisor(principal),
  });
}

/**
 * The conversation: messages and events interleaved, newest page first, each page oldest first.
 * Supervisor-only events (monitoring) are left out for everyone else.
 */
export async function getTimeline(
  deps: ChatDeps,
  principal: Principal,
  id: string,
  paging: { cursor?: string | undefined; limit: number },
): Promise<Timeline> {
  const chat = await loadViewable(deps, principal, id);
  const before = decodeCursor(paging.cursor, { seq: 'seq' });
  const hidden = isSupervisor(principal) ? [] : SUPERVISOR_ONLY_EVENTS;
  const positions = await findTimelinePositions(deps.db, id, before?.seq, paging.limit, hidden);
  const more = positions.length > paging.limit;
  const kept = positions.slice(0, paging.limit);
  const seqsOf = (kind: string) => kept.filter((r) => r.kind === kind).map((r) => r.seq);
  const [messageRows, eventRows] = await Promise.all([
    findMessagesBySeq(deps.db, id, seqsOf('message')),
    findEventsBySeq(deps.db, id, seqsOf('event')),
  ]);
  const name = await findCustomerName(deps.db, chat.customerId);
  const items = [
    ...(await toMessages(deps.db, messageRows, name)).map((m) => ({
      ...m,
      kind: 'message' as const,
    })),
    ...(await toEvents(deps.db, eventRows)).map((e) => ({ ...e, kind: 'event' as const })),
  ].sort((a, b) => a.seq - b.seq);
  const oldest = kept[kept.length - 1];
  return { items, nextCursor: more && oldest ? encodeCursor({ seq: oldest.seq }) : null };
}

/** Messages only, for integrations: the same paging as the timeline. */
export async function getMessages(
  deps: ChatDeps,
  principal: Principal,
  id: string,
  paging: { cursor?: string | undefined; limit: number },
) {
  const chat = await loadViewable(deps, principal, id);
  const before = decodeCursor(paging.cursor, { seq: 'seq' });
  const rows = await findMessagesBefore(deps.db, id, before?.seq, paging.limit);
  const page = rows.slice(0, paging.limit);
  const items = await toMessages(
    deps.db,
    page.reverse(),
    await findCustomerName(deps.db, chat.customerId),
  );
  const oldest = items[0];
  return {
    items,
    nextCursor: rows.length > paging.limit && oldest ? encodeCursor({ seq: oldest.seq }) : null,
  };
}

/**
 * What differs between a reply in a chat and in a ticket: who may write (checked on the locked
 * row), and what is announced after the reply is stored, in the same transaction.
 */
export type ReplyRules = {
  assertWriter(principal: Principal, chat: ChatRow): void;
  afterReply(tx: Db, emit: EmitFrame, chat: ChatRow, principal: Principal): Promise<void>;
};

const chatReplyRules: ReplyRules = {
  assertWriter(principal, chat) {
    if (chat.kind === 'ticket')
      throw conflict('This is a ticket: reply from Tickets (POST /api/tickets/{id}/messages).');
    assertWriter(principal, chat);
  },
  async afterReply(tx, emit, chat) {
    await announceChat(tx, emit, chat.id);
  },
};

/**
 * Whether the principal may write to the customer in this chat now (as a reply would check):
 * 404 when they cannot see it, 403 or 409 when they may not write. For uploads before a send.
 */
export async function assertChatWriter(deps: ChatDeps, principal: Principal, id: string) {
  chatReplyRules.assertWriter(principal, await loadViewable(deps, principal, id));
}

/**
 * Sends a reply. The message and its outbox row are written together; the adapter delivers it
 * after the commit. A repeated clientId returns the first message and sends nothing again.
 * Tickets reply through the same path with their own rules (features/tickets).
 */
export async function sendMessage(
  deps: ChatServiceDeps,
  principal: Principal,
  id: string,
  body: { text: string; clientId: string; attachments?: readonly string[] | undefined },
  rules: ReplyRules = chatReplyRules,
): Promise<{ message: Message; created: boolean }> {
  const me = requireStaff(principal);
  const viewed = await loadViewable(deps, principal, id);
  // Read before the transaction: a chat never changes channel, and on the embedded database a
  // query outside the open transaction would wait for it to finish, which never happens.
  const channel = await findChannel(deps.db, viewed.channelId);
  const result = await transact(deps, async (tx, emit) => {
    const chat = await findChatRow(tx, id, true);
    if (!chat) throw notFound('No such chat.');
    const existing = await findMessageByClientId(tx, id, body.clientId);
    const customer = await findCustomer(tx, chat.customerId);
    if (existing) {
      const [message] = await toMessages(tx, [existing], customer?.name ?? null);
      return { message: message!, created: false, kind: '' };
    }
    rules.assertWriter(principal, chat);
    if (customer?.optedOutAt)
      throw conflict(
        'The customer opted out with //stop. They must write again before you can reply.',
      );
    // Files go with the message: each must be this sender's upload here, not sent yet (422).
    const uploads = body.attachments ?? [];
    const sender = { kind: 'staff' as const, staffId: me.staffId, chatId: id };
    const files = uploads.length > 0 ? await checkUploads(tx, uploads, sender, true) : [];
    const described = files.length > 0 ? describeFiles(files, body.text) : undefined;
    // A web chat's widget socket carries the reply: nothing waits for a provider.
    const direct = channel?.kind === 'webchat';
    const row = await insertStaffReply(tx, {
      chatId: id,
      channelId: chat.channelId,
      text: described?.text ?? body.text,
      content: described?.content ?? null,
      staffId: me.staffId,
      status: direct ? 'sent' : 'queued',
      clientId: body.clientId,
    });
    if (files.length > 0)
      await attachUploads(
        tx,
        files.map((file) => file.id),
        { chatId: id, messageId: row.id },
      );
    if (!direct) await queueForDelivery(tx, row.id);
    const [message] = await toMessages(tx, [row], customer?.name ?? null);
    await emit({
      type: 'message.created',
      rooms: customerVisibleRooms(chat),
      data: message!,
    });
    await enqueueWebhookEvent(tx, 'message.out', message!);
    await rules.afterReply(tx, emit, chat, principal);
    return { message: message!, created: true, kind: channel?.kind ?? '' };
  });
  if (result.created && result.kind !== 'webchat') deps.outbox?.wake();
  return { message: result.message, created: result.created };
}

/**
 * Marks the chat read for me now, and tells my other tabs and browsers (my own room only: what
 * I have read is nobody else's business). A chat I may not see is 404.
 */
export async function markRead(
  deps: ChatDeps,
  principal: Principal,
  id: string,
): Promise<ChatRead> {
  const me = requireStaff(principal);
  await loadViewable(deps, principal, id);
  return transact(deps, async (tx, emit) => {
    const readAt = await upsertChatRead(tx, id, me.staffId);
    const read = { chatId: id, readAt: readAt.toISOString() };
    await emit({ type: 'chat.read', rooms: [rooms.staff(me.staffId)], data: read });
    return read;
  });
}

const READS_LIMIT = 1000;

/** What I have read of the chats that can carry a marker for me, latest first (bounded). */
export async function listReads(deps: ChatDeps, principal: Principal): Promise<ChatReadList> {
  const me = requireStaff(principal);
  const rows = await findChatReads(deps.db, me, READS_LIMIT);
  return {
    items: rows.map((row) => ({ chatId: row.chatId, readAt: row.readAt.toISOString() })),
  };
}
