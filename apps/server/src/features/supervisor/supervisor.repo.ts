import type { Chat } from '@parley/contract';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { chats } from '../../db/schema.ts';
import { chatFromSelection, selectChats } from '../chats/index.ts';

/** What the desk narrows to; every part optional, ids already checked to be ids. */
export type DeskFilters = {
  departmentId?: string | undefined;
  agentId?: string | undefined;
  status?: 'queued' | 'live' | 'pending' | undefined;
  flagged?: boolean | undefined;
};

/** The time as ISO text with milliseconds, whichever driver reads it. */
const isoText = (column: SQL) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Open chats (queued, live, pending) matching the filters, who has waited longest first: since
 * the customer's first unanswered message, else since joining the queue. Chats nobody waits on
 * come last, oldest first: answered ones, and pending ones (staff wait on the customer there; a
 * customer's reply makes it live again). `limit + 1` rows so the caller knows it was cut.
 */
export async function findDeskChats(db: Db, filters: DeskFilters, limit: number): Promise<Chat[]> {
  const rows = await selectChats(db)
    .where(
      and(
        eq(chats.kind, 'chat'),
        filters.status
          ? eq(chats.status, filters.status)
          : inArray(chats.status, ['queued', 'live', 'pending']),
        filters.departmentId ? eq(chats.departmentId, filters.departmentId) : undefined,
        filters.agentId ? eq(chats.assigneeId, filters.agentId) : undefined,
        filters.flagged === undefined ? undefined : eq(chats.flagged, filters.flagged),
      ),
    )
    .orderBy(
      sql`coalesce(case when ${chats.status} <> 'pending' then ${chats.awaitingReplySince} end,
        ${chats.queuedAt}) asc nulls last`,
      asc(chats.createdAt),
      asc(chats.id),
    )
    .limit(limit + 1);
  return rows.map(chatFromSelection);
}

export type DepartmentQueueRow = {
  id: string;
  name: string;
  queued: number;
  longest_wait_since: string | null;
  live: number;
  available_agents: number;
};

/**
 * Every department that takes work, with its queue, its live chats and how many of its agents
 * could take a chat now (available, online, not deactivated), in one statement.
 */
export function findDepartmentQueues(
  db: Db,
  online: string[],
  departmentId: string | undefined,
): Promise<DepartmentQueueRow[]> {
  const only = departmentId ? sql`and d.id = ${departmentId}` : sql``;
  return queryRows<DepartmentQueueRow>(
    db,
    sql`select d.id, d.name,
          coalesce(q.queued, 0)::int as queued,
          ${isoText(sql`q.longest`)} as longest_wait_since,
          coalesce(q.live, 0)::int as live,
          (select count(*) from staff_departments sd join staff s on s.id = sd.staff_id
            where sd.department_id = d.id and s.available and s.disabled_at is null
              and s.id = any(${sql.param(online)}::uuid[]))::int as available_agents
        from departments d
        left join (
          select department_id,
            count(*) filter (where status = 'queued') as queued,
            min(queued_at) filter (where status = 'queued') as longest,
            count(*) filter (where status = 'live') as live
          from chats where status in ('queued', 'live') and kind = 'chat'
          group by department_id
        ) q on q.department_id = d.id
        where d.archived_at is null ${only}
        order by d.name, d.id`,
  );
}

export type TeamRow = {
  id: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent';
  available: boolean;
  capacity: number;
  load: number;
  pending: number;
  department_ids: string[] | null;
};

/**
 * Agents and supervisors who are not deactivated, with the live and pending chats each holds and
 * their departments, in one statement; narrowed to a department's members or to one person.
 */
export function findTeam(
  db: Db,
  filters: Pick<DeskFilters, 'departmentId' | 'agentId'>,
): Promise<TeamRow[]> {
  const inDepartment = filters.departmentId
    ? sql`and exists (select 1 from staff_departments m
          where m.staff_id = s.id and m.department_id = ${filters.departmentId})`
    : sql``;
  const person = filters.agentId ? sql`and s.id = ${filters.agentId}` : sql``;
  return queryRows<TeamRow>(
    db,
    sql`select s.id, s.name, s.role, s.available, s.capacity,
          coalesce(held.load, 0)::int as load, coalesce(held.pending, 0)::int as pending,
          (select array_agg(sd.department_id::text order by sd.department_id)
            from staff_departments sd where sd.staff_id = s.id) as department_ids
        from staff s
        left join lateral (
          select count(*) filter (where c.status = 'live') as load,
            count(*) filter (where c.status = 'pending') as pending
          from chats c where c.assignee_id = s.id and c.status in ('live', 'pending')
            and c.kind = 'chat'
        ) held on true
        where s.disabled_at is null and s.role in ('agent', 'supervisor') ${inDepartment} ${person}
        order by s.name, s.id`,
  );
}
