import { createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client.ts';
import { webhookDeliveries, webhookSubscriptions } from '../../db/schema.ts';
import { emptyDatabase, staffPrincipal } from '../../test/harness.ts';
import { enqueueWebhookEvent } from './webhooks.repo.ts';
import { claimDueDeliveries, settleDelivery } from './webhooks.repo.ts';
import { redeliver } from './webhooks.service.ts';
import {
  startWebhookWorker,
  type WebhookWorker,
  type WebhookWorkerOptions,
  webhookBackoff,
} from './webhooks.worker.ts';
import {
  deliveriesOf,
  makeSubscription,
  type Received,
  startReceiver,
} from './webhooks.test-support.ts';

/*
 * The worker sends every due delivery it can see, so it gets a database of this file's own.
 * Every test starts with no subscriptions.
 */
let database: Database;
const workers: WebhookWorker[] = [];
const receivers: { close(): Promise<void> }[] = [];
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  database = await emptyDatabase();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
  await database.db.delete(webhookSubscriptions);
});
afterAll(() => database.close());

const db = () => database.db;

function worker(opts: WebhookWorkerOptions = {}) {
  const w = startWebhookWorker(
    { db: db(), log: silent },
    { intervalMs: 60_000, allowPrivateTargets: true, baseDelayMs: 50, ...opts },
  );
  workers.push(w);
  return w;
}

async function receiver(...args: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}

const bodyOf = (r: Received) =>
  JSON.parse(r.body) as { id: string; type: string; at: string; data: { id: string } };

