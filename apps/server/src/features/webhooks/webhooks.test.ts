import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { webhookDeliveries, webhookSubscriptions } from '../../db/schema.ts';
import { emptyDatabase, testApp, type TestApp } from '../../test/harness.ts';
import { auditRowsOf, bearerOf, fromForeignPage, signedIn } from '../audit/admin.test-support.ts';
import { openWebhookSecret } from './webhook-secret.ts';
import { deliveriesOf, makeSubscription } from './webhooks.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

type Headers = Record<string, string>;
const URL_OK = 'https://hooks.example.com/parley';

const create = (headers: Headers, payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/admin/webhooks', headers, payload: payload as object });
const patch = (headers: Headers, id: string, payload: unknown) =>
  t.app.inject({
    method: 'PATCH',
    url: `/api/admin/webhooks/${id}`,
    headers,
    payload: payload as object,
  });
const remove = (headers: Headers, id: string) =>
  t.app.inject({ method: 'DELETE', url: `/api/admin/webhooks/${id}`, headers });
const list = (headers: Headers) => t.app.inject({ url: '/api/admin/webhooks', headers });
const deliveries = (headers: Headers, id: string, query = '') =>
  t.app.inject({ url: `/api/admin/webhooks/${id}/deliveries${query}`, headers });
const post = (headers: Headers, url: string) => t.app.inject({ method: 'POST', url, headers });

const subscriptionRow = async (id: string) =>
  (await t.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)))[0];

/** Every route, called by someone who may not: each must refuse and change nothing. */
async function everyRoute(headers: Headers, id: string, deliveryId: string) {
  return [
    await list(headers),
    await create(headers, { url: URL_OK, events: ['chat.created'] }),
    await patch(headers, id, { active: false }),
    await remove(headers, id),
    await deliveries(headers, id),
    await post(headers, `/api/admin/webhooks/${id}/deliveries/${deliveryId}/redeliver`),
    await post(headers, `/api/admin/webhooks/${id}/test`),
    await post(headers, `/api/admin/webhooks/${id}/rotate-secret`),
  ];
}

