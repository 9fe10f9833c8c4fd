import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';

/**
 * Who may see a conversation, as SQL over `c` (chats): the same rules as canViewChatWithTags and
 * canViewTicket, so pages are counted after the filter. The service checks each row again.
 */
export type Viewer =
  { kind: 'everyone' } | { kind: 'agent'; staffId: string; departmentIds: string[] };

const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

function visibleConversation(viewer: Viewer): SQL {
  if (viewer.kind === 'everyone') return sql`true`;
  const me = sql`${viewer.staffId}::uuid`;
  const mine = uuidArray(viewer.departmentIds);
  return sql`(c.assignee_id = ${me}
    or (c.kind = 'chat' and (c.status = 'closed'
      or (c.status = 'queued' and c.department_id = any(${mine}))
      or (c.status <> 'closed' and exists (
        select 1 from chat_tags tg where tg.chat_id = c.id and tg.staff_id = ${me}))))
    or (c.kind = 'ticket' and c.department_id = any(${mine})
      and (c.status = 'closed' or (c.status = 'queued' and c.assignee_id is null))))`;
}

/** Markers ts_headline puts around matches; removed from the text first so they mean only that. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';
const headline = (config: string, text: SQL) =>
  sql`ts_headline(${sql.raw(`'${config}'`)}, translate(${text}, chr(2) || chr(3), ''), query,
    'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=28, MinWords=10, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "')`;

/** The customer's latest conversation this viewer may open, as JSON (null when none). */
const lastConversation = (viewer: Viewer, customerId: SQL) => sql`(
  select json_build_object('id', c.id, 'kind', c.kind, 'status', c.status,
    'assigneeId', c.assignee_id, 'departmentId', c.department_id,
    'channel', json_build_object('id', ch.id, 'kind', ch.kind))
  from chats c join channels ch on ch.id = c.channel_id
  where c.customer_id = ${customerId} and ${visibleConversation(viewer)}
  order by c.created_at desc, c.id desc limit 1)`;

export type ConversationJson = {
  id: string;
  kind: 'chat' | 'ticket';
  status: 'queued' | 'live' | 'pending' | 'closed';
  assigneeId: string | null;
  departmentId: string;
  channel: { id: string; kind: 'webhook' | 'whatsapp' | 'webchat' | 'sms' };
};

export type Page = { limit: number; offset: number };

/**
 * How many of the newest matches are ranked. Ranking re-reads each match's text (the index is an
 * expression, ADR 17): a common word matches tens of thousands of messages, and ranking them all
 * costs seconds. The best of the newest thousand is what a contact centre looks for.
 */
export const RANKED = 1000;
const window = (page: Page) => sql`limit ${page.limit + 1} offset ${page.offset}`;

export type CustomerHitRow = {
  id: string;
  phone: string;
  name: string | null;
  email: string | null;
  last_conversation: ConversationJson | null;
};

/**
 * The words as stems (english) or as typed (simple), either matching: a word still being typed
 * is a prefix, and stemming a prefix can change it ("happy" becomes "happi"), so the typed form
 * finds what the stem misses.
 */
const wordsMatch = (tsquery: string) =>
  sql`(to_tsquery('english', ${tsquery}) || to_tsquery('simple', ${tsquery}))`;

/** Customers matching `tsquery` (to_tsquery syntax, 'simple'), best first. */
export function findCustomerHits(
  db: Db,
  viewer: Viewer,
  tsquery: string,
  page: Page,
): Promise<CustomerHitRow[]> {
  return queryRows<CustomerHitRow>(
    db,
    sql`with q as (select to_tsquery('simple', ${tsquery}) as query),
      hits as (
        select cu.id, ts_rank(to_tsvector('simple', coalesce(cu.name, '') || ' ' || coalesce(cu.email, '') || ' ' || translate(coalesce(cu.email, ''), '@.', '  ') || ' ' || ltrim(cu.phone, '+')), q.query) as rank
        from customers cu, q
        where to_tsvector('simple', coalesce(cu.name, '') || ' ' || coalesce(cu.email, '') || ' ' || translate(coalesce(cu.email, ''), '@.', '  ') || ' ' || ltrim(cu.phone, '+')) @@ q.query
        order by rank desc, cu.name asc nulls last, cu.id
        ${window(page)})
      select cu.id, cu.phone, cu.name, cu.email,
        ${lastConversation(viewer, sql`cu.id`)} as last_conversation
      from hits join customers cu on cu.id = hits.id
      order by hits.rank desc, cu.name asc nulls last, cu.id`,
  );
}

