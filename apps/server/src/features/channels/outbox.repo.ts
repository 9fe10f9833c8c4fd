import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { outbox } from '../../db/schema.ts';

/**
 * A row this worker holds until `leaseUntil`; past that another worker may take it over. A null
 * `messageId` is a direct send (a verification code): its channel, number and text are on the row.
 */
export type OutboxClaim = {
  id: number;
  messageId: string | null;
  attempts: number;
  leaseUntil: Date;
};

/**
 * Takes up to `limit` due rows and leases them by pushing their next attempt past the send
 * deadline, in one short statement: SKIP LOCKED lets workers on several nodes claim side by side
 * without ever taking the same row, and the lease (not a held lock) covers the provider call, so
 * a worker that dies mid-send leaves a row that simply becomes due again.
 *
 * Only the oldest pending reply of each chat is claimable, so a customer reads replies in the
 * order they were written even when one of them is being retried. Direct sends belong to no chat.
 * Media fetches are claimed apart (claimDueMediaFetches), so a slow download never holds a reply.
 */
export async function claimDueOutbox(
  db: Db,
  opts: { limit: number; leaseMs: number },
): Promise<OutboxClaim[]> {
  const rows = await queryRows<{
    id: number | string;
    message_id: string | null;
    attempts: number;
    lease_until: Date | string;
  }>(
    db,
    sql`update outbox set next_attempt_at = date_trunc('milliseconds', now()) + ${opts.leaseMs} * interval '1 millisecond'
        where id in (
          select o.id from outbox o
          left join messages m on m.id = o.message_id
          where o.state = 'pending' and o.next_attempt_at <= now() and o.attachment_id is null
            and (o.message_id is null or not exists (
              select 1 from outbox earlier
              join messages em on em.id = earlier.message_id
              where earlier.state = 'pending' and earlier.id < o.id and em.chat_id = m.chat_id))
          order by o.next_attempt_at, o.id
          limit ${opts.limit}
          for update of o skip locked)
        returning id, message_id, attempts, next_attempt_at as lease_until`,
  );
  return rows
    .map((row) => ({
      id: Number(row.id),
      messageId: row.message_id,
      attempts: row.attempts,
      leaseUntil: new Date(row.lease_until),
    }))
    .sort((one, other) => one.id - other.id);
}

/**
 * Settles a claimed row, only while this worker still holds its lease: a worker that overran it
 * must not overwrite the outcome of the one that took over. False when the lease was lost. A
 * settled row keeps no text: a direct send's body (a one-time code) is cleared with it.
 */
export async function settleOutbox(
  db: Db,
  claim: OutboxClaim,
  outcome:
    | { state: 'done' }
    | { state: 'failed'; error: string }
    | { state: 'pending'; error: string; delayMs: number },
): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({
      state: outcome.state,
      attempts: claim.attempts + 1,
      lastError: outcome.state === 'done' ? null : outcome.error,
      ...(outcome.state === 'pending' ? {} : { body: null }),
      ...(outcome.state === 'pending'
        ? {
            nextAttemptAt: sql`now() + ${Math.round(outcome.delayMs)} * interval '1 millisecond'`,
          }
        : {}),
    })
    .where(
      and(
        eq(outbox.id, claim.id),
        eq(outbox.state, 'pending'),
        eq(outbox.nextAttemptAt, claim.leaseUntil),
      ),
    )
    .returning({ id: outbox.id });
  return rows.length > 0;
}

/**
 * Queues a direct send (a verification code): this text through this channel to this number.
 * Call it in the transaction that records why it is sent, so nothing goes out for a rollback.
 */
export async function queueDirectSend(
  db: Db,
  send: { channelId: string; toPhone: string; body: string },
): Promise<void> {
  await db.insert(outbox).values(send);
}

/** A direct send's channel, number and text; undefined when any is missing. */
export async function findDirectSend(db: Db, id: number) {
  const [row] = await db
    .select({ channelId: outbox.channelId, toPhone: outbox.toPhone, body: outbox.body })
    .from(outbox)
    .where(eq(outbox.id, id));
  if (!row?.channelId || !row.toPhone || !row.body) return undefined;
  return { channelId: row.channelId, toPhone: row.toPhone, body: row.body };
}

/** A customer's file to fetch from the provider, leased like a send. */
export type MediaClaim = OutboxClaim & { attachmentId: string };

/** Claims due media fetches as claimDueOutbox claims sends, apart from them and in no chat order. */
export async function claimDueMediaFetches(
  db: Db,
  opts: { limit: number; leaseMs: number },
): Promise<MediaClaim[]> {
  const rows = await queryRows<{
    id: number | string;
    attachment_id: string;
    attempts: number;
    lease_until: Date | string;
  }>(
    db,
    sql`update outbox set next_attempt_at = date_trunc('milliseconds', now()) + ${opts.leaseMs} * interval '1 millisecond'
        where id in (
          select id from outbox
          where state = 'pending' and next_attempt_at <= now() and attachment_id is not null
          order by next_attempt_at, id
          limit ${opts.limit}
          for update skip locked)
        returning id, attachment_id, attempts, next_attempt_at as lease_until`,
  );
  return rows
    .map((row) => ({
      id: Number(row.id),
      messageId: null,
      attachmentId: row.attachment_id,
      attempts: row.attempts,
      leaseUntil: new Date(row.lease_until),
    }))
    .sort((one, other) => one.id - other.id);
}

/**
 * Queues fetching a customer's file (an attachment row in state `downloading` with its source).
 * Call it in the transaction that stores the message, so a stored message always gets its file.
 */
export async function queueMediaFetch(db: Db, attachmentId: string): Promise<void> {
  await db.insert(outbox).values({ attachmentId });
}