describe('webhook subscriptions at /api/admin/webhooks', () => {
  it('lets an admin subscribe: 201 with the secret shown once, listed without it, audited without it', async () => {
    const admin = await signedIn(t, 'admin');
    const res = await create(
      { cookie: admin.cookie },
      { url: ` ${URL_OK} `, events: ['chat.created', 'message.in'] },
    );
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toEqual({
      id: expect.any(String),
      url: URL_OK,
      events: ['chat.created', 'message.in'],
      active: true,
      createdAt: expect.any(String),
      lastDelivery: null,
      secret: expect.stringMatching(/^whsec_[\w-]{40,}$/),
    });
    const listed = (await list({ cookie: admin.cookie })).json().items;
    const { secret, ...shown } = created;
    expect(listed).toContainEqual(shown);
    expect(JSON.stringify(listed)).not.toContain(secret);
    // Stored so Parley can sign with it, never in the form it was shown.
    const row = await subscriptionRow(created.id);
    expect(row?.secret).not.toBe(secret);
    expect(openWebhookSecret(row!.secret)).toBe(secret);
    const [audit] = await auditRowsOf(t.db, created.id);
    expect(audit).toMatchObject({
      actorStaffId: admin.id,
      action: 'webhook.created',
      objectKind: 'webhook',
      before: null,
      after: { url: URL_OK, events: ['chat.created', 'message.in'], active: true },
    });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('refuses URLs that are not http(s), carry credentials or are not URLs, with 422 naming url', async () => {
    const admin = await signedIn(t, 'admin');
    for (const url of [
      '',
      'ftp://hooks.example.com/x',
      'https://user:pass@hooks.example.com/x',
      'https://user@hooks.example.com/x',
      'not a url',
      'javascript:alert(1)',
      `https://hooks.example.com/${'a'.repeat(2000)}`,
    ]) {
      const res = await create({ cookie: admin.cookie }, { url, events: ['chat.created'] });
      expect(res.statusCode, url).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors).toEqual([{ field: 'url', message: expect.any(String) }]);
    }
    const count = await t.db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.url, 'ftp://hooks.example.com/x'));
    expect(count).toHaveLength(0);
  });

  it('refuses unknown, repeated or no events and unknown fields with 400', async () => {
    const admin = await signedIn(t, 'admin');
    for (const payload of [
      { url: URL_OK, events: [] },
      { url: URL_OK, events: ['chat.deleted'] },
      { url: URL_OK, events: ['chat.created', 'chat.created'] },
      { url: URL_OK, events: ['webhook.test'] },
      { url: URL_OK },
      { url: URL_OK, events: ['chat.created'], secret: 'mine' },
    ]) {
      const res = await create({ cookie: admin.cookie }, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('refuses private and loopback hosts where the server is told to (production)', async () => {
    const strict = await testApp({
      database: await emptyDatabase(),
      webhooks: { wake: () => undefined, allowPrivateTargets: false },
    });
    const admin = await signedIn(strict, 'admin');
    for (const url of [
      'http://localhost:8080/x',
      'http://127.0.0.1/x',
      'http://10.1.2.3/x',
      'http://192.168.1.1/x',
      'http://172.20.0.1/x',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/x',
      'http://[fd00::1]/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://0.0.0.0/x',
      'http://[::7f00:1]/x',
      'http://printer.local/x',
      'http://app.localhost/x',
    ]) {
      const res = await strict.app.inject({
        method: 'POST',
        url: '/api/admin/webhooks',
        headers: { cookie: admin.cookie },
        payload: { url, events: ['chat.created'] },
      });
      expect(res.statusCode, url).toBe(422);
      expect(res.json().errors[0].field).toBe('url');
    }
    const ok = await strict.app.inject({
      method: 'POST',
      url: '/api/admin/webhooks',
      headers: { cookie: admin.cookie },
      payload: { url: URL_OK, events: ['chat.created'] },
    });
    expect(ok.statusCode).toBe(201);
    await strict.database.close();
  });

  it('lets an admin change the URL and events, pause and resume; each change audited', async () => {
    const admin = await signedIn(t, 'admin');
    const { id } = (
      await create({ cookie: admin.cookie }, { url: URL_OK, events: ['chat.created'] })
    ).json();
    const changed = await patch({ cookie: admin.cookie }, id, {
      url: 'https://other.example.com/in',
      events: ['chat.closed', 'customer.updated'],
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      url: 'https://other.example.com/in',
      events: ['chat.closed', 'customer.updated'],
      active: true,
    });
    const paused = await patch({ cookie: admin.cookie }, id, { active: false });
    expect(paused.json().active).toBe(false);
    expect((await subscriptionRow(id))?.active).toBe(false);
    // Nothing changed: nothing audited.
    expect((await patch({ cookie: admin.cookie }, id, { active: false })).statusCode).toBe(200);
    const rows = await auditRowsOf(t.db, id);
    expect(rows.map((r) => r.action)).toEqual([
      'webhook.updated',
      'webhook.updated',
      'webhook.created',
    ]);
    expect(rows[0]).toMatchObject({ before: { active: true }, after: { active: false } });
    const bad = await patch({ cookie: admin.cookie }, id, { url: 'ftp://x.example' });
    expect(bad.statusCode).toBe(422);
    expect((await subscriptionRow(id))?.url).toBe('https://other.example.com/in');
  });

  it('answers 404 for unknown or malformed ids', async () => {
    const admin = await signedIn(t, 'admin');
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      expect((await patch({ cookie: admin.cookie }, id, { active: false })).statusCode).toBe(404);
      expect((await remove({ cookie: admin.cookie }, id)).statusCode).toBe(404);
      expect((await deliveries({ cookie: admin.cookie }, id)).statusCode).toBe(404);
      expect(
        (await post({ cookie: admin.cookie }, `/api/admin/webhooks/${id}/test`)).statusCode,
      ).toBe(404);
    }
  });

  it('deletes a webhook with its deliveries (204), audited; a second delete is 404', async () => {
    const admin = await signedIn(t, 'admin');
    const { id } = (
      await create({ cookie: admin.cookie }, { url: URL_OK, events: ['chat.created'] })
    ).json();
    expect(
      (await post({ cookie: admin.cookie }, `/api/admin/webhooks/${id}/test`)).statusCode,
    ).toBe(202);
    expect(await deliveriesOf(t.db, id)).toHaveLength(1);
    expect((await remove({ cookie: admin.cookie }, id)).statusCode).toBe(204);
    expect(await subscriptionRow(id)).toBeUndefined();
    expect(await deliveriesOf(t.db, id)).toHaveLength(0);
    const [audit] = await auditRowsOf(t.db, id);
    expect(audit).toMatchObject({
      action: 'webhook.deleted',
      after: null,
      before: { url: URL_OK },
    });
    expect((await remove({ cookie: admin.cookie }, id)).statusCode).toBe(404);
  });

  it('rotates the secret: shown once, the old one no longer stored, audited without either', async () => {
    const admin = await signedIn(t, 'admin');
    const created = (
      await create({ cookie: admin.cookie }, { url: URL_OK, events: ['chat.created'] })
    ).json();
    const res = await post(
      { cookie: admin.cookie },
      `/api/admin/webhooks/${created.id}/rotate-secret`,
    );
    expect(res.statusCode).toBe(200);
    const { secret } = res.json();
    expect(secret).not.toBe(created.secret);
    expect(openWebhookSecret((await subscriptionRow(created.id))!.secret)).toBe(secret);
    const [audit] = await auditRowsOf(t.db, created.id);
    expect(audit?.action).toBe('webhook.secret_rotated');
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect(JSON.stringify(audit)).not.toContain(created.secret);
  });

  it('queues a test event for that webhook alone, and refuses it while paused (409)', async () => {
    const admin = await signedIn(t, 'admin');
    const { id } = (
      await create({ cookie: admin.cookie }, { url: URL_OK, events: ['chat.created'] })
    ).json();
    const res = await post({ cookie: admin.cookie }, `/api/admin/webhooks/${id}/test`);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ eventType: 'webhook.test', status: 'pending', attempts: 0 });
    const [row] = await deliveriesOf(t.db, id);
    expect(row?.data).toMatchObject({ webhookId: id });
    await patch({ cookie: admin.cookie }, id, { active: false });
    expect(
      (await post({ cookie: admin.cookie }, `/api/admin/webhooks/${id}/test`)).statusCode,
    ).toBe(409);
    expect(await deliveriesOf(t.db, id)).toHaveLength(1);
  });

  it('pages the delivery log newest first with an opaque cursor; a forged cursor is 400', async () => {
    const admin = await signedIn(t, 'admin');
    const { id } = (
      await create({ cookie: admin.cookie }, { url: URL_OK, events: ['chat.created'] })
    ).json();
    for (let i = 0; i < 5; i++)
      await post({ cookie: admin.cookie }, `/api/admin/webhooks/${id}/test`);
    const first = (await deliveries({ cookie: admin.cookie }, id, '?limit=3')).json();
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (
      await deliveries({ cookie: admin.cookie }, id, `?limit=3&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((d: { id: string }) => Number(d.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(5);
    const forged = await deliveries({ cookie: admin.cookie }, id, '?cursor=eyJpZCI6Ii0xIn0');
    expect(forged.statusCode).toBe(400);
    const list1 = (await list({ cookie: admin.cookie })).json().items;
    expect(list1.find((s: { id: string }) => s.id === id).lastDelivery).toMatchObject({
      status: 'pending',
      eventType: 'webhook.test',
      attempts: 0,
    });
  });

  it('redelivers a settled delivery as a new one with the same event id; 409 while still queued', async () => {
    const admin = await signedIn(t, 'admin');
    const { id } = (
      await create({ cookie: admin.cookie }, { url: URL_OK, events: ['chat.created'] })
    ).json();
    const queued = (await post({ cookie: admin.cookie }, `/api/admin/webhooks/${id}/test`)).json();
    const url = `/api/admin/webhooks/${id}/deliveries/${queued.id}/redeliver`;
    expect((await post({ cookie: admin.cookie }, url)).statusCode).toBe(409);
    await t.db
      .update(webhookDeliveries)
      .set({ state: 'failed', attempts: 8, lastError: 'The receiver answered 500.' })
      .where(eq(webhookDeliveries.id, Number(queued.id)));
    const again = await post({ cookie: admin.cookie }, url);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ eventId: queued.eventId, status: 'pending', attempts: 0 });
    expect(again.json().id).not.toBe(queued.id);
    const rows = await deliveriesOf(t.db, id);
    expect(rows.map((r) => r.state)).toEqual(['failed', 'pending']);
    // A delivery of another webhook is not this one's to redeliver.
    const other = (
      await create({ cookie: admin.cookie }, { url: URL_OK, events: ['chat.created'] })
    ).json();
    const foreign = `/api/admin/webhooks/${other.id}/deliveries/${queued.id}/redeliver`;
    expect((await post({ cookie: admin.cookie }, foreign)).statusCode).toBe(404);
    expect(
      (await post({ cookie: admin.cookie }, `${url.replace(queued.id, 'x1')}`)).statusCode,
    ).toBe(404);
  });

  it('refuses supervisors, agents and tokens without the admin scope (403), the anonymous (401), foreign pages; changes nothing', async () => {
    const admin = await signedIn(t, 'admin');
    const sub = await makeSubscription(t.db, { url: URL_OK, events: ['chat.created'] });
    const [delivery] = await (async () => {
      await post({ cookie: admin.cookie }, `/api/admin/webhooks/${sub.id}/test`);
      return deliveriesOf(t.db, sub.id);
    })();
    const supervisor = await signedIn(t, 'supervisor');
    const agent = await signedIn(t, 'agent');
    const weakToken = await bearerOf(t.db, admin.id, ['read', 'chats:write', 'customers:write']);
    for (const headers of [
      { cookie: supervisor.cookie },
      { cookie: agent.cookie },
      weakToken,
    ] as Headers[]) {
      const answers = await everyRoute(headers, sub.id, String(delivery!.id));
      expect(answers.map((r) => r.statusCode)).toEqual(Array(answers.length).fill(403));
    }
    const anonymous = await everyRoute({}, sub.id, String(delivery!.id));
    expect(anonymous.map((r) => r.statusCode)).toEqual(Array(anonymous.length).fill(401));
    const foreign = await create(fromForeignPage(admin.cookie), {
      url: URL_OK,
      events: ['chat.created'],
    });
    expect(foreign.statusCode).toBe(403);
    expect(await subscriptionRow(sub.id)).toMatchObject({ active: true, url: URL_OK });
    expect(await deliveriesOf(t.db, sub.id)).toHaveLength(1);
  });

  it('lets a token with the admin scope manage webhooks', async () => {
    const admin = await signedIn(t, 'admin');
    const token = await bearerOf(t.db, admin.id, ['admin']);
    const res = await create(token, { url: URL_OK, events: ['message.out'] });
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    expect((await list(token)).statusCode).toBe(200);
    expect((await patch(token, id, { active: false })).statusCode).toBe(200);
    expect((await deliveries(token, id)).statusCode).toBe(200);
    expect((await remove(token, id)).statusCode).toBe(204);
  });

  it('creates every webhook asked for at once, each with its own secret', async () => {
    const admin = await signedIn(t, 'admin');
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        create({ cookie: admin.cookie }, { url: URL_OK, events: ['chat.created'] }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    expect(new Set(results.map((r) => r.json().secret)).size).toBe(6);
  });
});
