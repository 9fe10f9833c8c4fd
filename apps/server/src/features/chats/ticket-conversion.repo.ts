import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { chats } from '../../db/schema.ts';
import type { ChatRow } from './chat-payloads.repo.ts';

/*
 * The queries behind a conversation becoming a ticket (ticket-conversion.service.ts).
 */

/**
 * How many of the department's staff could take a live chat now: available, online, not
 * deactivated. Capacity does not count: a busy agent means the chat waits in the queue.
 */
export async function countAvailableAgents(
  tx: Db,
  departmentId: string,
  online: Set<string>,
): Promise<number> {
  if (online.size === 0) return 0;
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from staff s
        join staff_departments sd on sd.staff_id = s.id and sd.department_id = ${departmentId}
        where s.available and s.disabled_at is null and s.id = any(${sql.param([...online])}::uuid[])`,
  );
  return row?.n ?? 0;
}

/** The chat's row becomes an unassigned ticket, saying why; it leaves the live queue. */
export async function markAsTicket(tx: Db, id: string, reason: string): Promise<ChatRow> {
  const [row] = await tx
    .update(chats)
    .set({
      kind: 'ticket',
      status: 'queued',
      assigneeId: null,
      queuedAt: null,
      ticketReason: reason,
      stateSince: sql`now()`,
    })
    .where(eq(chats.id, id))
    .returning();
  if (!row) throw new Error(`chat ${id} vanished`);
  return row;
}

/** An open ticket closes (the customer started a live chat, or staff closed it). */
export async function markTicketClosed(tx: Db, id: string, at: Date): Promise<ChatRow> {
  const [row] = await tx
    .update(chats)
    .set({ status: 'closed', closedAt: at, stateSince: sql`now()` })
    .where(eq(chats.id, id))
    .returning();
  if (!row) throw new Error(`chat ${id} vanished`);
  return row;
}

/**
 * Queued chats (not tickets) that have waited in the queue since `cutoff` or longer, oldest
 * first: through `chats_queue_idx`. A chat that came back to the queue counts from its return.
 */
export async function findQueueTimeoutsDue(db: Db, cutoff: Date, limit: number) {
  const moment = sql`${cutoff.toISOString()}::timestamptz`;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from chats
        where status = 'queued' and kind = 'chat' and queued_at <= ${moment}
          and state_since <= ${moment}
        order by queued_at, id
        limit ${limit}`,
  );
  return rows.map((row) => row.id);
}
