import { and, asc, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { chats, customers } from '../../db/schema.ts';
import type { Emit } from '../../realtime/events.ts';
import { type Actor, announceChat, recordEvent } from './chat-events.ts';
import { type ChatRow, updateChat } from './chats.repo.ts';

type Candidate = { id: string; name: string; capacity: number; load: number };

/**
 * The agents who could take a chat of this department now: available, online, not disabled.
 * Their rows are locked first, in id order, so two transactions (or two nodes) routing at once
 * take turns per agent and each sees the other's assignment before counting: nobody is pushed
 * past capacity. The load is counted in a second statement for the same reason (a fresh snapshot
 * after the lock wait).
 */
async function lockCandidates(
  tx: Db,
  departmentId: string,
  online: Set<string>,
): Promise<Candidate[]> {
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
        where status = 'live' and assignee_id = any(${sql.param(locked.map((s) => s.id))}::uuid[])
        group by assignee_id`,
  );
  const loadOf = new Map(loads.map((l) => [l.id, l.load]));
  return locked.map((s) => ({ ...s, load: loadOf.get(s.id) ?? 0 }));
}

/** Who gets the chat: the customer's last agent if they have room, else the least busy. */
export function pickAgent(
  candidates: Candidate[],
  lastAgentId: string | null,
): Candidate | undefined {
  const withRoom = candidates.filter((c) => c.load < c.capacity);
  const last = withRoom.find((c) => c.id === lastAgentId);
  if (last) return last;
  return [...withRoom].sort(
    (a, b) =>
      a.load / a.capacity - b.load / b.capacity || a.load - b.load || a.id.localeCompare(b.id),
  )[0];
}

/**
 * Makes `agentId` the chat's agent, with the event that says so. The chat row must be locked; the
 * caller announces the chat once it has made all its changes.
 */
export async function assignChat(
  tx: Db,
  emit: Emit,
  chat: ChatRow,
  agent: { id: string; name: string },
  by: Actor,
) {
  const updated = await updateChat(tx, chat.id, {
    status: chat.status === 'queued' ? 'live' : chat.status,
    assigneeId: agent.id,
    queuedAt: null,
  });
  await tx
    .update(customers)
    .set({ lastAgentId: agent.id })
    .where(eq(customers.id, chat.customerId));
  await recordEvent(tx, emit, {
    chatId: chat.id,
    customerId: chat.customerId,
    type: 'assigned',
    actor: by,
    data: {
      to: { id: agent.id, name: agent.name },
      by: by.kind === 'system' ? 'routing' : 'staff',
    },
  });
  return updated;
}

/** Offers a queued chat (row locked) to an agent with room; leaves it queued when nobody has. */
export async function routeQueuedChat(tx: Db, emit: Emit, chat: ChatRow, online: Set<string>) {
  const candidates = await lockCandidates(tx, chat.departmentId, online);
  const [customer] = await tx
    .select({ lastAgentId: customers.lastAgentId })
    .from(customers)
    .where(eq(customers.id, chat.customerId));
  const agent = pickAgent(candidates, customer?.lastAgentId ?? null);
  if (!agent) return undefined;
  const assigned = await assignChat(tx, emit, chat, agent, { kind: 'system' });
  await announceChat(tx, emit, chat.id, chat);
  return assigned;
}

/**
 * Serves the queues in arrival order for as long as someone has room. Each chat is taken with
 * SKIP LOCKED, so nodes draining together never take the same chat twice.
 */
export async function drainQueues(
  deps: { db: Db; transact: <T>(fn: (tx: Db, emit: Emit) => Promise<T>) => Promise<T> },
  online: Set<string>,
  departmentId?: string,
): Promise<number> {
  let assigned = 0;
  const skipped = new Set<string>();
  for (let round = 0; round < 1000; round++) {
    const result = await deps.transact(async (tx, emit) => {
      const [chat] = await tx
        .select()
        .from(chats)
        .where(
          and(
            eq(chats.status, 'queued'),
            departmentId ? eq(chats.departmentId, departmentId) : undefined,
            skipped.size > 0
              ? sql`${chats.departmentId} <> all(${sql.param([...skipped])}::uuid[])`
              : undefined,
          ),
        )
        // Chats queued in the same microsecond are served in one fixed order, not the planner's.
        .orderBy(asc(chats.queuedAt), asc(chats.id))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!chat) return 'empty' as const;
      const done = await routeQueuedChat(tx, emit, chat, online);
      if (!done) skipped.add(chat.departmentId);
      return done ? ('assigned' as const) : ('full' as const);
    });
    if (result === 'empty') break;
    if (result === 'assigned') assigned++;
    // PGlite does not yield between queries: let sockets breathe between chats.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return assigned;
}
