import type { ClosedBy, StaffSummary } from '@parley/contract';
import { inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { staff } from '../../db/schema.ts';

/** A page position: the exact stored time (microseconds) and the id, so pages never skip or repeat. */
export type PagePosition = { at: string; id: string };

/** The stored time as text with microseconds; a JS Date would round it to milliseconds. */
const exact = (column: SQL) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Rows strictly after `after` in (time desc, id desc) order; the bare `<=` lets the index bound it. */
const afterPosition = (time: SQL, id: SQL, after: PagePosition | undefined) =>
  after
    ? sql`and ${time} <= ${after.at}::timestamptz and (${time}, ${id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
    : sql``;

/** Event types that close a chat; the latest one says who ended it. */
const CLOSING_EVENTS = sql`('closed', 'ended_by_customer', 'closed_inactive', 'inactivity_timeout', 'pending_auto_closed')`;

export type ChatHistoryRow = {
  id: string;
  status: 'queued' | 'live' | 'pending' | 'closed';
  flagged: boolean;
  assignee_id: string | null;
  department_id: string;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  created_at: string;
  closed_at: string | null;
  channel_id: string;
  channel_kind: 'webhook' | 'whatsapp' | 'webchat';
  channel_name: string;
  message_count: number;
  last_type: string | null;
  last_at: string | null;
  last_actor_kind: 'staff' | 'system' | 'customer' | null;
  last_actor_id: string | null;
  last_data: Record<string, unknown> | null;
  /** `data.to.id` of each 'assigned' event, oldest first, as stored (not yet checked). */
  assigned_to: (string | null)[] | null;
  closed_by: ClosedBy | null;
  /** The staff member whose event closed it, when staff did. */
  closer_id: string | null;
  wrap_tag: string | null;
  /** A ticket is listed as one, with why it became one. */
  kind: 'chat' | 'ticket';
  ticket_reason: string | null;
};

/**
 * Everything the History tab shows about the chats `page` selects, in one statement. The page is
 * cut first (a CTE), so the per-chat work runs for the page's rows only: the message count (an
 * index-only scan on messages (chat_id, seq)), the last event (one backward probe on events
 * (chat_id, seq)), and one pass over the chat's few events for its agents and how it ended.
 * Staff names are read afterwards in one small query for the whole page.
 */
function chatHistoryQuery(page: SQL, hiddenEvents: readonly string[]): SQL {
  const hidden =
    hiddenEvents.length > 0
      ? sql`and e.type <> all(${sql.param([...hiddenEvents])}::text[])`
      : sql``;
  return sql`
    with page as (${page})
    select p.id, p.status, p.flagged, p.assignee_id, p.department_id, p.sentiment,
      p.kind, p.ticket_reason, p.wrap_tag,
      ${exact(sql`p.created_at`)} as created_at,
      ${exact(sql`p.closed_at`)} as closed_at,
      ch.id as channel_id, ch.kind as channel_kind, ch.name as channel_name,
      (select count(*) from messages m where m.chat_id = p.id)::int as message_count,
      le.type as last_type, ${exact(sql`le.at`)} as last_at, le.actor_kind as last_actor_kind,
      le.actor_staff_id as last_actor_id, le.data as last_data,
      ev.assigned_to, ev.closed_by, ev.closer_id
    from page p
    join channels ch on ch.id = p.channel_id
    left join lateral (
      select e.type, e.at, e.actor_kind, e.actor_staff_id, e.data
      from events e where e.chat_id = p.id ${hidden} order by e.seq desc limit 1
    ) le on true
    left join lateral (
      select
        array_agg(e.data -> 'to' ->> 'id' order by e.seq)
          filter (where e.type = 'assigned') as assigned_to,
        (array_agg(case
            when e.type = 'ended_by_customer' or e.actor_kind = 'customer' then 'customer'
            when e.actor_kind = 'staff' then 'agent'
            else 'system' end order by e.seq desc)
          filter (where e.type in ${CLOSING_EVENTS}))[1] as closed_by,
        (array_agg(e.actor_staff_id::text order by e.seq desc)
          filter (where e.type in ${CLOSING_EVENTS}))[1] as closer_id
      from events e where e.chat_id = p.id
    ) ev on true
    order by p.created_at desc, p.id desc`;
}

/** The statement behind a history page; exported so the benchmark can run it on the raw driver. */
export function chatHistoryPageQuery(
  customerId: string,
  after: PagePosition | undefined,
  limit: number,
  hiddenEvents: readonly string[] = [],
): SQL {
  return chatHistoryQuery(
    sql`
    select * from chats c
    where c.customer_id = ${customerId}
      ${afterPosition(sql`c.created_at`, sql`c.id`, after)}
    order by c.created_at desc, c.id desc
    limit ${limit + 1}`,
    hiddenEvents,
  );
}

/**
 * A customer's chats, newest first, `limit + 1` of them so the caller knows whether more follow;
 * a chat's last event is the last one not among `hiddenEvents` (supervisor-only ones).
 */
export function findChatHistoryPage(
  db: Db,
  customerId: string,
  after: PagePosition | undefined,
  limit: number,
  hiddenEvents: readonly string[] = [],
): Promise<ChatHistoryRow[]> {
  return queryRows<ChatHistoryRow>(
    db,
    chatHistoryPageQuery(customerId, after, limit, hiddenEvents),
  );
}

export function findChatHistoryByIds(
  db: Db,
  ids: string[],
  hiddenEvents: readonly string[] = [],
): Promise<ChatHistoryRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return queryRows<ChatHistoryRow>(
    db,
    chatHistoryQuery(
      sql`select * from chats c where c.id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
      hiddenEvents,
    ),
  );
}

