import { sql } from 'drizzle-orm';
import { type Db, isEmbedded, queryRows, rawRows } from '../../db/client.ts';
import type { CommittedFrame } from '../../realtime/events.ts';
import { roomPrefix, rooms, roomStart } from '../../realtime/rooms.ts';
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
  unverified: boolean;
  widget_session_id: string | null;
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
    unverified: r.unverified,
    widgetSessionId: r.widget_session_id,
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

/** The customer by number, created on their first message. */
export async function upsertCustomer(
  tx: Db,
  phone: string,
  name: string | null,
): Promise<InboundCustomer> {
  const [row] = await rawRows<{
    id: string;
    phone: string;
    name: string | null;
    opted_out_at: Date | string | null;
  }>(tx, CUSTOMER_UPSERT, [phone, name]);
  if (!row) throw new Error('customer upsert returned nothing');
  return { id: row.id, phone: row.phone, name: row.name, optedOutAt: maybeDate(row.opted_out_at) };
}

/**
 * The open chat of this customer on this channel, locked and touched in one statement. An
 * unverified web-chat chat is never it: that one belongs to the widget session that started it.
 */
export async function touchOpenChat(tx: Db, customerId: string, channelId: string, at: Date) {
  const [row] = await rawRows<RawChat>(
    tx,
    `update chats set last_activity_at = $1, last_customer_activity_at = $1
     where customer_id = $2 and channel_id = $3 and status <> 'closed' and not unverified
     returning *`,
    [at.toISOString(), customerId, channelId],
  );
  return row ? toChatRow(row) : undefined;
}

/** The open unverified chat a widget session started, locked and touched. */
export async function touchOpenSessionChat(tx: Db, widgetSessionId: string, at: Date) {
  const [row] = await rawRows<RawChat>(
    tx,
    `update chats set last_activity_at = $1, last_customer_activity_at = $1
     where widget_session_id = $2 and unverified and status <> 'closed'
     returning *`,
    [at.toISOString(), widgetSessionId],
  );
  return row ? toChatRow(row) : undefined;
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
      and not chats.unverified and c.id = $8
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
        array[$10::text || x.id, $9::text] as rooms,
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
        array[$10::text || x.id, $11::text]
          || case when x.assignee_id is null then '{}'::text[] else array[$12::text || x.assignee_id] end
          || case when x.status = 'queued' then array[$13::text || x.department_id] else '{}'::text[] end,
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
          'sentiment', x.sentiment,
          'unverified', x.unverified
        )
      from x
    ) frames order by ord
    returning id, rooms, type, data::text as json
  )
  select (select id from o) as chat_id, (select id from m) as message_id,
    (select json_agg(f order by f.id) from f) as frames`;

/**
 * The rooms the statement builds from the ids it finds ($10 to $13), named by realtime/rooms.ts:
 * the `chat.updated` rooms follow its `chatAudience` (no `before`: this write changes neither
 * agent nor status), and inbound.fast.test.ts holds the two equal.
 */
const AUDIENCE_PARAMS = [
  roomStart(roomPrefix.chat),
  rooms.supervisors,
  roomStart(roomPrefix.staff),
  roomStart(roomPrefix.department),
];

export type AtOnce =
  /** No live or queued chat, or the customer opted out: the full path takes it. */
  | { kind: 'elsewhere' }
  /** The provider id is stored already. */
  | { kind: 'duplicate' }
  | { kind: 'stored'; chatId: string; frames: CommittedFrame[] };

/**
 * `customerId` is who the number belonged to when last seen (the statement checks it still is),
 * and `widgetRoom` where the customer's widgets hear the message: realtime/rooms.ts `widgetRoomOf`
 * computes it, so the room's name is spelled in one place.
 */
export async function writeToLiveChatAtOnce(
  db: Db,
  m: {
    phone: string;
    name: string | null;
    customerId: string;
    widgetRoom: string;
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
    m.customerId,
    m.widgetRoom,
    ...AUDIENCE_PARAMS,
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
