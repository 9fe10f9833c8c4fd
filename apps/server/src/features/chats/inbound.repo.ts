import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
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
export async function upsertCustomer(
  tx: Db,
  phone: string,
  name: string | null,
): Promise<InboundCustomer> {
  const [row] = await queryRows<{
    id: string;
    phone: string;
    name: string | null;
    opted_out_at: Date | string | null;
  }>(
    tx,
    sql`insert into customers (phone, name) values (${phone}, ${name})
        on conflict (phone) do update set name = coalesce(customers.name, excluded.name)
        returning id, phone, name, opted_out_at`,
  );
  if (!row) throw new Error('customer upsert returned nothing');
  return { id: row.id, phone: row.phone, name: row.name, optedOutAt: maybeDate(row.opted_out_at) };
}

/** The open chat of this customer on this channel, locked and touched in one statement. */
export async function touchOpenChat(tx: Db, customerId: string, channelId: string, at: Date) {
  const [row] = await queryRows<RawChat>(
    tx,
    sql`update chats set last_activity_at = ${at.toISOString()}, last_customer_activity_at = ${at.toISOString()}
        where customer_id = ${customerId} and channel_id = ${channelId} and status <> 'closed'
        returning *`,
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
  if (!row) return undefined;
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
