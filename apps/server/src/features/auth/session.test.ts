import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessions, signInFailures, staff } from '../../db/schema.ts';
import { makeStaff, signIn, testApp, type TestApp, uniqueEmail } from '../../test/harness.ts';
import { THROTTLE } from './sign-in-throttle.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const uniqueIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;

const postSession = (email: string, password: string, remoteAddress = uniqueIp()) =>
  t.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password },
    remoteAddress,
  });

describe('POST /api/session', () => {
  it('signs in and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const person = await makeStaff(t.db, { name: 'Nomsa Dlamini', departments: ['Sessions A'] });
    const res = await postSession(person.email.toUpperCase(), person.password);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ id: person.id, name: 'Nomsa Dlamini', role: 'agent' });
    expect(res.json().user.departments).toEqual([expect.objectContaining({ name: 'Sessions A' })]);
    const cookie = res.cookies.find((c) => c.name === 'parley_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
  });

  it('stores only a hash of the session token', async () => {
    const person = await makeStaff(t.db);
    const cookie = await signIn(t.app, person.email);
    const token = cookie.split('=')[1];
    const rows = await t.db.select().from(sessions).where(eq(sessions.staffId, person.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).not.toContain(token);
  });

  it('issues a new session id at every sign-in', async () => {
    const person = await makeStaff(t.db);
    const first = await signIn(t.app, person.email);
    const second = await signIn(t.app, person.email);
    expect(first).not.toBe(second);
  });

  it('answers the same 401 for a wrong password and an unknown email', async () => {
    const person = await makeStaff(t.db);
    const wrong = await postSession(person.email, 'not the password');
    const unknown = await postSession(uniqueEmail('nobody'), 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.cookies).toHaveLength(0);
  });

  it('refuses a disabled account with the same 401', async () => {
    const person = await makeStaff(t.db);
    await t.db
      .update(staff)
      .set({ disabledAt: sql`now()` })
      .where(eq(staff.id, person.id));
    const res = await postSession(person.email, person.password);
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('Email or password is incorrect.');
  });

  it('holds an account after repeated failures, with Retry-After, even for the right password', async () => {
    const person = await makeStaff(t.db);
    for (let i = 0; i < THROTTLE.perAccount; i++) {
      expect((await postSession(person.email, `wrong ${i}`)).statusCode).toBe(401);
    }
    const held = await postSession(person.email, person.password);
    expect(held.statusCode).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(held.headers['retry-after'])).toBeLessThanOrEqual(THROTTLE.windowSeconds);
    expect(held.json()).toMatchObject({ status: 429, title: 'Too many requests' });
  });

  it('lets the account in again once the failures are old', async () => {
    const person = await makeStaff(t.db);
    for (let i = 0; i < THROTTLE.perAccount; i++) await postSession(person.email, 'wrong');
    await t.db
      .update(signInFailures)
      .set({ at: sql`now() - interval '1 hour'` })
      .where(eq(signInFailures.key, `account:${person.email}`));
    expect((await postSession(person.email, person.password)).statusCode).toBe(200);
  });

  it('holds an address that guesses across many accounts', async () => {
    const ip = uniqueIp();
    for (let i = 0; i < THROTTLE.perAddress; i++) {
      expect((await postSession(uniqueEmail('guess'), 'wrong', ip)).statusCode).toBe(401);
    }
    const person = await makeStaff(t.db);
    expect((await postSession(person.email, person.password, ip)).statusCode).toBe(429);
    expect((await postSession(person.email, person.password)).statusCode).toBe(200);
  });

  it('rejects a malformed body with a 400 problem naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'a@b.c' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.password' })]);
  });

  it('marks the cookie Secure behind TLS when the proxy is trusted', async () => {
    const { buildApp } = await import('../../app.ts');
    const { createInProcessBus } = await import('../../realtime/bus.ts');
    const { createLocalPresence } = await import('../../realtime/presence.ts');
    const app = await buildApp({
      config: { origins: undefined, trustProxy: 1, logLevel: 'silent' },
      database: t.database,
      bus: createInProcessBus(),
      presence: createLocalPresence(),
      logger: false,
    });
    const person = await makeStaff(t.db);
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: person.email, password: person.password },
      headers: { 'x-forwarded-proto': 'https' },
    });
    await app.close();
    expect(res.cookies.find((c) => c.name === '__Host-parley_session')?.secure).toBe(true);
  });
});

