import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app.ts';
import type { TrustProxy } from '../config.ts';
import { createInProcessBus } from '../realtime/bus.ts';
import { createLocalPresence } from '../realtime/presence.ts';
import { makeChannel, makeStaff, testDatabase, TEST_PASSWORD } from '../test/harness.ts';

let app: App;
let webRoot: string;

/** A built console of three files is enough to see which headers each kind of page gets. */
function fakeWebRoot() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'parley-web-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Desk</title>');
  writeFileSync(path.join(root, 'chat.html'), '<!doctype html><title>Chat</title>');
  writeFileSync(path.join(root, 'assets', 'main-abc.js'), 'export {};');
  return root;
}

async function appOn(opts: { trustProxy: TrustProxy }) {
  const built = await buildApp({
    config: { origins: undefined, trustProxy: opts.trustProxy, logLevel: 'silent' },
    database: await testDatabase(),
    bus: createInProcessBus(),
    presence: createLocalPresence(),
    logger: false,
    queueSweepMs: 60_000,
    webRoot,
  });
  afterAll(() => built.close());
  return built;
}

beforeAll(async () => {
  webRoot = fakeWebRoot();
  // inject() comes from 127.0.0.1: one trusted hop lets the tests say https.
  app = await appOn({ trustProxy: 1 });
});

/** The policy as a map of directive → sources. */
function csp(header: unknown): Map<string, string[]> {
  expect(typeof header).toBe('string');
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** No inline or evaluated script: scripts come only from our own origin. */
function expectStrictScripts(policy: Map<string, string[]>) {
  const scripts = policy.get('script-src') ?? policy.get('default-src');
  expect(scripts).toEqual(["'self'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toBeDefined();
}

const page = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ url, headers: { accept: 'text/html', ...headers } });

describe('security headers', () => {
  it('the desk: strict CSP, never framed, nosniff, a referrer policy, no HSTS over http', async () => {
    const res = await page('/');
    expect(res.statusCode).toBe(200);
    const policy = csp(res.headers['content-security-policy']);
    expectStrictScripts(policy);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const route = await page('/chats/123');
    expect(csp(route.headers['content-security-policy']).get('frame-ancestors')).toEqual([
      "'none'",
    ]);
  });

  it('nosniff on every kind of response: assets, API JSON, problems', async () => {
    for (const url of ['/assets/main-abc.js', '/healthz', '/api/me', '/api/nothing-here']) {
      const res = await app.inject({ url });
      expect({ url, nosniff: res.headers['x-content-type-options'] }).toEqual({
        url,
        nosniff: 'nosniff',
      });
    }
  });

  it('HSTS only when the request came over TLS', async () => {
    const res = await page('/', { 'x-forwarded-proto': 'https' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    const plain = await page('/');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('the widget page may be framed only by its channel’s allowed origins', async () => {
    const { channel } = await makeChannel((await testDatabase()).db, {
      kind: 'webchat',
      settings: { allowedOrigins: ['https://shop.example', 'https://www.shop.example'] },
    });
    const res = await page(`/chat/${channel.id}`);
    expect(res.statusCode).toBe(200);
    const policy = csp(res.headers['content-security-policy']);
    expectStrictScripts(policy);
    expect(policy.get('frame-ancestors')).toEqual([
      "'self'",
      'https://shop.example',
      'https://www.shop.example',
    ]);
    // X-Frame-Options cannot name origins; with it, no listed site could frame the page.
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBeDefined();
  });

  it('a widget page with no allowed origins, or of no such channel, may be framed only by us', async () => {
    const { channel } = await makeChannel((await testDatabase()).db, { kind: 'webchat' });
    for (const id of [channel.id, 'no-such-channel']) {
      const res = await page(`/chat/${id}`);
      expect(csp(res.headers['content-security-policy']).get('frame-ancestors')).toEqual([
        "'self'",
      ]);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('the API docs: strict CSP too', async () => {
    const res = await page('/api/docs/');
    expect(res.statusCode).toBe(200);
    const policy = csp(res.headers['content-security-policy']);
    expectStrictScripts(policy);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const script = await app.inject({ url: '/api/docs/static/swagger-initializer.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('the session cookie', () => {
  async function signInOver(protocol: 'http' | 'https') {
    const person = await makeStaff((await testDatabase()).db);
    return app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: person.email, password: TEST_PASSWORD },
      headers: { 'x-forwarded-proto': protocol },
      remoteAddress: `10.31.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    });
  }

  it('is __Host-parley_session over https: Secure, Path=/, no Domain, and only it is read there', async () => {
    const res = await signInOver('https');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === '__Host-parley_session');
    expect(cookie).toMatchObject({ secure: true, path: '/', httpOnly: true });
    expect(cookie?.domain).toBeUndefined();
    expect(res.cookies.find((c) => c.name === 'parley_session')).toBeUndefined();
    const me = (cookieHeader: string) =>
      app.inject({
        url: '/api/me',
        headers: { cookie: cookieHeader, 'x-forwarded-proto': 'https' },
      });
    expect((await me(`__Host-parley_session=${cookie?.value}`)).statusCode).toBe(200);
    // A cookie without the prefix could have been planted by a sibling subdomain or over http.
    expect((await me(`parley_session=${cookie?.value}`)).statusCode).toBe(401);
  });

  it('stays parley_session over plain http', async () => {
    const res = await signInOver('http');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'parley_session');
    expect(cookie).toBeDefined();
    expect(cookie?.secure).toBeFalsy();
    const me = await app.inject({
      url: '/api/me',
      headers: { cookie: `parley_session=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
  });
});