describe('the webhook worker', () => {
  it('POSTs {id, type, at, data} signed with the subscription secret, as inbound webhooks are signed', async () => {
    const hook = await receiver();
    const sub = await makeSubscription(db(), { url: hook.url, events: ['message.in'] });
    const message = { id: 'm-1', chatId: 'c-1', direction: 'in', text: 'Sawubona' };
    expect(await enqueueWebhookEvent(db(), 'message.in', message)).toBe(1);

    expect(await worker().drain()).toBe(1);
    expect(hook.requests).toHaveLength(1);
    const [request] = hook.requests as [Received];
    const body = bodyOf(request);
    expect(body).toEqual({
      id: expect.any(String),
      type: 'message.in',
      at: expect.any(String),
      data: message,
    });
    expect(request.headers['x-parley-event-id']).toBe(body.id);
    expect(request.headers['content-type']).toBe('application/json');
    const timestamp = String(request.headers['x-parley-timestamp']);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(30);
    const expected = createHmac('sha256', sub.secret)
      .update(`${timestamp}.${request.body}`)
      .digest('hex');
    expect(request.headers['x-parley-signature']).toBe(`sha256=${expected}`);
    // Another secret does not verify: the check above is not vacuous.
    const wrong = createHmac('sha256', 'other')
      .update(`${timestamp}.${request.body}`)
      .digest('hex');
    expect(request.headers['x-parley-signature']).not.toBe(`sha256=${wrong}`);

    const [row] = await deliveriesOf(db(), sub.id);
    expect(row).toMatchObject({
      state: 'delivered',
      attempts: 1,
      responseStatus: 200,
      lastError: null,
    });
    expect(row?.eventId).toBe(body.id);
  });

  it('retries a failing receiver with growing, jittered delays, then records the success', async () => {
    const hook = await receiver((n) => ({ status: n < 2 ? 503 : 204 }));
    const sub = await makeSubscription(db(), { url: hook.url });
    await enqueueWebhookEvent(db(), 'chat.created', { id: 'chat-1' });
    const w = worker({ baseDelayMs: 1000 });

    await w.drain();
    let [row] = await deliveriesOf(db(), sub.id);
    expect(row).toMatchObject({ state: 'pending', attempts: 1, responseStatus: 503 });
    expect(row?.lastError).toContain('503');
    const firstDelay = row!.nextAttemptAt.getTime() - row!.lastAttemptAt!.getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(500 - 5);
    expect(firstDelay).toBeLessThanOrEqual(1000 + 5);
    // Not due yet: nothing is sent before the delay.
    await w.drain();
    expect(hook.requests).toHaveLength(1);

    await vi.waitFor(
      async () => {
        await w.drain();
        expect(hook.requests).toHaveLength(2);
      },
      { timeout: 5000, interval: 50 },
    );
    [row] = await deliveriesOf(db(), sub.id);
    const secondDelay = row!.nextAttemptAt.getTime() - row!.lastAttemptAt!.getTime();
    expect(secondDelay).toBeGreaterThanOrEqual(1000 - 5);
    expect(secondDelay).toBeLessThanOrEqual(2000 + 5);

    await vi.waitFor(
      async () => {
        await w.drain();
        expect(hook.requests).toHaveLength(3);
      },
      { timeout: 5000, interval: 50 },
    );
    [row] = await deliveriesOf(db(), sub.id);
    expect(row).toMatchObject({
      state: 'delivered',
      attempts: 3,
      responseStatus: 204,
      lastError: null,
    });
    // Every attempt carried the same event id.
    expect(new Set(hook.requests.map((r) => r.headers['x-parley-event-id'])).size).toBe(1);
  });

  it('gives up after the last attempt and says why; an unreachable receiver counts as a failure', async () => {
    const hook = await receiver(() => ({ status: 500 }));
    const sub = await makeSubscription(db(), { url: hook.url });
    const gone = await makeSubscription(db(), { url: 'http://127.0.0.1:9/nothing-listens' });
    await enqueueWebhookEvent(db(), 'chat.closed', { id: 'chat-2' });
    const w = worker({ maxAttempts: 2, baseDelayMs: 1 });
    await vi.waitFor(
      async () => {
        await w.drain();
        const rows = [
          ...(await deliveriesOf(db(), sub.id)),
          ...(await deliveriesOf(db(), gone.id)),
        ];
        expect(rows.map((r) => r.state)).toEqual(['failed', 'failed']);
      },
      { timeout: 5000, interval: 20 },
    );
    const [failed] = await deliveriesOf(db(), sub.id);
    expect(failed).toMatchObject({ attempts: 2, responseStatus: 500 });
    expect(failed?.lastError).toMatch(/Not delivered after 2 attempts.*500/);
    const [unreachable] = await deliveriesOf(db(), gone.id);
    expect(unreachable?.responseStatus).toBeNull();
    expect(unreachable?.lastError).toContain('Could not connect');
    expect(hook.requests).toHaveLength(2);
  });

  it('never sends one delivery twice when two workers drain together', async () => {
    const hook = await receiver(() => ({ status: 200, delayMs: 15 }));
    const subs = [
      await makeSubscription(db(), { url: hook.url }),
      await makeSubscription(db(), { url: hook.url }),
    ];
    for (let i = 0; i < 12; i++) await enqueueWebhookEvent(db(), 'message.out', { id: `m-${i}` });

    const [a, b] = [worker({ batchSize: 3 }), worker({ batchSize: 3 })];
    const settled = await Promise.all([a.drain(), b.drain()]);
    expect(settled[0]! + settled[1]!).toBe(24);
    // Both took part, or the test proved nothing about sharing.
    expect(settled[0]).toBeGreaterThan(0);
    expect(settled[1]).toBeGreaterThan(0);
    expect(hook.requests).toHaveLength(24);
    const pairs = hook.requests.map((r) => `${r.headers['x-parley-event-id']}`);
    // Each event went once to each of the two subscriptions.
    expect(new Set(pairs).size).toBe(12);
    for (const sub of subs)
      expect(
        (await deliveriesOf(db(), sub.id)).every(
          (d) => d.state === 'delivered' && d.attempts === 1,
        ),
      ).toBe(true);
  });

  it('leaves a delivery leased by a worker that died mid-send alone until the lease runs out', async () => {
    const hook = await receiver();
    const sub = await makeSubscription(db(), { url: hook.url });
    await enqueueWebhookEvent(db(), 'chat.created', { id: 'chat-3' });
    const [crashed] = await claimDueDeliveries(db(), { limit: 10, leaseMs: 30_000 });
    expect(crashed?.subscriptionId).toBe(sub.id);
    const w = worker();
    await w.drain();
    expect(hook.requests).toHaveLength(0);
    await db()
      .update(webhookDeliveries)
      .set({ nextAttemptAt: sql`now() - interval '1 second'` })
      .where(eq(webhookDeliveries.subscriptionId, sub.id));
    await w.drain();
    expect(hook.requests).toHaveLength(1);
    // The worker that lost its lease cannot overwrite the outcome afterwards.
    expect(
      await settleDelivery(db(), crashed!, {
        state: 'failed',
        error: 'late',
        responseStatus: null,
      }),
    ).toBe(false);
    expect((await deliveriesOf(db(), sub.id))[0]?.state).toBe('delivered');
  });

  it('sends nothing more to a deleted subscription, and holds a paused one’s deliveries until it resumes', async () => {
    const hook = await receiver();
    const deleted = await makeSubscription(db(), { url: hook.url });
    const paused = await makeSubscription(db(), { url: hook.url });
    await enqueueWebhookEvent(db(), 'chat.created', { id: 'chat-4' });
    await db().delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, deleted.id));
    await db()
      .update(webhookSubscriptions)
      .set({ active: false })
      .where(eq(webhookSubscriptions.id, paused.id));
    const w = worker();
    expect(await w.drain()).toBe(0);
    expect(hook.requests).toHaveLength(0);
    expect(await deliveriesOf(db(), deleted.id)).toHaveLength(0);
    await db()
      .update(webhookSubscriptions)
      .set({ active: true })
      .where(eq(webhookSubscriptions.id, paused.id));
    expect(await w.drain()).toBe(1);
    expect(hook.requests).toHaveLength(1);
  });

  it('refuses at send time a URL that reaches a private address where that is not allowed', async () => {
    const hook = await receiver();
    const sub = await makeSubscription(db(), { url: hook.url });
    await enqueueWebhookEvent(db(), 'chat.created', { id: 'chat-5' });
    await worker({ allowPrivateTargets: false }).drain();
    expect(hook.requests).toHaveLength(0);
    const [row] = await deliveriesOf(db(), sub.id);
    expect(row).toMatchObject({ state: 'pending', attempts: 1 });
    expect(row?.lastError).toMatch(/private or local/);
  });

  it('redelivers a failed event with the same event id, and the worker sends it', async () => {
    const hook = await receiver((n) => ({ status: n === 0 ? 500 : 200 }));
    const sub = await makeSubscription(db(), { url: hook.url });
    await enqueueWebhookEvent(db(), 'customer.updated', { id: 'cust-1' });
    const w = worker({ maxAttempts: 1 });
    await w.drain();
    const [failed] = await deliveriesOf(db(), sub.id);
    expect(failed?.state).toBe('failed');
    const admin = staffPrincipal('00000000-0000-4000-8000-000000000001', 'admin');
    const again = await redeliver(
      { db: db(), allowPrivateTargets: true },
      admin,
      sub.id,
      String(failed!.id),
    );
    expect(again.eventId).toBe(failed!.eventId);
    await w.drain();
    expect(hook.requests).toHaveLength(2);
    expect(hook.requests[1]!.headers['x-parley-event-id']).toBe(failed!.eventId);
    expect((await deliveriesOf(db(), sub.id)).map((d) => d.state)).toEqual(['failed', 'delivered']);
  });
});

describe('webhook backoff', () => {
  it('doubles the ceiling each attempt and lands between half and all of it', () => {
    expect(webhookBackoff(0, 1000, () => 0)).toBe(500);
    expect(webhookBackoff(0, 1000, () => 1)).toBe(1000);
    expect(webhookBackoff(3, 1000, () => 0)).toBe(4000);
    expect(webhookBackoff(3, 1000, () => 1)).toBe(8000);
  });

  it('spreads 8 attempts with the default base over roughly a day at most', () => {
    const total = (r: number) =>
      Array.from({ length: 7 }, (_, i) => webhookBackoff(i, 10 * 60_000, () => r)).reduce(
        (a, b) => a + b,
      );
    expect(total(1) / 3_600_000).toBeCloseTo(21.17, 1);
    expect(total(0) / 3_600_000).toBeCloseTo(10.58, 1);
  });
});
