import { beforeAll, describe, expect, it } from 'vitest';
import { makeStaff, signIn, testApp, type TestApp } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

describe('problem+json for every error', () => {
  it('answers an unknown API route with 404', async () => {
    const res = await t.app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: 'about:blank', title: 'Not found', status: 404 });
  });

  it('answers malformed JSON with 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('answers an oversized body with 413 before reading it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(300 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ status: 413, title: 'Content too large' });
  });

  it('answers a wrong content type with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/xml' },
      payload: '<email>a</email>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('lists each invalid field of a body', async () => {
    const person = await makeStaff(t.db);
    const cookie = await signIn(t.app, person.email);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      headers: { cookie },
      payload: { available: 'yes' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ field: 'body.available', message: expect.any(String) }),
    ]);
  });

  it('echoes a request id, or makes one', async () => {
    const given = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await t.app.inject({ url: '/healthz' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('operations endpoints', () => {
  it('reports health and readiness', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: { ok: true } } });
  });

  it('is not ready when a dependency does not answer', async () => {
    const { buildApp } = await import('../app.ts');
    const { createInProcessBus } = await import('../realtime/bus.ts');
    const { createLocalPresence } = await import('../realtime/presence.ts');
    const app = await buildApp({
      config: { origins: undefined, trustProxy: false, logLevel: 'silent' },
      database: t.database,
      bus: createInProcessBus(),
      presence: createLocalPresence(),
      readiness: { redis: () => Promise.reject(new Error('connection refused')) },
      logger: false,
    });
    const res = await app.inject({ url: '/readyz' });
    await app.close();
    expect(res.statusCode).toBe(503);
    expect(res.json().checks.redis).toEqual({ ok: false, error: 'connection refused' });
  });

  it('exposes Prometheus metrics by route and status, sockets and pool', async () => {
    await t.app.inject({ url: '/healthz' });
    await t.app.inject({ url: '/api/me' });
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(
      /parley_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/,
    );
    expect(res.body).toMatch(/route="\/api\/me",status="401"/);
    expect(res.body).toContain('parley_realtime_open_sockets 0');
    expect(res.body).toMatch(/parley_db_pool_connections\{state="total"\} \d+/);
  });

  it('serves the OpenAPI document generated from the contract, and a docs page', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/session',
        '/api/me',
        '/api/me/availability',
        '/api/staff',
        '/healthz',
        '/readyz',
      ]),
    );
    const signIn = doc.paths['/api/session'].post;
    const ref: string = signIn.requestBody.content['application/json'].schema.$ref;
    const body = doc.components.schemas[ref.split('/').pop() ?? ''];
    expect(body.required).toEqual(['email', 'password']);
    expect(Object.keys(signIn.responses)).toEqual(expect.arrayContaining(['200', '401', '429']));
    const page = await t.app.inject({ url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });
});
