import { sql } from 'drizzle-orm';
import { type Db, isEmbedded, queryRows, rawRows } from '../../db/client.ts';
import type { CommittedFrame } from '../../realtime/events.ts';
import type { ChatRow, MessageRow } from './chats.repo.ts';

/*
 * The inbound hot path in plain SQL. Every customer message runs these; the query builder costs
 * more than the database on the embedded engine (docs/benchmarks.md), so they are written out.
 */

type RawChat = {
  id: string;
  customer_id: string;
  channel_id: string;
  department_id: string;
  status: ChatRow['status'];
  flagged: boolean;
  assignee_id: string | null;
  created_at: Date | string;
  queued_at: Date | string | null;
  last_activity_at: Date | string;
  last_customer_activity_at: Date | string | null;
  closed_at: Date | string | null;
  sentiment: ChatRow['sentiment'];
  wrap_tag: string | null;
};

const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const maybeDate = (v: Date | string | null) => (v === null ? null : date(v));

function toChatRow(r: RawChat): ChatRow {
  return {
    id: r.id,
    customerId: r.customer_id,
    channelId: r.channel_id,
    departmentId: r.department_id,
    status: r.status,
    flagged: r.flagged,
    assigneeId: r.assignee_id,
    createdAt: date(r.created_at),
    queuedAt: maybeDate(r.queued_at),
    lastActivityAt: date(r.last_activity_at),
    lastCustomerActivityAt: maybeDate(r.last_customer_activity_at),
    closedAt: maybeDate(r.closed_at),
    sentiment: r.sentiment,
    wrapTag: r.wrap_tag,
  };
}

export type InboundCustomer = {
  id: string;
  phone: string;
  name: string | null;
  optedOutAt: Date | null;
};

/** A name we learn later fills an empty profile; it never overwrites what staff wrote. */
const CUSTOMER_UPSERT = `insert into customers (phone, name) values ($1, $2)
  on conflict (phone) do update set name = coalesce(customers.name, excluded.name)
  returning id, phone, name, opted_out_at`;

const toCustomer = (r: {
  id: string;
  phone: string;
  name: string | null;
  opted_out_at: Date | string | null;
}): InboundCustomer => ({
  id: r.id,
  phone: r.phone,
  name: r.name,
  optedOutAt: maybeDate(r.opted_out_at),
});

/**
 * The common case in one statement: the customer upserted, their open chat on the channel locked
 * and touched, and the message stored in it. `chat` is undefined when there is no open chat (the
 * caller starts one); `message` is undefined when the provider id is already stored.
 */
export async function writeToOpenChat(
  tx: Db,
  m: {
    phone: string;
    name: string | null;
    channelId: string;
    text: string;
    providerMessageId: string;
    at: Date;
  },
): Promise<{
  customer: InboundCustomer;
  chat: ChatRow | undefined;
  message: MessageRow | undefined;
}> {
  const [row] = await rawRows<
    { id: string; phone: string; name: string | null; opted_out_at: Date | string | null } & {
      [K in keyof RawChat as `chat_${K}`]: RawChat[K] | null;
    } & {
      message_id: string | null;
      message_seq: number | string | null;
      message_created_at: Date | string | null;
    }
  >(
    tx,
    `with c as (${CUSTOMER_UPSERT}),
     ch as (
       update chats set last_activity_at = $3, last_customer_activity_at = $3
       from c where chats.customer_id = c.id and chats.channel_id = $4 and chats.status <> 'closed'
       returning chats.*
     ),
     m as (
       insert into messages (chat_id, channel_id, direction, text, author_kind, status, provider_message_id, created_at)
       select ch.id, $4, 'in', $5, 'customer', 'received', $6, $3 from ch
       on conflict (channel_id, direction, provider_message_id) where provider_message_id is not null do nothing
       returning id, seq, created_at
     )
     select c.id, c.phone, c.name, c.opted_out_at,
       ch.id as chat_id, ch.customer_id as chat_customer_id, ch.channel_id as chat_channel_id,
       ch.department_id as chat_department_id, ch.status as chat_status, ch.flagged as chat_flagged,
       ch.assignee_id as chat_assignee_id, ch.created_at as chat_created_at,
       ch.queued_at as chat_queued_at, ch.last_activity_at as chat_last_activity_at,
       ch.last_customer_activity_at as chat_last_customer_activity_at,
       ch.closed_at as chat_closed_at, ch.sentiment as chat_sentiment, ch.wrap_tag as chat_wrap_tag,
       m.id as message_id, m.seq as message_seq, m.created_at as message_created_at
     from c left join ch on true left join m on true`,
    [m.phone, m.name, m.at.toISOString(), m.channelId, m.text, m.providerMessageId],
    'parley_inbound_write',
  );
  if (!row) throw new Error('customer upsert returned nothing');
  const customer = toCustomer(row);
  if (row.chat_id === null) return { customer, chat: undefined, message: undefined };
  const chat = toChatRow({
    id: row.chat_id,
    customer_id: row.chat_customer_id!,
    channel_id: row.chat_channel_id!,
    department_id: row.chat_department_id!,
    status: row.chat_status!,
    flagged: row.chat_flagged!,
    assignee_id: row.chat_assignee_id,
    created_at: row.chat_created_at!,
    queued_at: row.chat_queued_at,
    last_activity_at: row.chat_last_activity_at!,
    last_customer_activity_at: row.chat_last_customer_activity_at,
    closed_at: row.chat_closed_at,
    sentiment: row.chat_sentiment,
    wrap_tag: row.chat_wrap_tag,
  });
  const message =
    row.message_id === null
      ? undefined
      : toInboundMessage(
          {
            chatId: chat.id,
            channelId: m.channelId,
            text: m.text,
            providerMessageId: m.providerMessageId,
          },
          { id: row.message_id, seq: row.message_seq!, created_at: row.message_created_at! },
        );
  return { customer, chat, message };
}

