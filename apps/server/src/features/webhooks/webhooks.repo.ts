import { randomUUID } from 'node:crypto';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { webhookDeliveries, webhookSubscriptions } from '../../db/schema.ts';

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type LastDelivery = {
  state: DeliveryRow['state'];
  eventType: string;
  attempts: number;
  at: Date;
};

/**
 * Queues one event for every active subscription that wants it, in the caller's transaction, so
 * a delivery exists exactly when the change it reports does. `data` is built only when someone
 * listens: with no subscription the cost is one indexed look-up. Every subscription gets the same
 * event id. Answers how many deliveries were queued.
 */
export async function enqueueWebhookEvent(
  tx: Db,
  type: string,
  data: unknown | (() => Promise<unknown>),
): Promise<number> {
  const listening = await tx
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(
      and(
        eq(webhookSubscriptions.active, true),
        sql`${type} = any(${webhookSubscriptions.events})`,
      ),
    );
  if (listening.length === 0) return 0;
  const payload = typeof data === 'function' ? await (data as () => Promise<unknown>)() : data;
  const eventId = randomUUID();
  const at = new Date();
  await tx.insert(webhookDeliveries).values(
    listening.map((s) => ({
      subscriptionId: s.id,
      eventId,
      eventType: type,
      eventAt: at,
      data: payload,
    })),
  );
  return listening.length;
}

/** One delivery for one subscription (a test ping, a redelivery), due now. */
export async function insertDelivery(
  tx: Db,
  values: {
    subscriptionId: string;
    eventId: string;
    eventType: string;
    eventAt: Date;
    data: unknown;
  },
): Promise<DeliveryRow> {
  const [row] = await tx.insert(webhookDeliveries).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function insertSubscription(
  tx: Db,
  values: { url: string; events: string[]; secret: string; createdBy: string | null },
): Promise<SubscriptionRow> {
  const [row] = await tx.insert(webhookSubscriptions).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findSubscription(db: Db, id: string, lock = false) {
  const query = db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function updateSubscriptionRow(
  tx: Db,
  id: string,
  values: Partial<Pick<SubscriptionRow, 'url' | 'events' | 'active'>>,
): Promise<SubscriptionRow | undefined> {
  const [row] = await tx
    .update(webhookSubscriptions)
    .set(values)
    .where(eq(webhookSubscriptions.id, id))
    .returning();
  return row;
}

/** Deletes a subscription and, by cascade, its deliveries: nothing more goes to it. */
export async function deleteSubscriptionRow(tx: Db, id: string): Promise<boolean> {
  const rows = await tx
    .delete(webhookSubscriptions)
    .where(eq(webhookSubscriptions.id, id))
    .returning({ id: webhookSubscriptions.id });
  return rows.length > 0;
}

export async function findAllSubscriptions(db: Db): Promise<SubscriptionRow[]> {
  return db.select().from(webhookSubscriptions).orderBy(desc(webhookSubscriptions.createdAt));
}

/** The newest delivery of each subscription, for the list's "last delivery" column. */
export async function findLastDeliveries(
  db: Db,
  ids: string[],
): Promise<Map<string, LastDelivery>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{
    subscription_id: string;
    state: DeliveryRow['state'];
    event_type: string;
    attempts: number;
    at: Date | string;
  }>(
    db,
    sql`select distinct on (subscription_id) subscription_id, state, event_type, attempts,
          coalesce(last_attempt_at, created_at) as at
        from webhook_deliveries
        where subscription_id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        order by subscription_id, id desc`,
  );
  return new Map(
    rows.map((r) => [
      r.subscription_id,
      { state: r.state, eventType: r.event_type, attempts: r.attempts, at: new Date(r.at) },
    ]),
  );
}

/** A page of a subscription's deliveries, newest first, before the id `before`. */
export async function findDeliveryPage(
  db: Db,
  subscriptionId: string,
  before: number | undefined,
  limit: number,
): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.subscriptionId, subscriptionId),
        before === undefined ? undefined : lt(webhookDeliveries.id, before),
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
}

