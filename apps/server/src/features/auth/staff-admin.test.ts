import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { setPasswordLinks } from '../../db/schema.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  staffPrincipal,
  testApp,
  type TestApp,
} from '../../test/harness.ts';
import { auditRowsOf, bearerOf, fromForeignPage, signedIn } from '../audit/admin.test-support.ts';
import { updateStaffByAdmin } from './staff-admin.service.ts';
import { type Headers, staffAdminHelpers } from './staff-admin.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const { call, newPerson, staffRow, staffNamed, tokenOf } = staffAdminHelpers(() => t);

describe('the staff list at GET /api/admin/staff', () => {
  it('shows admins everyone by name, deactivated too, with departments, status and last sign-in', async () => {
    const admin = await signedIn(t, 'admin');
    const tag = randomUUID().slice(0, 8);
    const { department } = await makeChannel(t.db);
    const zed = await makeStaff(t.db, { name: `Zed ${tag}`, departments: [department.name] });
    const amy = await makeStaff(t.db, { name: `amy ${tag}` });
    await signIn(t.app, amy.email);
    await t.presence.connected(amy.id);
    const gone = await makeStaff(t.db, { name: `Bob ${tag}` });
    expect(
      (await call('POST', `/api/admin/staff/${gone.id}/deactivate`, { cookie: admin.cookie }))
        .statusCode,
    ).toBe(200);

    const res = await call('GET', `/api/admin/staff?q=${tag}`, { cookie: admin.cookie });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { name: string }) => i.name)).toEqual([
      `amy ${tag}`,
      `Bob ${tag}`,
      `Zed ${tag}`,
    ]);
    expect(items[0]).toEqual({
      id: amy.id,
      name: `amy ${tag}`,
      email: amy.email,
      role: 'agent',
      departments: [],
      capacity: 5,
      status: { online: true, available: false, deactivated: false },
      lastSignInAt: expect.any(String),
    });
    expect(Date.now() - Date.parse(items[0].lastSignInAt)).toBeLessThan(60_000);
    expect(items[1].status).toEqual({ online: false, available: false, deactivated: true });
    expect(items[1].lastSignInAt).toBeNull();
    expect(items[2].departments).toEqual([{ id: department.id, name: department.name }]);

    const byEmail = await call('GET', `/api/admin/staff?q=${zed.email.toUpperCase()}`, {
      cookie: admin.cookie,
    });
    expect(byEmail.json().items.map((i: { id: string }) => i.id)).toEqual([zed.id]);
    // A wildcard is a plain character: it matches nobody here.
    const wild = await call('GET', `/api/admin/staff?q=${tag}%25_`, { cookie: admin.cookie });
    expect(wild.json().items).toEqual([]);
  });

  it('is for admins: agents and supervisors 403, signed out 401; tokens need the admin scope', async () => {
    const agent = await signedIn(t, 'agent');
    const supervisor = await signedIn(t, 'supervisor');
    const admin = await signedIn(t, 'admin');
    expect((await call('GET', '/api/admin/staff', { cookie: agent.cookie })).statusCode).toBe(403);
    expect((await call('GET', '/api/admin/staff', { cookie: supervisor.cookie })).statusCode).toBe(
      403,
    );
    expect((await call('GET', '/api/admin/staff', {})).statusCode).toBe(401);
    const reader = await bearerOf(t.db, admin.id, ['read']);
    expect((await call('GET', '/api/admin/staff', reader)).statusCode).toBe(403);
    const adminToken = await bearerOf(t.db, admin.id, ['admin']);
    expect((await call('GET', '/api/admin/staff', adminToken)).statusCode).toBe(200);
  });
});

