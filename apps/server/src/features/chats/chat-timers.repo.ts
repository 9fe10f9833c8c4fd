import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { alias } from 'drizzle-orm/pg-core';
import { channels, chats, customers, departments, messages, staff } from '../../db/schema.ts';
import type { MessageRow } from './chat-payloads.repo.ts';

/*
 * The chat timers' queries. Each "due" query reads `chats` through `chats_open_state_idx`
 * (status, state_since; live and pending only): every deadline counts from a moment no earlier
 * than `state_since`, so `state_since <= cutoff` bounds the scan and the rest filters it.
 */

const at = (moment: Date) => sql`${moment.toISOString()}::timestamptz`;

/**
 * Live, unflagged chats whose customer has waited on their agent since `cutoff` or longer,
 * counting from the customer's unanswered message or the agent's taking the chat, whichever is
 * later. Oldest deadline first.
 */
export async function findReplyTimeoutsDue(db: Db, cutoff: Date, limit: number) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from chats
        where status = 'live' and kind = 'chat' and state_since <= ${at(cutoff)}
          and not flagged and assignee_id is not null and awaiting_reply_since is not null
          and greatest(awaiting_reply_since, state_since) <= ${at(cutoff)}
        order by greatest(awaiting_reply_since, state_since), id
        limit ${limit}`,
  );
  return rows.map((row) => row.id);
}

/**
 * Live, unflagged chats where staff spoke last and the customer has been quiet since: due to close
 * (quiet since `closeCutoff`) or to be warned (quiet since `warnCutoff` and not warned since).
 */
export async function findInactivityDue(
  db: Db,
  cutoffs: { warn: Date; close: Date },
  limit: number,
) {
  const base = sql`greatest(last_staff_reply_at, state_since)`;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from chats
        where status = 'live' and kind = 'chat' and state_since <= ${at(cutoffs.warn)}
          and not flagged and awaiting_reply_since is null
          and (${base} <= ${at(cutoffs.close)}
               or (${base} <= ${at(cutoffs.warn)}
                   and (inactivity_warned_at is null or inactivity_warned_at < ${base})))
        order by ${base}, id
        limit ${limit}`,
  );
  return rows.map((row) => row.id);
}

/** Pending, unflagged chats pending since `cutoff` or longer. */
export async function findPendingCloseDue(db: Db, cutoff: Date, limit: number) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from chats
        where status = 'pending' and kind = 'chat' and state_since <= ${at(cutoff)} and not flagged
        order by state_since, id
        limit ${limit}`,
  );
  return rows.map((row) => row.id);
}

/**
 * Pending, unflagged chats pending since `warn` or longer but not yet since `close`, and not
 * warned since they went pending.
 */
export async function findPendingWarningDue(
  db: Db,
  cutoffs: { warn: Date; close: Date },
  limit: number,
) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from chats
        where status = 'pending' and state_since <= ${at(cutoffs.warn)}
          and state_since > ${at(cutoffs.close)} and not flagged
          and (inactivity_warned_at is null or inactivity_warned_at < state_since)
        order by state_since, id
        limit ${limit}`,
  );
  return rows.map((row) => row.id);
}

/** Remembers that the customer was warned (the database's clock, like the moments it follows). */
export async function markInactivityWarned(tx: Db, chatId: string) {
  await tx
    .update(chats)
    .set({ inactivityWarnedAt: sql`now()` })
    .where(eq(chats.id, chatId));
}

const agent = alias(staff, 'agent');

/**
 * What an auto-reply needs to know about where it goes and whom it names: the channel's kind, the
 * customer (name, language, opted out?), the chat's department and its agent as they now are.
 */
export async function findAutoReplyTarget(tx: Db, chatId: string) {
  const [row] = await tx
    .select({
      channelKind: channels.kind,
      customerName: customers.name,
      language: customers.language,
      optedOutAt: customers.optedOutAt,
      departmentId: chats.departmentId,
      departmentName: departments.name,
      agentName: agent.name,
    })
    .from(chats)
    .innerJoin(customers, eq(customers.id, chats.customerId))
    .innerJoin(channels, eq(channels.id, chats.channelId))
    .innerJoin(departments, eq(departments.id, chats.departmentId))
    .leftJoin(agent, eq(agent.id, chats.assigneeId))
    .where(eq(chats.id, chatId));
  return row;
}

/**
 * A queued chat's place in its department's queue, counting from 1: the chats (not tickets)
 * waiting there since before it, in the order routing serves them.
 */
export async function countQueuePosition(
  tx: Db,
  chat: { id: string; departmentId: string },
): Promise<number> {
  const [row] = await queryRows<{ ahead: number | string }>(
    tx,
    sql`select count(*) as ahead from chats c, chats me
        where me.id = ${chat.id}::uuid and c.department_id = me.department_id
          and c.status = 'queued' and c.kind = 'chat'
          and (c.queued_at, c.id) < (me.queued_at, me.id)`,
  );
  return Number(row?.ahead ?? 0) + 1;
}

export type AutoReplyTarget = NonNullable<Awaited<ReturnType<typeof findAutoReplyTarget>>>;

/**
 * A message the system writes to the customer (an auto-reply). It is not a staff reply: the chat's
 * reply and inactivity moments stay as they were.
 */
export async function insertAutoReply(
  tx: Db,
  reply: { chatId: string; channelId: string; text: string; status: 'sent' | 'queued' },
): Promise<MessageRow> {
  const [row] = await tx
    .insert(messages)
    .values({ ...reply, direction: 'out', authorKind: 'system' })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}
