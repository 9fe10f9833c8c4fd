import type { Chat, ChatEvent, Message } from '@parley/contract';
import { eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { assertNoOpenTransaction, type Db } from '../../db/client.ts';
import {
  channels,
  chats,
  customers,
  departments,
  events,
  messages,
  staff,
} from '../../db/schema.ts';

export type ChatRow = typeof chats.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type EventRow = typeof events.$inferSelect;

const assignee = alias(staff, 'assignee');

const lastMessage = sql<{ text: string; direction: 'in' | 'out'; at: string } | null>`(
  select json_build_object('text', m.text, 'direction', m.direction, 'at', m.created_at)
  from ${messages} m where m.chat_id = ${chats.id} order by m.seq desc limit 1)`;

/** The columns a Chat summary is made of, joined once. */
export function selectChats(db: Db) {
  return db
    .select({
      chat: chats,
      customer: { id: customers.id, phone: customers.phone, name: customers.name },
      channel: { id: channels.id, kind: channels.kind, name: channels.name },
      department: { id: departments.id, name: departments.name },
      assignee: { id: assignee.id, name: assignee.name, role: assignee.role },
      lastMessage,
    })
    .from(chats)
    .innerJoin(customers, eq(customers.id, chats.customerId))
    .innerJoin(channels, eq(channels.id, chats.channelId))
    .innerJoin(departments, eq(departments.id, chats.departmentId))
    .leftJoin(assignee, eq(assignee.id, chats.assigneeId));
}

type ChatSelection = Awaited<ReturnType<ReturnType<typeof selectChats>['execute']>>[number];

const iso = (d: Date | string | null): string | null =>
  d === null ? null : new Date(d).toISOString();

export function toChat(row: ChatSelection): Chat {
  const c = row.chat;
  return {
    id: c.id,
    status: c.status,
    flagged: c.flagged,
    customer: row.customer,
    channel: row.channel,
    assignee: row.assignee && row.assignee.id ? row.assignee : null,
    department: row.department,
    createdAt: c.createdAt.toISOString(),
    lastActivityAt: c.lastActivityAt.toISOString(),
    lastCustomerActivityAt: iso(c.lastCustomerActivityAt),
    lastMessage: row.lastMessage
      ? { ...row.lastMessage, at: new Date(row.lastMessage.at).toISOString() }
      : null,
    closedAt: iso(c.closedAt),
    sentiment: c.sentiment,
    unverified: c.unverified,
  };
}

export async function findChat(db: Db, id: string): Promise<Chat | undefined> {
  const [row] = await selectChats(db).where(eq(chats.id, id));
  return row ? toChat(row) : undefined;
}

export async function findChatRow(db: Db, id: string, lock = false): Promise<ChatRow | undefined> {
  const q = db.select().from(chats).where(eq(chats.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function updateChat(db: Db, id: string, values: Partial<ChatRow>): Promise<ChatRow> {
  const [row] = await db.update(chats).set(values).where(eq(chats.id, id)).returning();
  if (!row) throw new Error(`chat ${id} vanished`);
  return row;
}

/** Staff names for message authors and event actors, in one query. */
async function staffNames(db: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0)
    return new Map<string, { id: string; name: string; role: 'admin' | 'supervisor' | 'agent' }>();
  const rows = await db
    .select({ id: staff.id, name: staff.name, role: staff.role })
    .from(staff)
    .where(inArray(staff.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function toMessages(
  db: Db,
  rows: MessageRow[],
  customerName: string | null,
): Promise<Message[]> {
  const names = await staffNames(
    db,
    rows.map((r) => r.authorStaffId),
  );
  return rows.map((r) => ({
    id: r.id,
    chatId: r.chatId,
    direction: r.direction,
    text: r.text,
    author:
      r.authorKind === 'staff'
        ? {
            kind: 'staff',
            id: r.authorStaffId ?? undefined,
            name: names.get(r.authorStaffId ?? '')?.name ?? 'Former colleague',
          }
        : r.authorKind === 'customer'
          ? { kind: 'customer', name: customerName ?? 'Customer' }
          : { kind: 'system', name: 'Parley' },
    status: r.status,
    failureReason: r.failureReason,
    clientId: r.clientId,
    createdAt: r.createdAt.toISOString(),
    seq: r.seq,
  }));
}

export async function toEvents(db: Db, rows: EventRow[]): Promise<ChatEvent[]> {
  const names = await staffNames(
    db,
    rows.map((r) => r.actorStaffId),
  );
  return rows.map((r) => {
    const person = r.actorStaffId ? names.get(r.actorStaffId) : undefined;
    return {
      id: r.id,
      chatId: r.chatId,
      customerId: r.customerId,
      type: r.type,
      actor:
        r.actorKind === 'staff'
          ? {
              kind: 'staff' as const,
              id: r.actorStaffId ?? '',
              name: person?.name ?? 'Former colleague',
              role: person?.role ?? 'agent',
            }
          : { kind: r.actorKind },
      data: r.data,
      at: r.at.toISOString(),
      seq: r.seq,
    };
  });
}

export type ChannelRow = typeof channels.$inferSelect;
const channelCache = new WeakMap<Db, Map<string, { row: ChannelRow | undefined; at: number }>>();
const CHANNEL_TTL_MS = 5_000;

/** Channels change rarely and every message needs one: each is read at most every few seconds. */
export async function findChannel(db: Db, id: string): Promise<ChannelRow | undefined> {
  // A hit would hide a call from inside a transaction that deadlocks on the next miss.
  assertNoOpenTransaction();
  let cache = channelCache.get(db);
  if (!cache) channelCache.set(db, (cache = new Map()));
  const hit = cache.get(id);
  if (hit && Date.now() - hit.at < CHANNEL_TTL_MS) return hit.row;
  const [row] = await db.select().from(channels).where(eq(channels.id, id));
  if (cache.size > 1000) cache.clear();
  cache.set(id, { row, at: Date.now() });
  return row;
}