/** Stores the message unless its provider id is already stored (then answers undefined). */
export async function insertInboundMessage(
  tx: Db,
  m: { chatId: string; channelId: string; text: string; providerMessageId: string; at: Date },
): Promise<MessageRow | undefined> {
  const [row] = await queryRows<{ id: string; seq: number | string; created_at: Date | string }>(
    tx,
    sql`insert into messages (chat_id, channel_id, direction, text, author_kind, status, provider_message_id, created_at)
        values (${m.chatId}, ${m.channelId}, 'in', ${m.text}, 'customer', 'received', ${m.providerMessageId}, ${m.at.toISOString()})
        on conflict (channel_id, direction, provider_message_id) where provider_message_id is not null do nothing
        returning id, seq, created_at`,
  );
  return row ? toInboundMessage(m, row) : undefined;
}

function toInboundMessage(
  m: { chatId: string; channelId: string; text: string; providerMessageId: string },
  row: { id: string; seq: number | string; created_at: Date | string },
): MessageRow {
  return {
    id: row.id,
    seq: Number(row.seq),
    chatId: m.chatId,
    channelId: m.channelId,
    direction: 'in',
    text: m.text,
    authorKind: 'customer',
    authorStaffId: null,
    status: 'received',
    failureReason: null,
    providerMessageId: m.providerMessageId,
    clientId: null,
    createdAt: date(row.created_at),
  };
}

type ChatNames = {
  department: string;
  assignee_name: string | null;
  assignee_role: 'admin' | 'supervisor' | 'agent' | null;
};
// Keyed by random ids, so one map serves every database this process opens.
const namesCache = new Map<string, { row: ChatNames | undefined; at: number }>();
const NAMES_TTL_MS = 10_000;

/**
 * The department's name and the assignee's summary, for a chat frame. Names change rarely and
 * every message needs them: a frame may show a renamed colleague's old name for a few seconds.
 */
export async function findChatNames(tx: Db, departmentId: string, assigneeId: string | null) {
  const key = `${departmentId}|${assigneeId ?? ''}`;
  const hit = namesCache.get(key);
  if (hit && Date.now() - hit.at < NAMES_TTL_MS) return hit.row;
  const row = await readChatNames(tx, departmentId, assigneeId);
  if (namesCache.size > 5000) namesCache.clear();
  namesCache.set(key, { row, at: Date.now() });
  return row;
}

async function readChatNames(tx: Db, departmentId: string, assigneeId: string | null) {
  const [row] = await queryRows<{
    department: string;
    assignee_name: string | null;
    assignee_role: 'admin' | 'supervisor' | 'agent' | null;
  }>(
    tx,
    sql`select d.name as department, s.name as assignee_name, s.role as assignee_role
        from departments d left join staff s on s.id = ${assigneeId}
        where d.id = ${departmentId}`,
  );
  return row;
}

const iso = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A message to a chat that is live or queued, from a customer who has not opted out, in one
 * statement with its frames: customer upserted, chat locked, message stored, chat touched, and
 * the `message.created` and `chat.updated` frames written. Being one statement it is one
 * transaction, and on PostgreSQL one round trip. The frames are built here in SQL and must say
 * exactly what `toMessages` and `announceChat` say for the same rows: inbound.fast.test.ts
 * compares them.
 */
