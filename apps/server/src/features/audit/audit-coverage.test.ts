import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema.ts';
import { makeStaff, TEST_PASSWORD, testApp, type TestApp } from '../../test/harness.ts';
import { THROTTLE } from '../auth/sign-in-throttle.service.ts';
import { auditRowsOf, bearerOf, signedIn } from './admin.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

let lastOctet = Math.floor(Math.random() * 200);
const uniqueIp = () =>
  `198.51.${Math.floor(Math.random() * 250)}.${(lastOctet = (lastOctet + 1) % 250)}`;

const signInAs = (email: string, password: string, remoteAddress = uniqueIp()) =>
  t.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password },
    remoteAddress,
  });

const rowsOf = (objectId: string, action: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.objectId, objectId), eq(auditEvents.action, action)));

describe('sign-ins are audited', () => {
  it('a successful sign-in: the person is the actor and the object, with the address, no password', async () => {
    const person = await makeStaff(t.db);
    const res = await signInAs(person.email, TEST_PASSWORD, '198.51.100.7');
    expect(res.statusCode).toBe(200);
    const [row] = await rowsOf(person.id, 'staff.signed_in');
    expect(row).toMatchObject({
      actorStaffId: person.id,
      objectKind: 'staff',
      after: { ip: '198.51.100.7' },
    });
    expect(JSON.stringify(row)).not.toContain(TEST_PASSWORD);
  });

  it('a failed sign-in is not an admin fact; the one that locks the account is, once', async () => {
    const person = await makeStaff(t.db);
    const ip = uniqueIp();
    for (let i = 0; i < THROTTLE.perAccount - 1; i++)
      expect((await signInAs(person.email, `wrong ${i}`, ip)).statusCode).toBe(401);
    expect(await rowsOf(person.id, 'staff.sign_in_locked')).toEqual([]);
    // The failure that fills the account's count, then guesses that are refused outright.
    expect((await signInAs(person.email, 'wrong last', ip)).statusCode).toBe(401);
    expect((await signInAs(person.email, TEST_PASSWORD, ip)).statusCode).toBe(429);
    expect((await signInAs(person.email, 'wrong again', ip)).statusCode).toBe(429);
    const locked = await rowsOf(person.id, 'staff.sign_in_locked');
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ actorStaffId: person.id, after: { ip } });
    expect(JSON.stringify(locked)).not.toMatch(/wrong|correct horse/);
    expect(await rowsOf(person.id, 'staff.signed_in')).toEqual([]);
  });

  it('guesses at once lock the account once', async () => {
    const person = await makeStaff(t.db);
    await Promise.all(
      Array.from({ length: THROTTLE.perAccount * 2 }, (_, i) =>
        signInAs(person.email, `guess ${i}`, uniqueIp()),
      ),
    );
    expect(await rowsOf(person.id, 'staff.sign_in_locked')).toHaveLength(1);
  });
});

describe('tokens with the admin scope', () => {
  it('their use is audited at most once per token per hour, even used in parallel', async () => {
    const admin = await makeStaff(t.db, { role: 'admin' });
    const bearer = await bearerOf(t.db, admin.id, ['read', 'admin']);
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => t.app.inject({ url: '/api/admin/audit', headers: bearer })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(6).fill(200));
    await t.app.inject({ url: '/api/me', headers: bearer });
    const used = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'token.used'), eq(auditEvents.actorStaffId, admin.id)));
    expect(used).toHaveLength(1);
    expect(used[0]).toMatchObject({ objectKind: 'token', actorTokenId: used[0]!.objectId });
    expect(JSON.stringify(used)).not.toContain(bearer.authorization.slice(7));
  });

  it('tokens without the admin scope are not recorded when used', async () => {
    const admin = await makeStaff(t.db, { role: 'admin' });
    const bearer = await bearerOf(t.db, admin.id, ['read']);
    expect((await t.app.inject({ url: '/api/me', headers: bearer })).statusCode).toBe(200);
    const used = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'token.used'), eq(auditEvents.actorStaffId, admin.id)));
    expect(used).toEqual([]);
  });

  it('a change made with a token names the token in the actor; one made in the desk does not', async () => {
    const admin = await signedIn(t, 'admin');
    const bearer = await bearerOf(t.db, admin.id, ['admin']);
    const viaToken = await t.app.inject({
      method: 'POST',
      url: '/api/admin/departments',
      headers: bearer,
      payload: { name: `Token dept ${Date.now()}` },
    });
    expect(viaToken.statusCode).toBe(201);
    const viaDesk = await t.app.inject({
      method: 'POST',
      url: '/api/admin/departments',
      headers: { cookie: admin.cookie },
      payload: { name: `Desk dept ${Date.now()}` },
    });
    expect(viaDesk.statusCode).toBe(201);
    const page = await t.app.inject({
      url: `/api/admin/audit?objectKind=department&actor=${admin.id}&limit=10`,
      headers: { cookie: admin.cookie },
    });
    const items = page.json().items as {
      object: { id: string };
      actor: { id: string; token?: { id: string; name: string } };
    }[];
    const token = items.find((i) => i.object.id === viaToken.json().id)?.actor;
    expect(token).toMatchObject({ id: admin.id, token: { name: 'test admin' } });
    const desk = items.find((i) => i.object.id === viaDesk.json().id)?.actor;
    expect(desk).toMatchObject({ id: admin.id });
    expect(desk).not.toHaveProperty('token');
    const [row] = await auditRowsOf(t.db, viaToken.json().id);
    expect(row?.actorTokenId).toBe(token?.token?.id);
  });
});

describe('the audit log filtered by actor', () => {
  it('answers only what that person did, or only what the system did', async () => {
    const admin = await signedIn(t, 'admin');
    const other = await signedIn(t, 'admin');
    const mine = await t.app.inject({
      method: 'POST',
      url: '/api/admin/departments',
      headers: { cookie: other.cookie },
      payload: { name: `Other dept ${Date.now()}` },
    });
    const list = async (actor: string) =>
      (
        await t.app.inject({
          url: `/api/admin/audit?actor=${actor}&limit=100`,
          headers: { cookie: admin.cookie },
        })
      ).json().items as { actor: { id?: string; kind?: string }; object: { id: string } }[];
    const byOther = await list(other.id);
    expect(byOther.map((i) => i.object.id)).toContain(mine.json().id);
    expect(byOther.every((i) => i.actor.id === other.id)).toBe(true);
    const bySystem = await list('system');
    expect(bySystem.every((i) => i.actor.kind === 'system')).toBe(true);
    expect(bySystem.map((i) => i.object.id)).not.toContain(mine.json().id);
    const bad = await t.app.inject({
      url: '/api/admin/audit?actor=somebody',
      headers: { cookie: admin.cookie },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('audit rows are immutable', () => {
  const serverSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return name === 'migrations' ? [] : sources(full);
      return /\.ts$/.test(name) && !/\.test(-support)?\.ts$/.test(name) ? [full] : [];
    });

  it('no code updates or deletes them (only inserts and reads)', () => {
    const offenders = sources(serverSrc).filter((file) =>
      /(update|delete)\(\s*auditEvents\b|(update|delete\s+from)\s+"?audit_events\b/i.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
    const repo = readFileSync(path.join(serverSrc, 'features/audit/audit.repo.ts'), 'utf8');
    expect(repo).not.toMatch(/\.(update|delete)\(/);
  });
});
