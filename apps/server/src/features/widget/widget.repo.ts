import { and, asc, desc, eq, gte, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { channels, chats, customers, messages, widgetSessions } from '../../db/schema.ts';

export type WidgetSessionRow = typeof widgetSessions.$inferSelect;

/** Customers own one number; a name we learn fills an empty profile and never overwrites one. */
export async function upsertCustomer(db: Db, phone: string, name: string) {
  const [row] = await db
    .insert(customers)
    .values({ phone, name })
    .onConflictDoUpdate({
      target: customers.phone,
      set: { name: sql`coalesce(${customers.name}, excluded.name)` },
    })
    .returning({ id: customers.id, phone: customers.phone });
  if (!row) throw new Error('customer upsert returned nothing');
  return row;
}

export async function insertWidgetSession(
  db: Db,
  values: { tokenHash: string; channelId: string; customerId: string; createdAt: Date },
) {
  const [row] = await db
    .insert(widgetSessions)
    .values({ ...values, lastSeenAt: values.createdAt })
    .returning();
  if (!row) throw new Error('widget session insert returned nothing');
  return row;
}

export async function findWidgetSession(db: Db, tokenHash: string, channelId: string) {
  const [row] = await db
    .select()
    .from(widgetSessions)
    .where(and(eq(widgetSessions.tokenHash, tokenHash), eq(widgetSessions.channelId, channelId)));
  return row;
}

export async function touchWidgetSession(db: Db, id: string) {
  await db.update(widgetSessions).set({ lastSeenAt: new Date() }).where(eq(widgetSessions.id, id));
}

export async function deleteWidgetSession(db: Db, id: string) {
  await db.delete(widgetSessions).where(eq(widgetSessions.id, id));
}

export async function deleteIdleWidgetSessions(db: Db, idleBefore: Date) {
  await db.delete(widgetSessions).where(lt(widgetSessions.lastSeenAt, idleBefore));
}

export async function findOpenChat(db: Db, customerId: string, channelId: string) {
  const [row] = await db
    .select({ id: chats.id, status: chats.status })
    .from(chats)
    .where(
      and(
        eq(chats.customerId, customerId),
        eq(chats.channelId, channelId),
        ne(chats.status, 'closed'),
      ),
    );
  return row;
}

/** The open chat, else the latest one that closed at or after `since`. */
export async function findCurrentChat(db: Db, customerId: string, channelId: string, since: Date) {
  const [row] = await db
    .select({ id: chats.id, status: chats.status })
    .from(chats)
    .where(
      and(
        eq(chats.customerId, customerId),
        eq(chats.channelId, channelId),
        or(ne(chats.status, 'closed'), gte(chats.closedAt, since)),
      ),
    )
    .orderBy(sql`${chats.status} = 'closed'`, desc(chats.closedAt))
    .limit(1);
  return row;
}

/**
 * The customer's messages on a channel since `since`, oldest first: the widget's conversation.
 * The newest `limit` are kept when there are more.
 */
export async function findMessagesSince(
  db: Db,
  customerId: string,
  channelId: string,
  since: Date,
  limit: number,
) {
  const rows = await db
    .select({ message: messages })
    .from(messages)
    .innerJoin(chats, eq(chats.id, messages.chatId))
    .where(
      and(
        eq(chats.customerId, customerId),
        eq(chats.channelId, channelId),
        gte(messages.createdAt, since),
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(limit);
  return rows.map((r) => r.message).reverse();
}

export async function findInboundMessage(db: Db, channelId: string, providerMessageId: string) {
  const [row] = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.channelId, channelId),
        eq(messages.direction, 'in'),
        eq(messages.providerMessageId, providerMessageId),
      ),
    )
    .orderBy(asc(messages.seq))
    .limit(1);
  return row;
}

export async function findCustomer(db: Db, customerId: string) {
  const [row] = await db
    .select({ phone: customers.phone, name: customers.name })
    .from(customers)
    .where(eq(customers.id, customerId));
  return row;
}

export async function findChannel(db: Db, id: string) {
  const [row] = await db
    .select({ id: channels.id, kind: channels.kind, defaultRegion: channels.defaultRegion })
    .from(channels)
    .where(eq(channels.id, id));
  return row;
}