const AT_ONCE = `with c as (${CUSTOMER_UPSERT}),
  o as (
    select chats.id from chats join c on chats.customer_id = c.id
    where chats.channel_id = $4 and chats.status in ('live', 'queued') and c.opted_out_at is null
    for update of chats
  ),
  m as (
    insert into messages (chat_id, channel_id, direction, text, author_kind, status, provider_message_id, created_at)
    select o.id, $4, 'in', $5, 'customer', 'received', $6, $3 from o
    on conflict (channel_id, direction, provider_message_id) where provider_message_id is not null do nothing
    returning id, chat_id, seq, created_at
  ),
  ch as (
    update chats set last_activity_at = $3, last_customer_activity_at = $3
    from m where chats.id = m.chat_id
    returning chats.*
  ),
  x as (
    select ch.*, c.phone, c.name as customer_name, m.id as message_id, m.seq, m.created_at as message_at,
      d.name as department_name, s.name as assignee_name, s.role as assignee_role
    from ch join c on true join m on true
      join departments d on d.id = ch.department_id
      left join staff s on s.id = ch.assignee_id
  ),
  f as (
    insert into realtime_events (rooms, type, data)
    select rooms, type, data from (
      select 1 as ord,
        array['chat:' || x.id, 'widget:' || x.customer_id || ':' || $4] as rooms,
        'message.created' as type,
        jsonb_build_object(
          'id', x.message_id, 'chatId', x.id, 'direction', 'in', 'text', $5::text,
          'author', jsonb_build_object('kind', 'customer', 'name', coalesce(x.customer_name, 'Customer')),
          'status', 'received', 'failureReason', null, 'clientId', null,
          'createdAt', ${iso('x.message_at')}, 'seq', x.seq
        ) as data
      from x
      union all
      select 2,
        array['chat:' || x.id, 'supervisors']
          || case when x.assignee_id is null then '{}'::text[] else array['staff:' || x.assignee_id] end
          || case when x.status = 'queued' then array['dept:' || x.department_id] else '{}'::text[] end,
        'chat.updated',
        jsonb_build_object(
          'id', x.id, 'status', x.status, 'flagged', x.flagged,
          'customer', jsonb_build_object('id', x.customer_id, 'phone', x.phone, 'name', x.customer_name),
          'channel', $7::jsonb,
          'assignee', case when x.assignee_id is not null and x.assignee_name is not null
            then jsonb_build_object('id', x.assignee_id, 'name', x.assignee_name, 'role', x.assignee_role) end,
          'department', jsonb_build_object('id', x.department_id, 'name', coalesce(x.department_name, '')),
          'createdAt', ${iso('x.created_at')},
          'lastActivityAt', ${iso('x.last_activity_at')},
          'lastCustomerActivityAt', ${iso('x.last_customer_activity_at')},
          'lastMessage', jsonb_build_object('text', $5::text, 'direction', 'in', 'at', ${iso('x.message_at')}),
          'closedAt', ${iso('x.closed_at')},
          'sentiment', x.sentiment
        )
      from x
    ) frames order by ord
    returning id, rooms, type, data::text as json
  )
  select (select id from o) as chat_id, (select id from m) as message_id,
    (select json_agg(f order by f.id) from f) as frames`;

export type AtOnce =
  /** No live or queued chat, or the customer opted out: the full path takes it. */
  | { kind: 'elsewhere' }
  /** The provider id is stored already. */
  | { kind: 'duplicate' }
  | { kind: 'stored'; chatId: string; frames: CommittedFrame[] };

export async function writeToLiveChatAtOnce(
  db: Db,
  m: {
    phone: string;
    name: string | null;
    channel: { id: string; kind: string; name: string };
    text: string;
    providerMessageId: string;
    at: Date;
  },
): Promise<AtOnce> {
  const params = [
    m.phone,
    m.name,
    m.at.toISOString(),
    m.channel.id,
    m.text,
    m.providerMessageId,
    JSON.stringify({ id: m.channel.id, kind: m.channel.kind, name: m.channel.name }),
  ];
  type Row = {
    chat_id: string | null;
    message_id: string | null;
    frames: { id: number | string; rooms: string[]; type: string; json: string }[] | string | null;
  };
  // On the embedded database a prepared statement runs inside a transaction (it holds the one
  // connection); on PostgreSQL the statement is its own transaction.
  const [row] = isEmbedded(db)
    ? await db.transaction((tx) => rawRows<Row>(tx, AT_ONCE, params, 'parley_inbound_at_once'))
    : await rawRows<Row>(db, AT_ONCE, params, 'parley_inbound_at_once');
  if (!row?.chat_id) return { kind: 'elsewhere' };
  if (!row.message_id) return { kind: 'duplicate' };
  const frames = typeof row.frames === 'string' ? JSON.parse(row.frames) : row.frames;
  return {
    kind: 'stored',
    chatId: row.chat_id,
    frames: (frames as NonNullable<Exclude<Row['frames'], string>>).map((f) => ({
      id: Number(f.id),
      rooms: f.rooms,
      type: f.type,
      data: JSON.parse(f.json) as unknown,
      json: f.json,
    })),
  };
}