describe('creating staff at POST /api/admin/staff', () => {
  it('answers 201 with the person and a one-time link that sets their password, audited without it', async () => {
    const admin = await signedIn(t, 'admin');
    const { department } = await makeChannel(t.db);
    const body = newPerson({ departmentIds: [department.id], role: 'supervisor' });
    const res = await call('POST', '/api/admin/staff', { cookie: admin.cookie }, body);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      name: body.name,
      email: body.email,
      role: 'supervisor',
      capacity: 3,
      departments: [{ id: department.id, name: department.name }],
      status: { online: false, available: false, deactivated: false },
      lastSignInAt: null,
    });
    const { setPasswordUrl, expiresAt } = created.setPasswordLink;
    expect(setPasswordUrl).toMatch(/^http:\/\/localhost(:\d+)?\/set-password\/[\w-]{43}$/);
    const hours = (Date.parse(expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);

    // Only the hash is kept; the audit log has neither the link nor its token.
    const token = tokenOf(setPasswordUrl);
    const links = await t.db
      .select()
      .from(setPasswordLinks)
      .where(eq(setPasswordLinks.staffId, created.id));
    expect(links).toHaveLength(1);
    expect(links[0]!.tokenHash).not.toContain(token);
    const [audit] = await auditRowsOf(t.db, created.id);
    expect(audit).toMatchObject({
      actorStaffId: admin.id,
      action: 'staff.created',
      before: null,
      after: { name: body.name, email: body.email, role: 'supervisor', deactivated: false },
    });
    expect(JSON.stringify(audit)).not.toContain(token);

    const page = await call('GET', `/api/set-password/${token}`, {});
    expect(page.statusCode).toBe(200);
    expect(page.json()).toEqual({ email: body.email, name: body.name });
    const set = await call(
      'POST',
      `/api/set-password/${token}`,
      {},
      { password: 'a fine new password' },
    );
    expect(set.statusCode).toBe(204);
    await signIn(t.app, body.email, 'a fine new password');

    // Single use.
    expect((await call('GET', `/api/set-password/${token}`, {})).statusCode).toBe(410);
    const again = await call(
      'POST',
      `/api/set-password/${token}`,
      {},
      { password: 'another password 2' },
    );
    expect(again.statusCode).toBe(410);
    await signIn(t.app, body.email, 'a fine new password');
  });

  it('refuses a taken email, ignoring case, with 422 on email and nothing created', async () => {
    const admin = await signedIn(t, 'admin');
    const body = newPerson();
    expect(
      (await call('POST', '/api/admin/staff', { cookie: admin.cookie }, body)).statusCode,
    ).toBe(201);
    const again = await call(
      'POST',
      '/api/admin/staff',
      { cookie: admin.cookie },
      { ...newPerson(), email: body.email.toUpperCase() },
    );
    expect(again.statusCode).toBe(422);
    expect(again.json().errors).toEqual([{ field: 'email', message: 'already in use' }]);
    expect(await staffNamed(body.email)).toHaveLength(1);
  });

  it('refuses bad input (400 malformed, 422 breaking a rule) and creates nothing', async () => {
    const admin = await signedIn(t, 'admin');
    const cases: [unknown, number, string | undefined][] = [
      [{ ...newPerson(), role: 'owner' }, 400, undefined],
      [{ ...newPerson(), extra: 1 }, 400, undefined],
      [{ ...newPerson(), capacity: 0 }, 422, 'capacity'],
      [{ ...newPerson(), capacity: 101 }, 422, 'capacity'],
      [{ ...newPerson(), email: 'not an email' }, 422, 'email'],
      [{ ...newPerson(), name: '   ' }, 422, 'name'],
      [{ ...newPerson(), departmentIds: [randomUUID()] }, 422, 'departmentIds.0'],
      [{ ...newPerson(), departmentIds: ['nope'] }, 422, 'departmentIds.0'],
    ];
    for (const [body, status, field] of cases) {
      const res = await call('POST', '/api/admin/staff', { cookie: admin.cookie }, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      if (field) expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await staffNamed((body as { email: string }).email)).toHaveLength(0);
    }
  });

  it('is for admins in the desk: agents, supervisors, tokens and foreign pages create nobody', async () => {
    const admin = await signedIn(t, 'admin');
    const agent = await signedIn(t, 'agent');
    const supervisor = await signedIn(t, 'supervisor');
    const tries: [Headers, number][] = [
      [{ cookie: agent.cookie }, 403],
      [{ cookie: supervisor.cookie }, 403],
      [{}, 401],
      [await bearerOf(t.db, admin.id, ['admin']), 403],
      [fromForeignPage(admin.cookie), 403],
    ];
    for (const [headers, status] of tries) {
      const body = newPerson();
      expect((await call('POST', '/api/admin/staff', headers, body)).statusCode).toBe(status);
      expect(await staffNamed(body.email)).toHaveLength(0);
    }
  });
});

