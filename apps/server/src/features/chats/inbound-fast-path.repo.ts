import { type Db, isEmbedded, rawRows } from '../../db/client.ts';
import type { CommittedFrame } from '../../realtime/frames.ts';
import { roomPrefix, rooms, roomStart } from '../../realtime/rooms.ts';
import { CUSTOMER_UPSERT } from './inbound.repo.ts';

const iso = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/*
 * The fast path of a customer's message: most go to a chat that is already live or queued, and
 * one statement stores them. See docs/adr/0010-sql-built-frames.md.
 */

/**
 * A message to a chat that is live or queued, from a customer who has not opted out, in one
 * statement with its frames: customer upserted, chat locked, message stored, chat touched, and
 * the `message.created` and `chat.updated` frames written, and a `message.in` webhook delivery
 * queued for each subscription that wants one (none: a scan of an empty table). Being one statement it is one
 * transaction, and on PostgreSQL one round trip. The frames are built here in SQL and must say
 * exactly what `toMessages` and `toChat` (chat-payloads.repo.ts) say for the same rows:
 * inbound-fast-path.test.ts compares them.
 */
const APPEND_TO_OPEN_CHAT_SQL = `with c as (${CUSTOMER_UPSERT}),
  o as (
    select chats.id from chats join c on chats.customer_id = c.id
    where chats.channel_id = $4 and chats.status in ('live', 'queued') and chats.kind = 'chat'
      and c.opted_out_at is null
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
    update chats set last_activity_at = $3, last_customer_activity_at = $3,
      awaiting_reply_since = coalesce(chats.awaiting_reply_since, $3)
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
    insert into realtime_frames (rooms, type, data)
    select rooms, type, data from (
      select 1 as ord,
        array[$10::text || x.id, $9::text] as rooms,
        'message.created' as type,
        jsonb_build_object(
          'id', x.message_id, 'chatId', x.id, 'direction', 'in', 'text', $5::text,
          'author', jsonb_build_object('kind', 'customer', 'name', coalesce(x.customer_name, 'Customer')),
          'status', 'received', 'failureReason', null, 'clientId', null,
          'createdAt', ${iso('x.message_at')}, 'seq', x.seq,
          'content', null, 'attachments', '[]'::jsonb, 'context', null, 'reactions', '[]'::jsonb,
          'editedAt', null, 'originalText', null, 'revokedAt', null
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
          'unverified', x.unverified,
          'waitingSince', ${iso('x.awaiting_reply_since')},
          'queuedAt', ${iso('x.queued_at')},
          'transfer', x.open_transfer
        )
      from x
    ) frames order by ord
    returning id, rooms, type, data::text as json
  ),
  ev as materialized (select gen_random_uuid() as id from m),
  w as (
    insert into webhook_deliveries (subscription_id, event_id, event_type, data)
    select s.id, ev.id, 'message.in', f.json::jsonb
    from webhook_subscriptions s join ev on true join f on f.type = 'message.created'
    where s.active and 'message.in' = any(s.events)
  )
  select (select id from o) as chat_id, (select id from m) as message_id,
    (select json_agg(f order by f.id) from f) as frames`;

/**
 * The rooms the statement builds from the ids it finds ($10 to $13), named by realtime/rooms.ts:
 * the `chat.updated` rooms follow its `chatAudience` (no `before`: this write changes neither
 * agent nor status), and inbound-fast-path.test.ts holds the two equal.
 */
const AUDIENCE_PARAMS = [
  roomStart(roomPrefix.chat),
  rooms.supervisors,
  roomStart(roomPrefix.staff),
  roomStart(roomPrefix.department),
];

export type OneStatementAppend =
  /** No live or queued chat, or the customer opted out: the full path must run. */
  | { kind: 'needs-full-path' }
  /** The provider id is stored already. */
  | { kind: 'duplicate' }
  | { kind: 'stored'; chatId: string; frames: CommittedFrame[] };

/**
 * `customerId` is who the number belonged to when last seen (the statement checks it still is),
 * and `widgetRoom` where the customer's widgets hear the message: realtime/rooms.ts `widgetRoomOf`
 * computes it, so the room's name is spelled in one place.
 */
const PREPARED_AS = 'parley_append_to_open_chat';

export async function appendToOpenChatInOneStatement(
  db: Db,
  message: {
    phone: string;
    name: string | null;
    customerId: string;
    widgetRoom: string;
    channel: { id: string; kind: string; name: string };
    text: string;
    providerMessageId: string;
    at: Date;
  },
): Promise<OneStatementAppend> {
  const params = [
    message.phone,
    message.name,
    message.at.toISOString(),
    message.channel.id,
    message.text,
    message.providerMessageId,
    JSON.stringify({
      id: message.channel.id,
      kind: message.channel.kind,
      name: message.channel.name,
    }),
    message.customerId,
    message.widgetRoom,
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
    ? await db.transaction((tx) => rawRows<Row>(tx, APPEND_TO_OPEN_CHAT_SQL, params, PREPARED_AS))
    : await rawRows<Row>(db, APPEND_TO_OPEN_CHAT_SQL, params, PREPARED_AS);
  if (!row?.chat_id) return { kind: 'needs-full-path' };
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