export type MessageHitRow = {
  id: string;
  chat_id: string;
  direction: 'in' | 'out';
  author_kind: 'customer' | 'staff' | 'system';
  author_name: string | null;
  created_at: string | Date;
  headline: string;
  conversation_kind: 'chat' | 'ticket';
  status: 'queued' | 'live' | 'pending' | 'closed';
  assignee_id: string | null;
  department_id: string;
  tagged: boolean;
  channel_id: string;
  channel_kind: ConversationJson['channel']['kind'];
  customer_id: string;
  customer_phone: string;
  customer_name: string | null;
};

/**
 * Messages matching `tsquery` ('english') in conversations the viewer may see, best first. Rank
 * and filter run over the index's matches; the snippet is made for the page's rows only.
 */
export function findMessageHits(
  db: Db,
  viewer: Viewer,
  tsquery: string,
  page: Page,
): Promise<MessageHitRow[]> {
  const me = viewer.kind === 'agent' ? sql`${viewer.staffId}::uuid` : sql`null::uuid`;
  return queryRows<MessageHitRow>(
    db,
    sql`with q as (select ${wordsMatch(tsquery)} as query),
      recent as (
        select m.id, m.text, m.created_at
        from messages m join chats c on c.id = m.chat_id, q
        where to_tsvector('english', m.text) @@ q.query and ${visibleConversation(viewer)}
        order by m.created_at desc, m.id desc
        limit ${sql.raw(String(RANKED))}),
      hits as (
        select r.id, ts_rank(to_tsvector('english', r.text), q.query) as rank, r.created_at
        from recent r, q
        order by rank desc, r.created_at desc, r.id desc
        ${window(page)})
      select m.id, m.chat_id, m.direction, m.author_kind, s.name as author_name, m.created_at,
        ${headline('english', sql`m.text`)} as headline,
        c.kind as conversation_kind, c.status, c.assignee_id, c.department_id,
        exists (select 1 from chat_tags tg where tg.chat_id = c.id and tg.staff_id = ${me}) as tagged,
        c.channel_id, ch.kind as channel_kind,
        cu.id as customer_id, cu.phone as customer_phone, cu.name as customer_name
      from hits
        join messages m on m.id = hits.id
        join chats c on c.id = m.chat_id
        join channels ch on ch.id = c.channel_id
        join customers cu on cu.id = c.customer_id
        left join staff s on s.id = m.author_staff_id,
        q
      order by hits.rank desc, hits.created_at desc, hits.id desc`,
  );
}

export type NoteHitRow = {
  id: string;
  chat_id: string | null;
  author_id: string | null;
  author_name: string | null;
  created_at: string | Date;
  headline: string;
  customer_id: string;
  customer_phone: string;
  customer_name: string | null;
  last_conversation: ConversationJson | null;
};

/** Notes matching `tsquery` ('english'), best first. Notes are shared with all staff. */
export function findNoteHits(
  db: Db,
  viewer: Viewer,
  tsquery: string,
  page: Page,
): Promise<NoteHitRow[]> {
  return queryRows<NoteHitRow>(
    db,
    sql`with q as (select ${wordsMatch(tsquery)} as query),
      recent as (
        select n.id, n.body, n.created_at
        from notes n, q
        where to_tsvector('english', n.body) @@ q.query
        order by n.created_at desc, n.id desc
        limit ${sql.raw(String(RANKED))}),
      hits as (
        select r.id, ts_rank(to_tsvector('english', r.body), q.query) as rank, r.created_at
        from recent r, q
        order by rank desc, r.created_at desc, r.id desc
        ${window(page)})
      select n.id, n.chat_id, n.author_id, s.name as author_name, n.created_at,
        ${headline('english', sql`n.body`)} as headline,
        cu.id as customer_id, cu.phone as customer_phone, cu.name as customer_name,
        ${lastConversation(viewer, sql`cu.id`)} as last_conversation
      from hits
        join notes n on n.id = hits.id
        join customers cu on cu.id = n.customer_id
        left join staff s on s.id = n.author_id,
        q
      order by hits.rank desc, hits.created_at desc, hits.id desc`,
  );
}

/** The regions numbers are read in: every channel's default region (a handful). */
export async function findRegions(db: Db): Promise<string[]> {
  const rows = await queryRows<{ region: string }>(
    db,
    sql`select distinct default_region as region from channels order by 1`,
  );
  return rows.map((row) => row.region);
}
