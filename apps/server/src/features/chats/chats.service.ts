import type { Chat, ChatList, ChatView, Message, Timeline } from '@parley/contract';
import { and, desc, eq, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { chatReads, chats, customers, events, messages, outbox } from '../../db/schema.ts';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import { isSupervisor, type Principal, requireStaff } from '../../principal.ts';
import { type Notifier, transact } from '../../realtime/events.ts';
import type { Presence } from '../../realtime/presence.ts';
import { customerVisibleRooms } from '../../realtime/rooms.ts';
import { announceChat } from './chat-events.ts';
import { assertViewable, assertWriter } from './chat-access.ts';
import {
  findChannel,
  findChat,
  findChatRow,
  selectChats,
  toChat,
  toEvents,
  toMessages,
} from './chats.repo.ts';
/** What every chat service needs: the database, the hub's wake-up and who is online. */
export type ChatDeps = { db: Db; notifier: Notifier; presence: Presence };

export type ChatServiceDeps = ChatDeps & { outbox?: { wake(): void } };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads a chat the principal may see, or 404 (also for ids that are not ids). */
export async function loadViewable(deps: ChatDeps, p: Principal, id: string, lock = false) {
  if (!UUID.test(id)) throw notFound('No such chat.');
  return assertViewable(deps.db, p, await findChatRow(deps.db, id, lock));
}

export async function getChat(deps: ChatDeps, p: Principal, id: string): Promise<Chat> {
  await loadViewable(deps, p, id);
  const chat = await findChat(deps.db, id);
  if (!chat) throw notFound('No such chat.');
  return chat;
}

function viewFilter(p: Principal, view: ChatView): SQL | undefined {
  const s = requireStaff(p);
  const mine = eq(chats.assigneeId, s.staffId);
  const everyone = isSupervisor(p);
  switch (view) {
    case 'live':
      return and(eq(chats.status, 'live'), mine);
    case 'pending':
      return and(eq(chats.status, 'pending'), mine);
    case 'closed':
      return and(eq(chats.status, 'closed'), everyone ? undefined : mine);
    case 'flagged':
      return and(eq(chats.flagged, true), ne(chats.status, 'closed'), everyone ? undefined : mine);
    case 'queue':
      if (everyone) return eq(chats.status, 'queued');
      if (s.departmentIds.length === 0) return sql`false`;
      return and(eq(chats.status, 'queued'), inArray(chats.departmentId, s.departmentIds));
    case 'all':
      if (!everyone) throw forbidden('Only supervisors see every chat.');
      return ne(chats.status, 'closed');
    case 'tagged':
      return and(
        ne(chats.status, 'closed'),
        sql`exists (select 1 from chat_tags t where t.chat_id = ${chats.id} and t.staff_id = ${s.staffId})`,
      );
  }
}

export async function listChats(
  deps: ChatDeps,
  p: Principal,
  q: { view: ChatView; sort: 'activity' | 'newest'; cursor?: string | undefined; limit: number },
): Promise<ChatList> {
  // "Newest activity" means the customer's: an agent's own reply does not lift a chat.
  const column =
    q.sort === 'newest'
      ? sql`${chats.createdAt}`
      : sql`coalesce(${chats.lastCustomerActivityAt}, ${chats.createdAt})`;
  const after = decodeCursor(q.cursor, { at: 'time', id: 'uuid' });
  const page = await selectChats(deps.db)
    .where(
      and(
        viewFilter(p, q.view),
        after
          ? or(
              lt(column, new Date(after.at)),
              and(eq(column, new Date(after.at)), lt(chats.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(column), desc(chats.id))
    .limit(q.limit + 1);
  const items = page.slice(0, q.limit).map(toChat);
  const last = page.length > q.limit ? page[q.limit - 1] : undefined;
  const nextCursor = last
    ? encodeCursor({
        at: (q.sort === 'newest'
          ? last.chat.createdAt
          : (last.chat.lastCustomerActivityAt ?? last.chat.createdAt)
        ).toISOString(),
        id: last.chat.id,
      })
    : null;
  return { items, nextCursor };
}

async function customerName(deps: ChatDeps, customerId: string) {
  const [row] = await deps.db
    .select({ name: customers.name })
    .from(customers)
    .where(eq(customers.id, customerId));
  return row?.name ?? null;
}

/** The conversation: messages and events interleaved, newest page first, each page oldest first. */
export async function getTimeline(
  deps: ChatDeps,
  p: Principal,
  id: string,
  q: { cursor?: string | undefined; limit: number },
): Promise<Timeline> {
  const chat = await loadViewable(deps, p, id);
  const before = decodeCursor(q.cursor, { seq: 'seq' });
  const bound = before ? sql`and seq < ${before.seq}` : sql``;
  const positions = await queryRows<{ seq: number; kind: 'message' | 'event' }>(
    deps.db,
    sql`(select seq, 'message' as kind from messages where chat_id = ${id} ${bound} order by seq desc limit ${q.limit + 1})
        union all
        (select seq, 'event' as kind from events where chat_id = ${id} ${bound} order by seq desc limit ${q.limit + 1})
        order by seq desc limit ${q.limit + 1}`,
  );
  const more = positions.length > q.limit;
  const kept = positions.slice(0, q.limit).map((r) => ({ ...r, seq: Number(r.seq) }));
  const seqsOf = (kind: string) => kept.filter((r) => r.kind === kind).map((r) => r.seq);
  const [messageRows, eventRows] = await Promise.all([
    seqsOf('message').length
      ? deps.db
          .select()
          .from(messages)
          .where(and(eq(messages.chatId, id), inArray(messages.seq, seqsOf('message'))))
      : [],
    seqsOf('event').length
      ? deps.db
          .select()
          .from(events)
          .where(and(eq(events.chatId, id), inArray(events.seq, seqsOf('event'))))
      : [],
  ]);
  const name = await customerName(deps, chat.customerId);
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
  p: Principal,
  id: string,
  q: { cursor?: string | undefined; limit: number },
) {
  const chat = await loadViewable(deps, p, id);
  const before = decodeCursor(q.cursor, { seq: 'seq' });
  const rows = await deps.db
    .select()
    .from(messages)
    .where(and(eq(messages.chatId, id), before ? lt(messages.seq, before.seq) : undefined))
    .orderBy(desc(messages.seq))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const items = await toMessages(
    deps.db,
    page.reverse(),
    await customerName(deps, chat.customerId),
  );
  const oldest = items[0];
  return {
    items,
    nextCursor: rows.length > q.limit && oldest ? encodeCursor({ seq: oldest.seq }) : null,
  };
}

/**
 * Sends a reply. The message and its outbox row are written together; the adapter delivers it
 * after the commit. A repeated clientId returns the first message and sends nothing again.
 */
export async function sendMessage(
  deps: ChatServiceDeps,
  p: Principal,
  id: string,
  body: { text: string; clientId: string },
): Promise<{ message: Message; created: boolean }> {
  const s = requireStaff(p);
  const viewed = await loadViewable(deps, p, id);
  // Read before the transaction: a chat never changes channel, and on the embedded database a
  // query outside the open transaction would wait for it to finish, which never happens.
  const channel = await findChannel(deps.db, viewed.channelId);
  const result = await transact(deps, async (tx, emit) => {
    const chat = await findChatRow(tx, id, true);
    if (!chat) throw notFound('No such chat.');
    const [existing] = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.chatId, id), eq(messages.clientId, body.clientId)));
    const [customer] = await tx.select().from(customers).where(eq(customers.id, chat.customerId));
    if (existing) {
      const [message] = await toMessages(tx, [existing], customer?.name ?? null);
      return { message: message!, created: false, kind: '' };
    }
    assertWriter(p, chat);
    if (customer?.optedOutAt)
      throw conflict(
        'The customer opted out with //stop. They must write again before you can reply.',
      );
    const direct = channel?.kind === 'webchat';
    const [row] = await tx
      .insert(messages)
      .values({
        chatId: id,
        channelId: chat.channelId,
        direction: 'out',
        text: body.text,
        authorKind: 'staff',
        authorStaffId: s.staffId,
        status: direct ? 'sent' : 'queued',
        clientId: body.clientId,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    if (!direct) await tx.insert(outbox).values({ messageId: row.id });
    await tx.update(chats).set({ lastActivityAt: row.createdAt }).where(eq(chats.id, id));
    const [message] = await toMessages(tx, [row], customer?.name ?? null);
    await emit({
      type: 'message.created',
      rooms: customerVisibleRooms(chat),
      data: message!,
    });
    await announceChat(tx, emit, id);
    return { message: message!, created: true, kind: channel?.kind ?? '' };
  });
  if (result.created && result.kind !== 'webchat') deps.outbox?.wake();
  return { message: result.message, created: result.created };
}

export async function markRead(deps: ChatDeps, p: Principal, id: string): Promise<void> {
  const s = requireStaff(p);
  await loadViewable(deps, p, id);
  await deps.db
    .insert(chatReads)
    .values({ chatId: id, staffId: s.staffId })
    .onConflictDoUpdate({
      target: [chatReads.chatId, chatReads.staffId],
      set: { readAt: sql`now()` },
    });
}
