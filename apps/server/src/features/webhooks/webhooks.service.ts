import { randomUUID } from 'node:crypto';
import {
  WEBHOOK_TEST_EVENT,
  type WebhookCreateBody,
  type WebhookDelivery,
  type WebhookDeliveryPage,
  type WebhookEventType,
  type WebhookPatchBody,
  type WebhookSubscription,
  type WebhookSubscriptionCreated,
} from '@parley/contract';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import type { Db } from '../../db/client.ts';
import { conflict, notFound, unprocessable } from '../../errors.ts';
import { type Principal, requireAdmin } from '../../principal.ts';
import { recordAudit } from '../audit/index.ts';
import { newWebhookSecret, sealWebhookSecret } from './webhook-secret.ts';
import { webhookUrlRefusal } from './webhook-url.ts';
import {
  deleteSubscriptionRow,
  type DeliveryRow,
  findAllSubscriptions,
  findDelivery,
  findDeliveryPage,
  findLastDeliveries,
  findSubscription,
  hasPendingDelivery,
  insertDelivery,
  insertSubscription,
  type LastDelivery,
  type SubscriptionRow,
  updateSubscriptionRow,
  updateSubscriptionSecret,
} from './webhooks.repo.ts';

export type WebhookDeps = {
  db: Db;
  /** Whether URLs may name private or loopback hosts (off in production unless allowed). */
  allowPrivateTargets: boolean;
  /** Wakes this node's webhook worker after a delivery is queued by hand. */
  wake?: () => void;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toSubscription(row: SubscriptionRow, last: LastDelivery | undefined): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    events: row.events as WebhookEventType[],
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    lastDelivery: last
      ? {
          status: last.state,
          eventType: last.eventType,
          attempts: last.attempts,
          at: last.at.toISOString(),
        }
      : null,
  };
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: String(row.id),
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.state,
    attempts: row.attempts,
    lastError: row.lastError,
    responseStatus: row.responseStatus,
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: row.state === 'pending' ? row.nextAttemptAt.toISOString() : null,
  };
}

async function readSubscription(db: Db, row: SubscriptionRow) {
  return toSubscription(row, (await findLastDeliveries(db, [row.id])).get(row.id));
}

/** What the audit log keeps of a subscription: never its secret. */
const auditView = (s: { url: string; events: string[]; active: boolean }) => ({
  url: s.url,
  events: s.events,
  active: s.active,
});

function checkUrl(deps: WebhookDeps, raw: string): string {
  const url = raw.trim();
  const refusal = webhookUrlRefusal(url, deps.allowPrivateTargets);
  if (refusal)
    throw unprocessable('The URL cannot receive webhooks.', [{ field: 'url', message: refusal }]);
  return url;
}

async function lockOwn(tx: Db, id: string): Promise<SubscriptionRow> {
  const row = UUID.test(id) ? await findSubscription(tx, id, true) : undefined;
  if (!row) throw notFound('No such webhook.');
  return row;
}

export async function listSubscriptions(
  deps: WebhookDeps,
  principal: Principal,
): Promise<WebhookSubscription[]> {
  requireAdmin(principal);
  const rows = await findAllSubscriptions(deps.db);
  const last = await findLastDeliveries(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toSubscription(row, last.get(row.id)));
}

/** Subscribes a URL; the signing secret is in this answer and never again. */
export async function createSubscription(
  deps: WebhookDeps,
  principal: Principal,
  input: WebhookCreateBody,
): Promise<WebhookSubscriptionCreated> {
  requireAdmin(principal);
  const url = checkUrl(deps, input.url);
  const secret = newWebhookSecret();
  return deps.db.transaction(async (tx) => {
    const row = await insertSubscription(tx, {
      url,
      events: input.events,
      secret: sealWebhookSecret(secret),
      createdBy: principal.kind === 'staff' ? principal.staffId : null,
    });
    await recordAudit(tx, {
      actor: principal,
      action: 'webhook.created',
      object: { kind: 'webhook', id: row.id },
      before: null,
      after: auditView(row),
    });
    return { ...toSubscription(row, undefined), secret };
  });
}

