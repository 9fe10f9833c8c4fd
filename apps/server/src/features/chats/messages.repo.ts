import type { MessageContent } from '@parley/contract';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { chats, events, messages, outbox } from '../../db/schema.ts';
import type { MessageRow } from './chat-payloads.repo.ts';

/**
 * Where the timeline's next page sits: the seqs of its messages and events, newest first, and one
 * more when there is a page after it.
 */
export async function findTimelinePositions(
  db: Db,
  chatId: string,
  beforeSeq: number | undefined,
  limit: number,
  hiddenEvents: readonly string[] = [],
) {
  const bound = beforeSeq !== undefined ? sql`and seq < ${beforeSeq}` : sql``;
  const hidden =
    hiddenEvents.length > 0 ? sql`and type <> all(${sql.param([...hiddenEvents])}::text[])` : sql``;
  const positions = await queryRows<{ seq: number; kind: 'message' | 'event' }>(
    db,
    sql`(select seq, 'message' as kind from messages where chat_id = ${chatId} ${bound} order by seq desc limit ${limit + 1})
        union all
        (select seq, 'event' as kind from events where chat_id = ${chatId} ${bound} ${hidden} order by seq desc limit ${limit + 1})
        order by seq desc limit ${limit + 1}`,
  );
  return positions.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function findMessagesBySeq(db: Db, chatId: string, seqs: number[]) {
  if (seqs.length === 0) return [];
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.chatId, chatId), inArray(messages.seq, seqs)));
}

export async function findEventsBySeq(db: Db, chatId: string, seqs: number[]) {
  if (seqs.length === 0) return [];
  return db
    .select()
    .from(events)
    .where(and(eq(events.chatId, chatId), inArray(events.seq, seqs)));
}

/** A page of messages, newest first, and one more when there is a next page. */
export async function findMessagesBefore(
  db: Db,
  chatId: string,
  beforeSeq: number | undefined,
  limit: number,
): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.chatId, chatId),
        beforeSeq !== undefined ? lt(messages.seq, beforeSeq) : undefined,
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(limit + 1);
}

export async function findMessageByClientId(tx: Db, chatId: string, clientId: string) {
  const [row] = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.chatId, chatId), eq(messages.clientId, clientId)));
  return row;
}

/** A reply written at the desk; `queued` ones wait for the outbox worker, `sent` ones do not. */
export async function insertStaffReply(
  tx: Db,
  reply: {
    chatId: string;
    channelId: string;
    text: string;
    /** What the message is when it carries files; null for plain text. */
    content?: MessageContent | null;
    staffId: string;
    status: 'sent' | 'queued';
    clientId: string;
  },
): Promise<MessageRow> {
  const [row] = await tx
    .insert(messages)
    .values({
      chatId: reply.chatId,
      channelId: reply.channelId,
      direction: 'out',
      text: reply.text,
      content: reply.content ?? null,
      authorKind: 'staff',
      authorStaffId: reply.staffId,
      status: reply.status,
      clientId: reply.clientId,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  // Staff answered: the customer is no longer waiting, and their inactivity counts from here.
  await tx
    .update(chats)
    .set({
      lastActivityAt: row.createdAt,
      lastStaffReplyAt: row.createdAt,
      awaitingReplySince: null,
    })
    .where(eq(chats.id, reply.chatId));
  return row;
}

/** Hands a stored reply to the outbox worker, in the transaction that stored it (ADR 5). */
export async function queueForDelivery(tx: Db, messageId: string) {
  await tx.insert(outbox).values({ messageId });
}

/**
 * A failed reply of this chat goes back to `status` (queued for the outbox, or sent for a web
 * chat), its reason cleared. Only from failed: of parallel retries one changes it, the rest find
 * nothing. Undefined when nothing changed.
 */
export async function requeueFailedReply(
  tx: Db,
  chatId: string,
  messageId: string,
  status: 'queued' | 'sent',
): Promise<MessageRow | undefined> {
  const [row] = await tx
    .update(messages)
    .set({ status, failureReason: null })
    .where(
      and(
        eq(messages.id, messageId),
        eq(messages.chatId, chatId),
        eq(messages.direction, 'out'),
        eq(messages.status, 'failed'),
      ),
    )
    .returning();
  return row;
}

/** One message of this chat, for telling "no such message" from "not failed". */
export async function findChatMessage(db: Db, chatId: string, messageId: string) {
  const [row] = await db
    .select({ id: messages.id, direction: messages.direction, status: messages.status })
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.chatId, chatId)));
  return row;
}