/** Names and roles, for the agents and actors of a page. */
export async function findStaffSummaries(
  db: Db,
  ids: string[],
): Promise<Map<string, StaffSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: staff.id, name: staff.name, role: staff.role })
    .from(staff)
    .where(inArray(staff.id, ids));
  return new Map(rows.map((row) => [row.id, row]));
}

export async function customerExists(db: Db, id: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from customers where id = ${id}::uuid`,
  );
  return rows.length > 0;
}

export type TimelineKind = 'chat' | 'note' | 'profile';
export type TimelinePosition = { kind: TimelineKind; id: string; at: string };

/**
 * Where each of the customer's chats, notes and profile saves sits in time, newest first. Each
 * source is cut to `limit + 1` on its own index before the merge, so the cost follows the page
 * size, not the length of the customer's story.
 */
export function findTimelinePositions(
  db: Db,
  customerId: string,
  kinds: TimelineKind[],
  after: PagePosition | undefined,
  limit: number,
): Promise<TimelinePosition[]> {
  const sources: SQL[] = [];
  if (kinds.includes('chat'))
    sources.push(sql`(select 'chat' as kind, c.id, c.created_at as at from chats c
      where c.customer_id = ${customerId} ${afterPosition(sql`c.created_at`, sql`c.id`, after)}
      order by c.created_at desc, c.id desc limit ${limit + 1})`);
  if (kinds.includes('note'))
    sources.push(sql`(select 'note' as kind, n.id, n.created_at as at from notes n
      where n.customer_id = ${customerId} ${afterPosition(sql`n.created_at`, sql`n.id`, after)}
      order by n.created_at desc, n.id desc limit ${limit + 1})`);
  if (kinds.includes('profile'))
    sources.push(sql`(select 'profile' as kind, e.id, e.at from events e
      where e.customer_id = ${customerId} and e.type = 'profile_changed'
        ${afterPosition(sql`e.at`, sql`e.id`, after)}
      order by e.at desc, e.id desc limit ${limit + 1})`);
  if (sources.length === 0) return Promise.resolve([]);
  return queryRows<TimelinePosition>(
    db,
    sql`select t.kind, t.id, ${exact(sql`t.at`)} as at
        from (${sql.join(sources, sql` union all `)}) t
        order by t.at desc, t.id desc
        limit ${limit + 1}`,
  );
}

export type TimelineNoteRow = {
  id: string;
  body: string;
  reference_kind: 'url' | 'jira' | 'ticket' | null;
  reference_value: string | null;
  chat_id: string | null;
  created_at: string;
  author_id: string | null;
  author_name: string | null;
  author_role: StaffSummary['role'] | null;
};

export function findTimelineNotes(db: Db, ids: string[]): Promise<TimelineNoteRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return queryRows<TimelineNoteRow>(
    db,
    sql`select n.id, n.body, n.reference_kind, n.reference_value, n.chat_id,
          ${exact(sql`n.created_at`)} as created_at,
          s.id as author_id, s.name as author_name, s.role as author_role
        from notes n left join staff s on s.id = n.author_id
        where n.id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
}

export type TimelineEventRow = {
  id: string;
  data: Record<string, unknown>;
  at: string;
  actor_kind: 'staff' | 'system' | 'customer';
  actor_id: string | null;
  actor_name: string | null;
  actor_role: StaffSummary['role'] | null;
};

export function findTimelineEvents(db: Db, ids: string[]): Promise<TimelineEventRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return queryRows<TimelineEventRow>(
    db,
    sql`select e.id, e.data, ${exact(sql`e.at`)} as at, e.actor_kind,
          e.actor_staff_id as actor_id, s.name as actor_name, s.role as actor_role
        from events e left join staff s on s.id = e.actor_staff_id
        where e.id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
}
