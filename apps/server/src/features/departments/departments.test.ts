import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { departments, staff } from '../../db/schema.ts';
import { makeChannel, makeStaff, testApp, type TestApp } from '../../test/harness.ts';
import { auditRowsOf, bearerOf, fromForeignPage, signedIn } from '../audit/admin.test-support.ts';
import { findOpenDepartment } from './index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const uniqueName = (label = 'Dept') => `${label} ${randomUUID().slice(0, 8)}`;

const create = (headers: Record<string, string>, payload: unknown) =>
  t.app.inject({
    method: 'POST',
    url: '/api/admin/departments',
    headers,
    payload: payload as object,
  });
const patch = (headers: Record<string, string>, id: string, payload: unknown) =>
  t.app.inject({
    method: 'PATCH',
    url: `/api/admin/departments/${id}`,
    headers,
    payload: payload as object,
  });
const list = (headers: Record<string, string>) =>
  t.app.inject({ url: '/api/admin/departments', headers });

const countNamed = async (name: string) =>
  (
    await t.db
      .select({ id: departments.id })
      .from(departments)
      .where(sql`lower(${departments.name}) = lower(${name})`)
  ).length;

describe('departments at /api/admin/departments', () => {
  it('lets an admin create one: 201, listed with no members or channels, audited', async () => {
    const admin = await signedIn(t, 'admin');
    const name = uniqueName();
    const res = await create({ cookie: admin.cookie }, { name: `  ${name} ` });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toEqual({
      id: expect.any(String),
      name,
      archived: false,
      members: [],
      channelCount: 0,
    });
    const listed = (await list({ cookie: admin.cookie })).json().items;
    expect(listed).toContainEqual(created);
    const [row] = await auditRowsOf(t.db, created.id);
    expect(row).toMatchObject({
      actorStaffId: admin.id,
      action: 'department.created',
      objectKind: 'department',
      before: null,
      after: { name, archived: false, members: [] },
    });
  });

  it('refuses a name another department has, ignoring case, with 422 naming the field', async () => {
    const admin = await signedIn(t, 'admin');
    const name = uniqueName();
    expect((await create({ cookie: admin.cookie }, { name })).statusCode).toBe(201);
    const again = await create({ cookie: admin.cookie }, { name: name.toUpperCase() });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors).toEqual([{ field: 'name', message: 'already in use' }]);
    expect(await countNamed(name)).toBe(1);
    const other = (await create({ cookie: admin.cookie }, { name: uniqueName() })).json();
    const rename = await patch({ cookie: admin.cookie }, other.id, { name: name.toLowerCase() });
    expect(rename.statusCode).toBe(422);
    expect(await countNamed(name)).toBe(1);
  });

  it('answers bad input with 400 or 422 and errors, and creates nothing', async () => {
    const admin = await signedIn(t, 'admin');
    const headers = { cookie: admin.cookie };
    for (const payload of [{}, { name: 7 }, { name: 'x', extra: true }]) {
      const res = await create(headers, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().errors.length).toBeGreaterThan(0);
    }
    for (const name of ['', '   ', 'x'.repeat(101), 'Sales\u202Eevil']) {
      const res = await create(headers, { name });
      expect(res.statusCode, name).toBe(422);
      expect(res.json().errors).toEqual([{ field: 'name', message: expect.any(String) }]);
      expect(await countNamed(name.trim())).toBe(0);
    }
  });

  it('renames and replaces the members with active staff, auditing before and after', async () => {
    const admin = await signedIn(t, 'admin');
    const dept = (await create({ cookie: admin.cookie }, { name: uniqueName() })).json();
    const [ann, ben] = [
      await makeStaff(t.db, { name: 'Ann Agent' }),
      await makeStaff(t.db, { name: 'Ben Agent' }),
    ];
    const first = await patch({ cookie: admin.cookie }, dept.id, {
      memberIds: [ann.id, ben.id, ann.id],
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().members).toEqual([
      { id: ann.id, name: 'Ann Agent', role: 'agent' },
      { id: ben.id, name: 'Ben Agent', role: 'agent' },
    ]);
    const newName = uniqueName('Renamed');
    const second = await patch({ cookie: admin.cookie }, dept.id, {
      name: newName,
      memberIds: [ben.id],
    });
    expect(second.json()).toMatchObject({
      name: newName,
      members: [{ id: ben.id, name: 'Ben Agent', role: 'agent' }],
    });
    const [latest, earlier] = await auditRowsOf(t.db, dept.id);
    expect(latest).toMatchObject({
      action: 'department.updated',
      before: {
        name: dept.name,
        members: [
          { id: ann.id, name: 'Ann Agent' },
          { id: ben.id, name: 'Ben Agent' },
        ],
      },
      after: { name: newName, members: [{ id: ben.id, name: 'Ben Agent' }] },
    });
    expect(earlier?.action).toBe('department.updated');
    // Nothing changed, nothing recorded.
    await patch({ cookie: admin.cookie }, dept.id, { name: newName });
    expect(await auditRowsOf(t.db, dept.id)).toHaveLength(3);
  });

  it('refuses unknown or deactivated members with 422 naming each, and changes nothing', async () => {
    const admin = await signedIn(t, 'admin');
    const dept = (await create({ cookie: admin.cookie }, { name: uniqueName() })).json();
    const member = await makeStaff(t.db);
    await patch({ cookie: admin.cookie }, dept.id, { memberIds: [member.id] });
    const gone = await makeStaff(t.db);
    await t.db.update(staff).set({ disabledAt: new Date() }).where(eq(staff.id, gone.id));
    const res = await patch({ cookie: admin.cookie }, dept.id, {
      name: uniqueName(),
      memberIds: [member.id, gone.id, randomUUID(), 'junk'],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'memberIds.1',
      'memberIds.2',
      'memberIds.3',
    ]);
    const after = (await list({ cookie: admin.cookie })).json().items;
    expect(after).toContainEqual(
      expect.objectContaining({
        id: dept.id,
        name: dept.name,
        members: [expect.objectContaining({ id: member.id })],
      }),
    );
  });

  it('refuses to archive while a channel routes to it (409 naming the channel); archives once none does', async () => {
    const admin = await signedIn(t, 'admin');
    const { channel, department } = await makeChannel(t.db);
    const refused = await patch({ cookie: admin.cookie }, department.id, { archived: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain(channel.id);
    expect(refused.json().detail).toContain(channel.name);
    expect(await findOpenDepartment(t.db, department.id)).toBeDefined();

    const empty = (await create({ cookie: admin.cookie }, { name: uniqueName() })).json();
    const archived = await patch({ cookie: admin.cookie }, empty.id, { archived: true });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().archived).toBe(true);
    expect(await findOpenDepartment(t.db, empty.id)).toBeUndefined();
    const restored = await patch({ cookie: admin.cookie }, empty.id, { archived: false });
    expect(restored.json().archived).toBe(false);
    const actions = (await auditRowsOf(t.db, empty.id)).map((r) => r.action);
    expect(actions).toEqual(['department.restored', 'department.archived', 'department.created']);
    const listed = (await list({ cookie: admin.cookie })).json().items;
    expect(listed).toContainEqual(expect.objectContaining({ id: department.id, channelCount: 1 }));
  });

  it('answers 404 for an unknown or malformed id', async () => {
    const admin = await signedIn(t, 'admin');
    for (const id of [randomUUID(), 'not-a-uuid'])
      expect((await patch({ cookie: admin.cookie }, id, { archived: true })).statusCode).toBe(404);
  });

  it('lets supervisors read but not change; agents 403; signed out 401; a token needs the admin scope', async () => {
    const admin = await signedIn(t, 'admin');
    const supervisor = await signedIn(t, 'supervisor');
    const agent = await signedIn(t, 'agent');
    const dept = (await create({ cookie: admin.cookie }, { name: uniqueName() })).json();
    expect((await list({ cookie: supervisor.cookie })).statusCode).toBe(200);
    expect((await list({ cookie: agent.cookie })).statusCode).toBe(403);
    expect((await list({})).statusCode).toBe(401);
    const name = uniqueName();
    expect((await create({ cookie: supervisor.cookie }, { name })).statusCode).toBe(403);
    expect((await create({ cookie: agent.cookie }, { name })).statusCode).toBe(403);
    expect((await create({}, { name })).statusCode).toBe(401);
    const readToken = await bearerOf(t.db, admin.id, ['read', 'chats:write', 'customers:write']);
    expect((await list(readToken)).statusCode).toBe(403);
    expect((await create(readToken, { name })).statusCode).toBe(403);
    expect((await patch(readToken, dept.id, { name })).statusCode).toBe(403);
    expect((await patch({ cookie: supervisor.cookie }, dept.id, { name })).statusCode).toBe(403);
    expect(await countNamed(name)).toBe(0);
    const adminToken = await bearerOf(t.db, admin.id, ['admin']);
    expect((await create(adminToken, { name })).statusCode).toBe(201);
  });

  it('refuses a change sent from a foreign page with the admin’s cookie', async () => {
    const admin = await signedIn(t, 'admin');
    const dept = (await create({ cookie: admin.cookie }, { name: uniqueName() })).json();
    const name = uniqueName();
    expect((await create(fromForeignPage(admin.cookie), { name })).statusCode).toBe(403);
    expect((await patch(fromForeignPage(admin.cookie), dept.id, { name })).statusCode).toBe(403);
    expect(await countNamed(name)).toBe(0);
  });
});
