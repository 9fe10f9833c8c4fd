import type { Chat, ChatCounts, ChatView } from '@parley/contract';
import { and, asc, desc, eq, gt, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { assertNoOpenTransaction, type Db, queryRows } from '../../db/client.ts';
import { channelSecrets, channels, chats, customers } from '../../db/schema.ts';
import { chatFromSelection, type ChatRow, selectChats } from './chat-payloads.repo.ts';

export type { ChatRow, EventRow, MessageRow } from './chat-payloads.repo.ts';

export async function findChatRow(db: Db, id: string, lock = false): Promise<ChatRow | undefined> {
  const q = db.select().from(chats).where(eq(chats.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/**
 * Changes a chat's row. A new status or agent starts a new state (`stateSince`), which the timers
 * count from, unless the caller names the moment itself.
 */
export async function updateChat(db: Db, id: string, values: Partial<ChatRow>): Promise<ChatRow> {
  const startsState = values.status !== undefined || values.assigneeId !== undefined;
  const set = startsState && !values.stateSince ? { ...values, stateSince: sql`now()` } : values;
  const [row] = await db.update(chats).set(set).where(eq(chats.id, id)).returning();
  if (!row) throw new Error(`chat ${id} vanished`);
  return row;
}

/** Who is looking at a list, as plain facts: the service decides what they may ask for. */
export type ChatListViewer = { staffId: string; departmentIds: string[]; seesEveryone: boolean };

/** Which chats belong in each view of the desk's list. */
function viewFilter(view: ChatView, viewer: ChatListViewer): SQL | undefined {
  const mine = eq(chats.assigneeId, viewer.staffId);
  const everyone = viewer.seesEveryone;
  switch (view) {
    case 'live':
      return and(eq(chats.status, 'live'), mine);
    case 'pending':
      return and(eq(chats.status, 'pending'), mine);
    case 'closed':
      return and(eq(chats.status, 'closed'), everyone ? undefined : mine);
    case 'flagged':
      return and(eq(chats.flagged, true), ne(chats.status, 'closed'), everyone ? undefined : mine);
    case 'queue':
      if (everyone) return eq(chats.status, 'queued');
      if (viewer.departmentIds.length === 0) return sql`false`;
      return and(eq(chats.status, 'queued'), inArray(chats.departmentId, viewer.departmentIds));
    case 'all':
      return ne(chats.status, 'closed');
    case 'tagged':
      return and(
        ne(chats.status, 'closed'),
        sql`exists (select 1 from chat_tags t where t.chat_id = ${chats.id} and t.staff_id = ${viewer.staffId})`,
      );
  }
}

export type ChatListSort = 'activity' | 'newest' | 'waiting';

/**
 * One page of a view, and one chat more when there is a next page: newest first, or for
 * `waiting` longest in the queue first (the order routing serves it). "Newest activity" means
 * the customer's: an agent's own reply does not lift a chat.
 */
export async function findChatsInView(
  db: Db,
  query: {
    view: ChatView;
    viewer: ChatListViewer;
    sort: ChatListSort;
    after: { at: string; id: string } | undefined;
    limit: number;
  },
): Promise<Chat[]> {
  const column =
    query.sort === 'newest'
      ? sql`${chats.createdAt}`
      : query.sort === 'waiting'
        ? sql`coalesce(${chats.queuedAt}, ${chats.createdAt})`
        : sql`coalesce(${chats.lastCustomerActivityAt}, ${chats.createdAt})`;
  const oldestFirst = query.sort === 'waiting';
  const beyond = oldestFirst ? gt : lt;
  const after = query.after;
  const page = await selectChats(db)
    .where(
      and(
        // Tickets have lists of their own (features/tickets).
        eq(chats.kind, 'chat'),
        viewFilter(query.view, query.viewer),
        after
          ? or(
              beyond(column, new Date(after.at)),
              and(eq(column, new Date(after.at)), beyond(chats.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(...(oldestFirst ? [asc(column), asc(chats.id)] : [desc(column), desc(chats.id)]))
    .limit(query.limit + 1);
  return page.map(chatFromSelection);
}

/** How many chats each of the viewer's lists holds, in one statement. */
export async function countChatsInViews(db: Db, viewer: ChatListViewer): Promise<ChatCounts> {
  const count = (view: ChatView) =>
    sql<number>`count(*) filter (where ${viewFilter(view, viewer) ?? sql`true`})::int`;
  const [row] = await db
    .select({
      live: count('live'),
      queue: count('queue'),
      pending: count('pending'),
      tagged: count('tagged'),
    })
    .from(chats)
    .where(and(eq(chats.kind, 'chat'), ne(chats.status, 'closed')));
  return row ?? { live: 0, queue: 0, pending: 0, tagged: 0 };
}

/** The customer's open chat on a channel, locked. An unverified chat is never it. */
export async function lockOpenCustomerChat(tx: Db, customerId: string, channelId: string) {
  const [row] = await tx
    .select()
    .from(chats)
    .where(
      and(
        eq(chats.customerId, customerId),
        eq(chats.channelId, channelId),
        eq(chats.unverified, false),
        ne(chats.status, 'closed'),
      ),
    )
    .for('update');
  return row;
}

/** The open unverified chat a widget session started, locked. */
export async function lockOpenSessionChat(tx: Db, widgetSessionId: string) {
  const [row] = await tx
    .select()
    .from(chats)
    .where(
      and(
        eq(chats.widgetSessionId, widgetSessionId),
        eq(chats.unverified, true),
        ne(chats.status, 'closed'),
      ),
    )
    .for('update');
  return row;
}

/** An open chat that took this closed one's place: the customer wrote again since. */
export async function findNewerOpenChat(tx: Db, closed: ChatRow) {
  const [newer] = await tx
    .select({ id: chats.id })
    .from(chats)
    .where(
      // An unverified chat stands apart: only its own widget session's next chat is newer.
      closed.unverified && closed.widgetSessionId
        ? and(
            eq(chats.widgetSessionId, closed.widgetSessionId),
            eq(chats.unverified, true),
            ne(chats.status, 'closed'),
          )
        : and(
            eq(chats.customerId, closed.customerId),
            eq(chats.channelId, closed.channelId),
            eq(chats.unverified, closed.unverified),
            ne(chats.status, 'closed'),
          ),
    );
  return newer;
}

export async function findCustomer(db: Db, customerId: string) {
  const [row] = await db.select().from(customers).where(eq(customers.id, customerId));
  return row;
}

export async function findCustomerName(db: Db, customerId: string) {
  const [row] = await db
    .select({ name: customers.name })
    .from(customers)
    .where(eq(customers.id, customerId));
  return row?.name ?? null;
}

/** Whether the staff member was tagged into this chat by a colleague's comment. */
export async function isTagged(db: Db, chatId: string, staffId: string): Promise<boolean> {
  const [row] = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from chat_tags where chat_id = ${chatId} and staff_id = ${staffId}`,
  );
  return row !== undefined;
}

export type ChannelRow = typeof channels.$inferSelect;
export type ChannelSecretRow = typeof channelSecrets.$inferSelect;
/** A channel with its stored (sealed or hashed) secrets; the channels feature opens them. */
export type CachedChannel = ChannelRow & { secretRows: ChannelSecretRow[] };
const channelCache = new WeakMap<Db, Map<string, { row: CachedChannel | undefined; at: number }>>();
const CHANNEL_TTL_MS = 5_000;

/**
 * Channels change rarely and every message needs one: each is read at most every few seconds.
 * An admin change clears this node's entry at once (forgetChannel); other nodes see it when
 * their entry lapses, within CHANNEL_TTL_MS. The entry object is reused until then, so whatever
 * is derived from it (opened secrets) is worked out once per entry, not per message.
 */
export async function findChannel(db: Db, id: string): Promise<CachedChannel | undefined> {
  // A hit would hide a call from inside a transaction that deadlocks on the next miss.
  assertNoOpenTransaction();
  let cache = channelCache.get(db);
  if (!cache) channelCache.set(db, (cache = new Map()));
  const hit = cache.get(id);
  if (hit && Date.now() - hit.at < CHANNEL_TTL_MS) return hit.row;
  const [found] = await db.select().from(channels).where(eq(channels.id, id));
  const row = found
    ? {
        ...found,
        secretRows: await db.select().from(channelSecrets).where(eq(channelSecrets.channelId, id)),
      }
    : undefined;
  if (cache.size > 1000) cache.clear();
  cache.set(id, { row, at: Date.now() });
  return row;
}

/** Drops this node's cached copy of a channel after an admin changed it. */
export function forgetChannel(db: Db, id: string): void {
  channelCache.get(db)?.delete(id);
}
