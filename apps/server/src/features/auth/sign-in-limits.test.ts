import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStaff, testApp, type TestApp, uniqueEmail } from '../../test/harness.ts';
import { THROTTLE } from './sign-in-throttle.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

let addressCounter = Math.floor(Math.random() * 60_000);
/** A fresh address per call, so tests never share an address's count. */
const uniqueIp = () => {
  addressCounter = (addressCounter + 1) % 65_000;
  return `172.${16 + (addressCounter >> 12)}.${(addressCounter >> 4) & 255}.${(addressCounter & 15) + 1}`;
};

const postSession = (email: string, password: string, remoteAddress: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password },
    remoteAddress,
  });

const statuses = (responses: { statusCode: number }[]) =>
  responses.map((r) => r.statusCode).sort((a, b) => a - b);

describe('sign-in limits under parallel requests', () => {
  it('answers at most the per-account number of 401s to 60 parallel guesses, the rest 429', async () => {
    const person = await makeStaff(t.db);
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => postSession(person.email, `wrong ${i}`, uniqueIp())),
    );
    const codes = statuses(responses);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(THROTTLE.perAccount);
    expect(codes.filter((c) => c === 401).length).toBeGreaterThan(0);
    expect(codes.every((c) => c === 401 || c === 429)).toBe(true);
    for (const res of responses.filter((r) => r.statusCode === 429))
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers at most the per-address number of 401s to parallel guesses across accounts', async () => {
    const ip = uniqueIp();
    const responses = await Promise.all(
      Array.from({ length: THROTTLE.perAddress * 2 }, () =>
        postSession(uniqueEmail('spray'), 'wrong', ip),
      ),
    );
    const codes = statuses(responses);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(THROTTLE.perAddress);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(THROTTLE.perAddress);
    for (const res of responses.filter((r) => r.statusCode === 429))
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets the right password in alongside parallel attempts, and clears the account’s failures', async () => {
    const person = await makeStaff(t.db);
    const ip = uniqueIp();
    const [good, ...bad] = await Promise.all([
      postSession(person.email, person.password, ip),
      postSession(person.email, 'wrong', uniqueIp()),
      postSession(person.email, 'wrong', uniqueIp()),
    ]);
    expect(good?.statusCode).toBe(200);
    expect(bad.every((r) => r.statusCode === 401)).toBe(true);
  });
});

describe('the address behind a proxy', () => {
  const appWith = async (trustProxy: string) => {
    const { buildApp } = await import('../../app.ts');
    const { loadConfig } = await import('../../config.ts');
    const { createInProcessBus } = await import('../../realtime/bus.ts');
    const { createLocalPresence } = await import('../../realtime/presence.ts');
    const app = await buildApp({
      config: {
        origins: undefined,
        trustProxy: loadConfig({ PARLEY_TRUST_PROXY: trustProxy }).trustProxy,
        logLevel: 'silent',
      },
      database: t.database,
      bus: createInProcessBus(),
      presence: createLocalPresence(),
      logger: false,
    });
    afterAll(() => app.close());
    return app;
  };

  /** Guesses across accounts, each claiming a new X-Forwarded-For; returns how many got a 401. */
  const spray = async (app: Awaited<ReturnType<typeof appWith>>, peer: string, client?: string) => {
    const responses = await Promise.all(
      Array.from({ length: THROTTLE.perAddress + 10 }, () =>
        app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { email: uniqueEmail('spoof'), password: 'wrong' },
          remoteAddress: peer,
          headers: { 'x-forwarded-for': [uniqueIp(), client].filter(Boolean).join(', ') },
        }),
      ),
    );
    return responses.filter((r) => r.statusCode === 401).length;
  };

  const failuresCountedOn = async (address: string) => {
    const { signInFailures } = await import('../../db/schema.ts');
    const { eq } = await import('drizzle-orm');
    const rows = await t.db
      .select()
      .from(signInFailures)
      .where(eq(signInFailures.key, `address:${address}`));
    return rows.length;
  };

  it('with one trusted hop, counts the address the proxy saw, not one the client wrote', async () => {
    const app = await appWith('1');
    const client = uniqueIp();
    const admitted = await spray(app, uniqueIp(), client);
    expect(admitted).toBeLessThanOrEqual(THROTTLE.perAddress);
    expect(await failuresCountedOn(client)).toBe(admitted);
  });

  it('ignores X-Forwarded-For from a peer that is not a listed proxy', async () => {
    const app = await appWith('10.250.0.1, 10.251.0.0/16');
    expect(await spray(app, uniqueIp())).toBeLessThanOrEqual(THROTTLE.perAddress);
  });

  it('believes a listed proxy about the client’s address', async () => {
    const app = await appWith('10.251.0.0/16');
    const client = uniqueIp();
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: uniqueEmail('via-proxy'), password: 'wrong' },
      remoteAddress: '10.251.3.4',
      headers: { 'x-forwarded-for': client },
    });
    expect(res.statusCode).toBe(401);
    expect(await failuresCountedOn(client)).toBe(1);
  });
});
