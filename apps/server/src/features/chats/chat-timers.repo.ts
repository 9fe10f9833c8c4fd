import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { channels, chats, customers, messages } from '../../db/schema.ts';
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

/** Remembers that the customer was warned (the database's clock, like the moments it follows). */
export async function markInactivityWarned(tx: Db, chatId: string) {
  await tx
    .update(chats)
    .set({ inactivityWarnedAt: sql`now()` })
    .where(eq(chats.id, chatId));
}

/** What an auto-reply needs to know about where it goes: the channel's kind and the customer. */
export async function findAutoReplyTarget(tx: Db, chat: { channelId: string; customerId: string }) {
  const [row] = await tx
    .select({
      channelKind: channels.kind,
      customerName: customers.name,
      optedOutAt: customers.optedOutAt,
    })
    .from(customers)
    .innerJoin(channels, eq(channels.id, chat.channelId))
    .where(eq(customers.id, chat.customerId));
  return row;
}

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