describe('the session', () => {
  it('authenticates GET /api/me and answers 401 without it', async () => {
    const person = await makeStaff(t.db, { role: 'supervisor' });
    const cookie = await signIn(t.app, person.email);
    const me = await t.app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      id: person.id,
      email: person.email,
      role: 'supervisor',
      available: false,
      capacity: 5,
    });
    const anonymous = await t.app.inject({ url: '/api/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    const forged = await t.app.inject({
      url: '/api/me',
      headers: { cookie: 'parley_session=forged' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('GET /api/session says who is signed in, or null, with 200 either way', async () => {
    const person = await makeStaff(t.db, { role: 'agent' });
    const cookie = await signIn(t.app, person.email);
    const signedIn = await t.app.inject({ url: '/api/session', headers: { cookie } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ user: { id: person.id, email: person.email } });
    for (const headers of [{}, { cookie: 'parley_session=forged' }]) {
      const res = await t.app.inject({ url: '/api/session', headers });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ user: null });
    }
    await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
    expect((await t.app.inject({ url: '/api/session', headers: { cookie } })).json()).toEqual({
      user: null,
    });
  });

  it('expires after 24 hours idle', async () => {
    const person = await makeStaff(t.db);
    const cookie = await signIn(t.app, person.email);
    await t.db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '24 hours 1 minute'` })
      .where(eq(sessions.staffId, person.id));
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('stays alive while used', async () => {
    const person = await makeStaff(t.db);
    const cookie = await signIn(t.app, person.email);
    await t.db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '23 hours'` })
      .where(eq(sessions.staffId, person.id));
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    const [row] = await t.db.select().from(sessions).where(eq(sessions.staffId, person.id));
    expect(Date.now() - new Date(row!.lastSeenAt).getTime()).toBeLessThan(60_000);
  });

  it('ends with DELETE /api/session: 204, the cookie cleared, the row gone', async () => {
    const person = await makeStaff(t.db);
    const cookie = await signIn(t.app, person.email);
    const out = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'parley_session')?.value).toBe('');
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    expect(await t.db.select().from(sessions).where(eq(sessions.staffId, person.id))).toHaveLength(
      0,
    );
  });

  it('answers 401 to sign-out without a session', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/session' });
    expect(res.statusCode).toBe(401);
  });
});

describe('origin checks on cookie-authenticated state changes', () => {
  it('refuses a foreign Origin with 403 and changes nothing', async () => {
    const person = await makeStaff(t.db);
    const cookie = await signIn(t.app, person.email);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      headers: { cookie, origin: 'https://evil.example', host: 'localhost:3000' },
      payload: { available: true },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const me = await t.app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.json().available).toBe(false);
  });

  it('refuses a foreign Referer when there is no Origin', async () => {
    const person = await makeStaff(t.db);
    const cookie = await signIn(t.app, person.email);
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie, referer: 'https://evil.example/page', host: 'localhost:3000' },
    });
    expect(res.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('refuses a cross-site sign-in (login CSRF)', async () => {
    const person = await makeStaff(t.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { origin: 'https://evil.example', host: 'localhost:3000' },
      payload: { email: person.email, password: person.password },
    });
    expect(res.statusCode).toBe(403);
  });

  it('accepts the server’s own origin', async () => {
    const person = await makeStaff(t.db);
    const cookie = await signIn(t.app, person.email);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      headers: { cookie, origin: 'http://localhost:3000', host: 'localhost:3000' },
      payload: { available: true },
    });
    expect(res.statusCode).toBe(200);
  });

  it('accepts only PARLEY_ORIGINS when it is set', async () => {
    const configured = await testApp({ origins: ['https://desk.example.com'] });
    const person = await makeStaff(t.db);
    const cookie = await signIn(configured.app, person.email);
    const put = (origin: string) =>
      configured.app.inject({
        method: 'PUT',
        url: '/api/me/availability',
        headers: { cookie, origin, host: 'localhost:3000' },
        payload: { available: true },
      });
    expect((await put('http://localhost:3000')).statusCode).toBe(403);
    expect((await put('https://desk.example.com')).statusCode).toBe(200);
  });
});

describe('housekeeping', () => {
  it('forgets idle sessions and old failures, and nothing recent', async () => {
    const { deleteIdleSessions } = await import('./sessions.repo.ts');
    const { pruneFailures } = await import('./sign-in-throttle.service.ts');
    const idle = await makeStaff(t.db);
    const active = await makeStaff(t.db);
    await signIn(t.app, idle.email);
    await signIn(t.app, active.email);
    await t.db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '25 hours'` })
      .where(eq(sessions.staffId, idle.id));
    const oldKey = `account:${uniqueEmail('old')}`;
    const newKey = `account:${uniqueEmail('new')}`;
    await t.db
      .insert(signInFailures)
      .values([{ key: oldKey, at: sql`now() - interval '16 minutes'` }, { key: newKey }]);
    await deleteIdleSessions(t.db);
    await pruneFailures(t.db);
    expect(await t.db.select().from(sessions).where(eq(sessions.staffId, idle.id))).toHaveLength(0);
    expect(await t.db.select().from(sessions).where(eq(sessions.staffId, active.id))).toHaveLength(
      1,
    );
    expect(
      await t.db.select().from(signInFailures).where(eq(signInFailures.key, oldKey)),
    ).toHaveLength(0);
    expect(
      await t.db.select().from(signInFailures).where(eq(signInFailures.key, newKey)),
    ).toHaveLength(1);
  });
});