describe('editing staff at PATCH /api/admin/staff/{id}', () => {
  it('changes name, role, departments and capacity, audited with before and after', async () => {
    const admin = await signedIn(t, 'admin');
    const person = await makeStaff(t.db);
    const { department } = await makeChannel(t.db);
    const res = await call(
      'PATCH',
      `/api/admin/staff/${person.id}`,
      { cookie: admin.cookie },
      { name: 'Renamed Person', role: 'supervisor', departmentIds: [department.id], capacity: 7 },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Renamed Person',
      role: 'supervisor',
      capacity: 7,
      departments: [{ id: department.id, name: department.name }],
    });
    const [audit] = await auditRowsOf(t.db, person.id);
    expect(audit).toMatchObject({
      action: 'staff.updated',
      before: { name: 'Test agent', role: 'agent', capacity: 5, departments: [] },
      after: { name: 'Renamed Person', role: 'supervisor', capacity: 7 },
    });
    // api.md spells the field `departments`: it is the same list of ids.
    const spelled = await call(
      'PATCH',
      `/api/admin/staff/${person.id}`,
      { cookie: admin.cookie },
      { departments: [] },
    );
    expect(spelled.json().departments).toEqual([]);
  });

  it('two admins editing each other at once both succeed (no deadlock over the audit rows)', async () => {
    const a = await makeStaff(t.db, { role: 'admin' });
    const b = await makeStaff(t.db, { role: 'admin' });
    const deps = { db: t.db, presence: t.presence, notifier: { wake: () => undefined } };
    const both = await Promise.all([
      updateStaffByAdmin(deps, staffPrincipal(a.id, 'admin'), b.id, { name: 'Bea', capacity: 9 }),
      updateStaffByAdmin(deps, staffPrincipal(b.id, 'admin'), a.id, { name: 'Abe', capacity: 8 }),
    ]);
    expect(both.map((s) => s.name)).toEqual(['Bea', 'Abe']);
  });

  it('refuses bad values with nothing changed; 404 for nobody; 403 for others', async () => {
    const admin = await signedIn(t, 'admin');
    const supervisor = await signedIn(t, 'supervisor');
    const person = await makeStaff(t.db);
    const url = `/api/admin/staff/${person.id}`;
    for (const body of [
      { capacity: 0 },
      { capacity: 101 },
      { name: '' },
      { departmentIds: [randomUUID()] },
    ])
      expect(
        (await call('PATCH', url, { cookie: admin.cookie }, { ...body, role: 'admin' })).statusCode,
      ).toBe(422);
    expect((await call('PATCH', url, { cookie: admin.cookie }, { role: 'boss' })).statusCode).toBe(
      400,
    );
    expect(
      (await call('PATCH', url, { cookie: supervisor.cookie }, { role: 'admin' })).statusCode,
    ).toBe(403);
    expect(
      (await call('PATCH', url, fromForeignPage(admin.cookie), { role: 'admin' })).statusCode,
    ).toBe(403);
    expect(
      (await call('PATCH', url, await bearerOf(t.db, admin.id, ['admin']), { role: 'admin' }))
        .statusCode,
    ).toBe(403);
    expect(await staffRow(person.id)).toMatchObject({
      role: 'agent',
      capacity: 5,
      name: 'Test agent',
    });
    expect(await auditRowsOf(t.db, person.id)).toEqual([]);
    expect(
      (await call('PATCH', `/api/admin/staff/${randomUUID()}`, { cookie: admin.cookie }, {}))
        .statusCode,
    ).toBe(404);
    expect(
      (await call('PATCH', '/api/admin/staff/nope', { cookie: admin.cookie }, {})).statusCode,
    ).toBe(404);
  });
});
