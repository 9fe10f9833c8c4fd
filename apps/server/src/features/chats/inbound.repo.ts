import type { MessageContent, MessageContext } from '@parley/contract';
import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows, rawRows } from '../../db/client.ts';
import { chats, customers, messages } from '../../db/schema.ts';
import type { ChatRow, MessageRow } from './chat-payloads.repo.ts';

/*
 * The full path of a customer's message, for what the one-statement write
 * (inbound-fast-path.repo.ts) leaves: a new chat, a pending chat, an opted-out customer, a
 * keyword. The statements every message runs are plain SQL: the query builder costs more than
 * the database on the embedded engine (docs/benchmarks.md).
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
  state_since: Date | string;
  awaiting_reply_since: Date | string | null;
  last_staff_reply_at: Date | string | null;
  inactivity_warned_at: Date | string | null;
  open_transfer: Record<string, unknown> | null;
  kind: ChatRow['kind'];
  ticket_reason: string | null;
  ticket_contact: string | null;
};

const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const maybeDate = (v: Date | string | null) => (v === null ? null : date(v));

function toChatRow(raw: RawChat): ChatRow {
  return {
    id: raw.id,
    customerId: raw.customer_id,
    channelId: raw.channel_id,
    departmentId: raw.department_id,
    status: raw.status,
    flagged: raw.flagged,
    assigneeId: raw.assignee_id,
    createdAt: date(raw.created_at),
    queuedAt: maybeDate(raw.queued_at),
    lastActivityAt: date(raw.last_activity_at),
    lastCustomerActivityAt: maybeDate(raw.last_customer_activity_at),
    closedAt: maybeDate(raw.closed_at),
    sentiment: raw.sentiment,
    wrapTag: raw.wrap_tag,
    unverified: raw.unverified,
    widgetSessionId: raw.widget_session_id,
    stateSince: date(raw.state_since),
    awaitingReplySince: maybeDate(raw.awaiting_reply_since),
    lastStaffReplyAt: maybeDate(raw.last_staff_reply_at),
    inactivityWarnedAt: maybeDate(raw.inactivity_warned_at),
    openTransfer: raw.open_transfer,
    kind: raw.kind,
    ticketReason: raw.ticket_reason,
    ticketContact: raw.ticket_contact,
  };
}

export type InboundCustomer = {
  id: string;
  phone: string;
  name: string | null;
  optedOutAt: Date | null;
};

/** A name we learn later fills an empty profile; it never overwrites what staff wrote. */
export const CUSTOMER_UPSERT = `insert into customers (phone, name) values ($1, $2)
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
    `update chats set last_activity_at = $1, last_customer_activity_at = $1,
       awaiting_reply_since = coalesce(awaiting_reply_since, $1)
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
    `update chats set last_activity_at = $1, last_customer_activity_at = $1,
       awaiting_reply_since = coalesce(awaiting_reply_since, $1)
     where widget_session_id = $2 and unverified and status <> 'closed'
     returning *`,
    [at.toISOString(), widgetSessionId],
  );
  return row ? toChatRow(row) : undefined;
}

/** Stores the message unless its provider id is already stored (then answers undefined). */
export async function insertInboundMessage(
  tx: Db,
  message: InboundMessageValues,
): Promise<MessageRow | undefined> {
  const content = message.content ? JSON.stringify(message.content) : null;
  const context = message.context ? JSON.stringify(message.context) : null;
  const editedAt = message.editedAt ? message.editedAt.toISOString() : null;
  const [row] = await queryRows<{ id: string; seq: number | string; created_at: Date | string }>(
    tx,
    sql`insert into messages (chat_id, channel_id, direction, text, author_kind, status, provider_message_id, created_at, content, context, edited_at)
        values (${message.chatId}, ${message.channelId}, 'in', ${message.text}, 'customer', 'received', ${message.providerMessageId}, ${message.at.toISOString()}, ${content}::jsonb, ${context}::jsonb, ${editedAt}::timestamptz)
        on conflict (channel_id, direction, provider_message_id) where provider_message_id is not null do nothing
        returning id, seq, created_at`,
  );
  return row ? toInboundMessage(message, row) : undefined;
}

type InboundMessageValues = {
  chatId: string;
  channelId: string;
  text: string;
  providerMessageId: string;
  at: Date;
  content?: MessageContent | null | undefined;
  context?: MessageContext | null | undefined;
  /** An edit of a message we never had: stored as what it now says, marked edited. */
  editedAt?: Date | null | undefined;
};

function toInboundMessage(
  message: InboundMessageValues,
  row: { id: string; seq: number | string; created_at: Date | string },
): MessageRow {
  return {
    id: row.id,
    seq: Number(row.seq),
    chatId: message.chatId,
    channelId: message.channelId,
    direction: 'in',
    text: message.text,
    authorKind: 'customer',
    authorStaffId: null,
    status: 'received',
    failureReason: null,
    providerMessageId: message.providerMessageId,
    clientId: null,
    createdAt: date(row.created_at),
    content: message.content ?? null,
    context: message.context ?? null,
    reactions: [],
    editedAt: message.editedAt ?? null,
    originalText: null,
    revokedAt: null,
  };
}

/** The chat a stored provider id went to, if it is stored: a repeat of it stores nothing. */
export async function findStoredInboundMessage(
  db: Db,
  channelId: string,
  providerMessageId: string,
) {
  const [row] = await db
    .select({ chatId: messages.chatId })
    .from(messages)
    .where(
      and(
        eq(messages.channelId, channelId),
        eq(messages.direction, 'in'),
        eq(messages.providerMessageId, providerMessageId),
      ),
    );
  return row;
}

/** A customer with no open chat on the channel starts one: it waits in the queue. */
export async function insertQueuedChat(
  tx: Db,
  chat: {
    customerId: string;
    channelId: string;
    departmentId: string;
    at: Date;
    widgetSessionId: string | undefined;
  },
): Promise<ChatRow> {
  const [row] = await tx
    .insert(chats)
    .values({
      customerId: chat.customerId,
      channelId: chat.channelId,
      departmentId: chat.departmentId,
      status: 'queued',
      queuedAt: chat.at,
      lastActivityAt: chat.at,
      lastCustomerActivityAt: chat.at,
      awaitingReplySince: chat.at,
      stateSince: chat.at,
      unverified: Boolean(chat.widgetSessionId),
      widgetSessionId: chat.widgetSessionId ?? null,
    })
    .returning();
  if (!row) throw new Error('chat insert returned nothing');
  return row;
}

/** `//stop` sets it; any later message from the number clears it. */
export async function setCustomerOptedOut(tx: Db, customerId: string, at: Date | null) {
  await tx.update(customers).set({ optedOutAt: at }).where(eq(customers.id, customerId));
}