export async function findDelivery(db: Db, subscriptionId: string, id: number) {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.subscriptionId, subscriptionId)));
  return row;
}

/** Whether this event is already waiting for this subscription (a redelivery would double it). */
export async function hasPendingDelivery(tx: Db, subscriptionId: string, eventId: string) {
  const [row] = await tx
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.subscriptionId, subscriptionId),
        eq(webhookDeliveries.eventId, eventId),
        eq(webhookDeliveries.state, 'pending'),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** A delivery this worker holds until `leaseUntil`; past that another worker may take it over. */
export type DeliveryClaim = {
  id: number;
  subscriptionId: string;
  attempts: number;
  leaseUntil: Date;
};

/**
 * Takes up to `limit` due deliveries of active subscriptions and leases them by pushing their
 * next attempt past the send deadline, in one statement: the outbox's pattern (ADR 5, 12). SKIP
 * LOCKED keeps workers on several nodes off each other's rows; the lease, not a held lock, covers
 * the HTTP call, so a worker that dies mid-send leaves a row that simply becomes due again. A
 * paused subscription's deliveries wait for it to resume.
 */
export async function claimDueDeliveries(
  db: Db,
  opts: { limit: number; leaseMs: number },
): Promise<DeliveryClaim[]> {
  const rows = await queryRows<{
    id: number | string;
    subscription_id: string;
    attempts: number;
    lease_until: Date | string;
  }>(
    db,
    sql`update webhook_deliveries set next_attempt_at = date_trunc('milliseconds', now()) + ${opts.leaseMs} * interval '1 millisecond'
        where id in (
          select d.id from webhook_deliveries d
          join webhook_subscriptions s on s.id = d.subscription_id and s.active
          where d.state = 'pending' and d.next_attempt_at <= now()
          order by d.next_attempt_at, d.id
          limit ${opts.limit}
          for update of d skip locked)
        returning id, subscription_id, attempts, next_attempt_at as lease_until`,
  );
  return rows
    .map((row) => ({
      id: Number(row.id),
      subscriptionId: row.subscription_id,
      attempts: row.attempts,
      leaseUntil: new Date(row.lease_until),
    }))
    .sort((one, other) => one.id - other.id);
}

/** What a claimed delivery sends: its event and its subscription's URL and secret. */
export async function findClaimedDelivery(db: Db, claim: DeliveryClaim) {
  const [row] = await db
    .select({
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      eventAt: webhookDeliveries.eventAt,
      data: webhookDeliveries.data,
      url: webhookSubscriptions.url,
      secret: webhookSubscriptions.secret,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(eq(webhookDeliveries.id, claim.id));
  return row;
}

/**
 * Settles a claimed delivery, only while this worker still holds its lease: a worker that
 * overran it must not overwrite the outcome of the one that took over. False when it was lost.
 */
export async function settleDelivery(
  db: Db,
  claim: DeliveryClaim,
  outcome: {
    state: 'delivered' | 'failed' | 'pending';
    error: string | null;
    responseStatus: number | null;
    delayMs?: number;
  },
): Promise<boolean> {
  const rows = await db
    .update(webhookDeliveries)
    .set({
      state: outcome.state,
      attempts: claim.attempts + 1,
      lastError: outcome.error,
      responseStatus: outcome.responseStatus,
      lastAttemptAt: sql`now()`,
      ...(outcome.state === 'pending'
        ? {
            nextAttemptAt: sql`now() + ${Math.round(outcome.delayMs ?? 0)} * interval '1 millisecond'`,
          }
        : {}),
    })
    .where(
      and(
        eq(webhookDeliveries.id, claim.id),
        eq(webhookDeliveries.state, 'pending'),
        eq(webhookDeliveries.nextAttemptAt, claim.leaseUntil),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}

export async function updateSubscriptionSecret(tx: Db, id: string, secret: string) {
  await tx.update(webhookSubscriptions).set({ secret }).where(eq(webhookSubscriptions.id, id));
}
