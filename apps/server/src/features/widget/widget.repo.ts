import {
  and,
  asc,
  desc,
  eq,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { attachments, chats, customers, messages, staff, widgetSessions } from '../../db/schema.ts';

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

export async function findWidgetSessionById(db: Db, id: string) {
  const [row] = await db.select().from(widgetSessions).where(eq(widgetSessions.id, id));
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

/** What the widget's state of a chat is built from (widget-state.service.ts). */
const chatStateColumns = {
  id: chats.id,
  status: chats.status,
  kind: chats.kind,
  departmentId: chats.departmentId,
  queuedAt: chats.queuedAt,
  ticketReason: chats.ticketReason,
  ticketContact: chats.ticketContact,
  agentName: staff.name,
};
export type WidgetChatRow = {
  id: string;
  status: 'queued' | 'live' | 'pending' | 'closed';
  kind: 'chat' | 'ticket';
  departmentId: string;
  queuedAt: Date | null;
  ticketReason: string | null;
  ticketContact: string | null;
  agentName: string | null;
};

/** One chat's state row, whoever may see it (the caller has checked; the hook and tests use it). */
export async function findChatState(db: Db, chatId: string): Promise<WidgetChatRow | undefined> {
  const [row] = await db
    .select(chatStateColumns)
    .from(chats)
    .leftJoin(staff, eq(staff.id, chats.assigneeId))
    .where(eq(chats.id, chatId));
  return row;
}

/** The chat with this id if this session may see it: another session's chat is not found. */
export async function findSessionChat(
  db: Db,
  session: WidgetSessionRow,
  chatId: string,
): Promise<WidgetChatRow | undefined> {
  if (!UUID.test(chatId)) return undefined;
  const [row] = await db
    .select(chatStateColumns)
    .from(chats)
    .leftJoin(staff, eq(staff.id, chats.assigneeId))
    .where(and(eq(chats.id, chatId), sessionChats(session)));
  return row;
}

/**
 * Where a queued chat stands in its department's queue: 1 + the chats queued before it, in the
 * order routing serves them (queued_at, then id), on the queue's own index.
 */
export async function queuePosition(db: Db, chat: WidgetChatRow): Promise<number> {
  if (!chat.queuedAt) return 1;
  const rows = await queryRows<{ ahead: number | string }>(
    db,
    sql`select count(*) as ahead from chats
         where department_id = ${chat.departmentId} and status = 'queued' and kind = 'chat'
           and (queued_at < ${chat.queuedAt.toISOString()}::timestamptz
                or (queued_at = ${chat.queuedAt.toISOString()}::timestamptz and id < ${chat.id}))`,
  );
  return Number(rows[0]?.ahead ?? 0) + 1;
}

/**
 * How long the department's chats first taken since `since` waited from arrival to their first
 * agent: the median in seconds and how many there were.
 */
export async function medianWaitSince(
  db: Db,
  departmentId: string,
  since: Date,
): Promise<{ seconds: number | null; count: number }> {
  const rows = await queryRows<{ seconds: number | string | null; n: number | string }>(
    db,
    sql`select percentile_cont(0.5) within group (order by extract(epoch from first_at - created_at)) as seconds,
               count(*) as n
          from (select c.id, c.created_at, min(e.at) as first_at
                  from events e join chats c on c.id = e.chat_id
                 where e.type = 'assigned' and e.at > ${since.toISOString()}::timestamptz
                   and c.department_id = ${departmentId} and c.kind = 'chat'
                 group by c.id, c.created_at) taken`,
  );
  const row = rows[0];
  return {
    seconds: row?.seconds == null ? null : Number(row.seconds),
    count: Number(row?.n ?? 0),
  };
}

/** What decides which widget room hears a chat (realtime/rooms.ts `widgetRoomOf`). */
export async function findChatRoomKey(db: Db, chatId: string) {
  const [row] = await db
    .select({
      customerId: chats.customerId,
      channelId: chats.channelId,
      unverified: chats.unverified,
      widgetSessionId: chats.widgetSessionId,
    })
    .from(chats)
    .where(eq(chats.id, chatId));
  return row;
}

/** The visitor left a way to be contacted about their ticket. */
export async function setTicketContact(db: Db, chatId: string, contact: string) {
  const [row] = await db
    .update(chats)
    .set({ ticketContact: contact })
    .where(and(eq(chats.id, chatId), eq(chats.kind, 'ticket')))
    .returning({ id: chats.id, customerId: chats.customerId });
  return row;
}

export async function findOpenChat(db: Db, session: WidgetSessionRow) {
  const [row] = await db
    .select({ id: chats.id })
    .from(chats)
    .where(and(sessionChats(session), ne(chats.status, 'closed')))
    .limit(1);
  return row;
}

/** The open chat, else the latest one that closed at or after the session began. */
export async function findCurrentChat(db: Db, session: WidgetSessionRow) {
  const [row] = await db
    .select({ id: chats.id })
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

/**
 * A file this session may fetch: in a chat it may see, in a message said since it began, or an
 * upload of its own not sent yet. Undefined for anything else.
 */
export async function findSessionAttachment(db: Db, session: WidgetSessionRow, id: string) {
  const [row] = await db
    .select({ attachment: attachments })
    .from(attachments)
    .innerJoin(chats, eq(chats.id, attachments.chatId))
    .leftJoin(messages, eq(messages.id, attachments.messageId))
    .where(
      and(
        eq(attachments.id, id),
        sessionChats(session),
        or(
          and(isNull(attachments.messageId), eq(attachments.uploadedByWidgetSessionId, session.id)),
          gte(messages.createdAt, session.createdAt),
        ),
      ),
    );
  return row?.attachment;
}

/** One message of the session's own chats since it began (the visitor may see it), else nothing. */
export async function findSessionMessage(db: Db, session: WidgetSessionRow, messageId: string) {
  const [row] = await db
    .select({ id: messages.id, chatId: messages.chatId, seq: messages.seq })
    .from(messages)
    .innerJoin(chats, eq(chats.id, messages.chatId))
    .where(
      and(
        eq(messages.id, messageId),
        sessionChats(session),
        gte(messages.createdAt, session.createdAt),
      ),
    );
  return row;
}

/**
 * The visitor has seen our replies in this chat up to `seq`: each one not yet read nor failed
 * becomes read (statuses only move forward). Returns the rows that changed.
 */
export async function markRepliesRead(db: Db, chatId: string, upToSeq: number, since: Date) {
  return db
    .update(messages)
    .set({ status: 'read' })
    .where(
      and(
        eq(messages.chatId, chatId),
        eq(messages.direction, 'out'),
        lte(messages.seq, upToSeq),
        gte(messages.createdAt, since),
        inArray(messages.status, ['queued', 'sent', 'delivered']),
      ),
    )
    .returning();
}
