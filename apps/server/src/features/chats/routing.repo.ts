import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { chats, customers, staff, staffDepartments } from '../../db/schema.ts';
import type { ChatRow } from './chat-payloads.repo.ts';

/** An agent with their live-chat count, counted after their row was locked. */
export type AgentLoad = { id: string; name: string; capacity: number; load: number };

/**
 * The agents who could take a chat of this department now: available, online, not disabled.
 * Their rows are locked first, in id order, so two transactions (or two nodes) routing at once
 * take turns per agent and each sees the other's assignment before counting: nobody is pushed
 * past capacity. The load is counted in a second statement for the same reason (a fresh snapshot
 * after the lock wait).
 */
export async function lockAvailableAgents(
  tx: Db,
  departmentId: string,
  online: Set<string>,
): Promise<AgentLoad[]> {
  if (online.size === 0) return [];
  const ids = [...online];
  const locked = await queryRows<{ id: string; name: string; capacity: number }>(
    tx,
    sql`select s.id, s.name, s.capacity from staff s
        join staff_departments sd on sd.staff_id = s.id and sd.department_id = ${departmentId}
        where s.available and s.disabled_at is null and s.id = any(${sql.param(ids)}::uuid[])
        order by s.id for update of s`,
  );
  if (locked.length === 0) return [];
  const loads = await queryRows<{ id: string; load: number }>(
    tx,
    sql`select assignee_id as id, count(*)::int as load from chats
        where status = 'live' and kind = 'chat' and assignee_id = any(${sql.param(locked.map((s) => s.id))}::uuid[])
        group by assignee_id`,
  );
  const loadOf = new Map(loads.map((l) => [l.id, l.load]));
  return locked.map((s) => ({ ...s, load: loadOf.get(s.id) ?? 0 }));
}

/** Locks one staff member's row, then counts their live chats (a fresh snapshot after the lock). */
export async function lockAgentLoad(tx: Db, agentId: string): Promise<AgentLoad | undefined> {
  const [row] = await tx
    .select({ id: staff.id, name: staff.name, capacity: staff.capacity })
    .from(staff)
    .where(eq(staff.id, agentId))
    .for('update');
  if (!row) return undefined;
  const [count] = await queryRows<{ load: number }>(
    tx,
    sql`select count(*)::int as load from chats
        where assignee_id = ${agentId} and status = 'live' and kind = 'chat'`,
  );
  return { ...row, load: count?.load ?? 0 };
}

export async function isDepartmentMember(tx: Db, staffId: string, departmentId: string) {
  const [member] = await tx
    .select({ id: staff.id })
    .from(staffDepartments)
    .innerJoin(staff, eq(staff.id, staffDepartments.staffId))
    .where(
      and(eq(staffDepartments.staffId, staffId), eq(staffDepartments.departmentId, departmentId)),
    );
  return member !== undefined;
}

/**
 * The longest-waiting queued chat nobody else is taking, locked with SKIP LOCKED so nodes
 * draining together never take the same chat twice.
 */
export async function lockOldestQueuedChat(
  tx: Db,
  queue: { departmentId?: string | undefined; skippedDepartmentIds: Set<string> },
): Promise<ChatRow | undefined> {
  const [chat] = await tx
    .select()
    .from(chats)
    .where(
      and(
        eq(chats.status, 'queued'),
        eq(chats.kind, 'chat'),
        queue.departmentId ? eq(chats.departmentId, queue.departmentId) : undefined,
        queue.skippedDepartmentIds.size > 0
          ? sql`${chats.departmentId} <> all(${sql.param([...queue.skippedDepartmentIds])}::uuid[])`
          : undefined,
      ),
    )
    // Chats queued in the same microsecond are served in one fixed order, not the planner's.
    .orderBy(asc(chats.queuedAt), asc(chats.id))
    .limit(1)
    .for('update', { skipLocked: true });
  return chat;
}

export async function findLastAgentId(tx: Db, customerId: string): Promise<string | null> {
  const [customer] = await tx
    .select({ lastAgentId: customers.lastAgentId })
    .from(customers)
    .where(eq(customers.id, customerId));
  return customer?.lastAgentId ?? null;
}

/**
 * The agent a chat last went back to the queue from for not answering in time: the chat's latest
 * `unassigned` event, when its reason is `reply_timeout`.
 */
export async function findReplyTimedOutAgent(tx: Db, chatId: string): Promise<string | null> {
  const [row] = await queryRows<{ from: string | null; reason: string | null }>(
    tx,
    sql`select data->>'from' as "from", data->>'reason' as reason from events
        where chat_id = ${chatId} and type = 'unassigned'
        order by seq desc limit 1`,
  );
  return row?.reason === 'reply_timeout' ? row.from : null;
}

/** Remembers who served the customer, so routing can prefer them next time. */
export async function setLastAgent(tx: Db, customerId: string, agentId: string) {
  await tx.update(customers).set({ lastAgentId: agentId }).where(eq(customers.id, customerId));
}

/** A staff member as a wrap-up note's author. */
export async function findStaffSummary(tx: Db, staffId: string) {
  const [me] = await tx
    .select({ id: staff.id, name: staff.name, role: staff.role })
    .from(staff)
    .where(eq(staff.id, staffId));
  return me;
}

/** The agent's open chats (live or pending), oldest first, locked for the rest of the transaction. */
export async function lockOpenChatsOf(tx: Db, agentId: string): Promise<ChatRow[]> {
  return tx
    .select()
    .from(chats)
    .where(and(eq(chats.assigneeId, agentId), inArray(chats.status, ['live', 'pending'])))
    .orderBy(asc(chats.createdAt), asc(chats.id))
    .for('update');
}

/** Deactivated staff who still hold open chats (left by older versions or an interrupted change). */
export async function findDeactivatedAgentsHoldingChats(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: chats.assigneeId })
    .from(chats)
    .innerJoin(staff, eq(staff.id, chats.assigneeId))
    .where(and(inArray(chats.status, ['live', 'pending']), isNotNull(staff.disabledAt)));
  return rows.flatMap((row) => (row.id ? [row.id] : []));
}
