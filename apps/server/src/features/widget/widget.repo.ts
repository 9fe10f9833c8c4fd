import { and, asc, desc, eq, gte, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { chats, customers, messages, widgetSessions } from '../../db/schema.ts';

export type WidgetSessionRow = typeof widgetSessions.$inferSelect;

/**
 * Customers own one number; a name we learn fills an empty profile and never overwrites one. An
 * unverified visitor's name goes only on a profile this creates (`fillName` false).
 */
export async function upsertCustomer(db: Db, phone: string, name: string | null, fillName = true) {
  const [row] = await db
    .insert(customers)
    .values({ phone, name })
    .onConflictDoUpdate({
      target: customers.phone,
      set: {
        name: fillName ? sql`coalesce(${customers.name}, excluded.name)` : sql`${customers.name}`,
      },
    })
    .returning({ id: customers.id, phone: customers.phone });
  if (!row) throw new Error('customer upsert returned nothing');
  return row;
}

export async function insertWidgetSession(
  db: Db,
  values: {
    tokenHash: string;
    channelId: string;
    customerId: string;
    createdAt: Date;
    verifiedAt: Date | null;
  },
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Which of these sessions exist and were used within the last `idleMs`, in one query. A malformed
 * id would fail the uuid cast, and with it the whole batch: it simply matches nothing.
 */
export async function findLiveWidgetSessionIds(
  db: Db,
  ids: string[],
  idleMs: number,
): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id::text as id from widget_sessions
         where id = any(${sql.param(ids.filter((id) => UUID.test(id)))}::uuid[])
           and last_seen_at > now() - ${`${idleMs} milliseconds`}::interval`,
  );
  return rows.map((row) => row.id);
}

/**
 * The chats a widget session may see. An unverified session: only those it started. A verified
 * one: the customer's chats on the channel (an unverified chat is never the customer's), and any
 * this session started before it verified.
 */
export function sessionChats(session: WidgetSessionRow): SQL {
  const own = and(eq(chats.widgetSessionId, session.id), eq(chats.unverified, true))!;
  if (!session.verifiedAt) return own;
  return or(
    and(
      eq(chats.customerId, session.customerId),
      eq(chats.channelId, session.channelId),
      eq(chats.unverified, false),
    ),
    own,
  )!;
}

export async function findOpenChat(db: Db, session: WidgetSessionRow) {
  const [row] = await db
    .select({ id: chats.id, status: chats.status })
    .from(chats)
    .where(and(sessionChats(session), ne(chats.status, 'closed')))
    .limit(1);
  return row;
}

/** The open chat, else the latest one that closed at or after the session began. */
export async function findCurrentChat(db: Db, session: WidgetSessionRow) {
  const [row] = await db
    .select({ id: chats.id, status: chats.status })
    .from(chats)
    .where(
      and(
        sessionChats(session),
        or(ne(chats.status, 'closed'), gte(chats.closedAt, session.createdAt)),
      ),
    )
    .orderBy(sql`${chats.status} = 'closed'`, desc(chats.closedAt))
    .limit(1);
  return row;
}

/**
 * What the session may see since it began, oldest first: the widget's conversation. The newest
 * `limit` are kept when there are more.
 */
export async function findMessagesSince(db: Db, session: WidgetSessionRow, limit: number) {
  const rows = await db
    .select({ message: messages })
    .from(messages)
    .innerJoin(chats, eq(chats.id, messages.chatId))
    .where(and(sessionChats(session), gte(messages.createdAt, session.createdAt)))
    .orderBy(desc(messages.seq))
    .limit(limit);
  return rows.map((row) => row.message).reverse();
}

/** A new one-time code replaces any earlier one, with a fresh count of tries. */
export async function setCode(
  db: Db,
  id: string,
  code: { phone: string; hash: string; expiresAt: Date },
) {
  await db
    .update(widgetSessions)
    .set({
      codePhone: code.phone,
      codeHash: code.hash,
      codeExpiresAt: code.expiresAt,
      codeAttempts: 0,
    })
    .where(eq(widgetSessions.id, id));
}

/**
 * Spends one try on the session's code, in one statement so parallel guesses each spend one;
 * undefined when there is no code or its tries are used up.
 */
export async function spendCodeAttempt(db: Db, id: string, maxAttempts: number) {
  const [row] = await db
    .update(widgetSessions)
    .set({ codeAttempts: sql`${widgetSessions.codeAttempts} + 1` })
    .where(
      and(
        eq(widgetSessions.id, id),
        sql`${widgetSessions.codeHash} is not null`,
        lt(widgetSessions.codeAttempts, maxAttempts),
      ),
    )
    .returning();
  return row;
}

/** The session now speaks for this customer; the code is spent. */
export async function markVerified(db: Db, id: string, customerId: string) {
  const [row] = await db
    .update(widgetSessions)
    .set({
      customerId,
      verifiedAt: new Date(),
      codeHash: null,
      codePhone: null,
      codeExpiresAt: null,
      codeAttempts: 0,
    })
    .where(eq(widgetSessions.id, id))
    .returning();
  return row;
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