/** Changes the URL or events, or pauses and resumes (a paused webhook's deliveries wait). */
export async function updateSubscription(
  deps: WebhookDeps,
  principal: Principal,
  id: string,
  patch: WebhookPatchBody,
): Promise<WebhookSubscription> {
  requireAdmin(principal);
  const url = patch.url === undefined ? undefined : checkUrl(deps, patch.url);
  const result = await deps.db.transaction(async (tx) => {
    const before = await lockOwn(tx, id);
    const after =
      (await updateSubscriptionRow(tx, id, {
        ...(url !== undefined ? { url } : {}),
        ...(patch.events !== undefined ? { events: patch.events } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
      })) ?? before;
    if (JSON.stringify(auditView(before)) !== JSON.stringify(auditView(after)))
      await recordAudit(tx, {
        actor: principal,
        action: 'webhook.updated',
        object: { kind: 'webhook', id },
        before: auditView(before),
        after: auditView(after),
      });
    return { row: after, resumed: !before.active && after.active };
  });
  if (result.resumed) deps.wake?.();
  return readSubscription(deps.db, result.row);
}

/** Deletes a webhook and its delivery log; nothing more is sent to it. */
export async function deleteSubscription(
  deps: WebhookDeps,
  principal: Principal,
  id: string,
): Promise<void> {
  requireAdmin(principal);
  await deps.db.transaction(async (tx) => {
    const before = await lockOwn(tx, id);
    await deleteSubscriptionRow(tx, id);
    await recordAudit(tx, {
      actor: principal,
      action: 'webhook.deleted',
      object: { kind: 'webhook', id },
      before: auditView(before),
      after: null,
    });
  });
}

/** A new signing secret, shown once; the old one stops signing at once. */
export async function rotateSubscriptionSecret(
  deps: WebhookDeps,
  principal: Principal,
  id: string,
): Promise<{ secret: string }> {
  requireAdmin(principal);
  const secret = newWebhookSecret();
  await deps.db.transaction(async (tx) => {
    const row = await lockOwn(tx, id);
    await updateSubscriptionSecret(tx, id, sealWebhookSecret(secret));
    await recordAudit(tx, {
      actor: principal,
      action: 'webhook.secret_rotated',
      object: { kind: 'webhook', id },
      before: auditView(row),
      after: auditView(row),
    });
  });
  return { secret };
}

export async function listDeliveries(
  deps: WebhookDeps,
  principal: Principal,
  id: string,
  paging: { cursor?: string | undefined; limit: number },
): Promise<WebhookDeliveryPage> {
  requireAdmin(principal);
  if (!UUID.test(id) || !(await findSubscription(deps.db, id))) throw notFound('No such webhook.');
  const before = decodeCursor(paging.cursor, { id: 'seq' });
  const rows = await findDeliveryPage(deps.db, id, before?.id, paging.limit + 1);
  const page = rows.slice(0, paging.limit);
  const last = page.at(-1);
  return {
    items: page.map(toDelivery),
    nextCursor: rows.length > paging.limit && last ? encodeCursor({ id: last.id }) : null,
  };
}

/**
 * Queues the event of a past delivery again, as a new delivery with the same event id (the
 * receiver may already have it). Refused while that event is still waiting to go.
 */
export async function redeliver(
  deps: WebhookDeps,
  principal: Principal,
  id: string,
  deliveryId: string,
): Promise<WebhookDelivery> {
  requireAdmin(principal);
  const row = await deps.db.transaction(async (tx) => {
    const subscription = await lockOwn(tx, id);
    const past = /^\d{1,15}$/.test(deliveryId)
      ? await findDelivery(tx, id, Number(deliveryId))
      : undefined;
    if (!past) throw notFound('No such delivery.');
    if (await hasPendingDelivery(tx, id, past.eventId))
      throw conflict('This event is still queued for this webhook; it will be tried again.');
    if (!subscription.active) throw conflict('This webhook is paused. Resume it first.');
    return insertDelivery(tx, {
      subscriptionId: id,
      eventId: past.eventId,
      eventType: past.eventType,
      eventAt: past.eventAt,
      data: past.data,
    });
  });
  deps.wake?.();
  return toDelivery(row);
}

/** Queues a `webhook.test` event for this webhook alone, so an admin can check the receiver. */
export async function sendTestEvent(
  deps: WebhookDeps,
  principal: Principal,
  id: string,
): Promise<WebhookDelivery> {
  requireAdmin(principal);
  const row = await deps.db.transaction(async (tx) => {
    const subscription = await lockOwn(tx, id);
    if (!subscription.active) throw conflict('This webhook is paused. Resume it first.');
    return insertDelivery(tx, {
      subscriptionId: id,
      eventId: randomUUID(),
      eventType: WEBHOOK_TEST_EVENT,
      eventAt: new Date(),
      data: { webhookId: id, text: 'A test event from Parley.' },
    });
  });
  deps.wake?.();
  return toDelivery(row);
}
