import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { wrapUpTags } from '../../db/schema.ts';
import { accessFor } from '../../http/route-policy.ts';
import { testApp, type TestApp } from '../../test/harness.ts';
import { auditRowsOf, bearerOf, fromForeignPage, signedIn } from '../audit/admin.test-support.ts';
import { listActiveTagNames } from './index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const uniqueTag = (label = 'Tag') => `${label} ${randomUUID().slice(0, 8)}`;

const create = (headers: Record<string, string>, payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/admin/tags', headers, payload: payload as object });
const remove = (headers: Record<string, string>, id: string) =>
  t.app.inject({ method: 'DELETE', url: `/api/admin/tags/${id}`, headers });
const list = (headers: Record<string, string>) => t.app.inject({ url: '/api/admin/tags', headers });

const rowsNamed = (name: string) => t.db.select().from(wrapUpTags).where(eq(wrapUpTags.name, name));

describe('wrap-up tags at /api/admin/tags', () => {
  it('lets an admin add one (201, audited) that every staff member then sees', async () => {
    const admin = await signedIn(t, 'admin');
    const agent = await signedIn(t, 'agent');
    const name = uniqueTag('Billing');
    const res = await create({ cookie: admin.cookie }, { name: ` ${name} ` });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: expect.any(String), name });
    const seen = await list({ cookie: agent.cookie });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().items).toContainEqual(res.json());
    expect(await listActiveTagNames(t.db)).toContain(name);
    const [row] = await auditRowsOf(t.db, res.json().id);
    expect(row).toMatchObject({
      actorStaffId: admin.id,
      action: 'tag.created',
      objectKind: 'tag',
      before: null,
      after: { name },
    });
  });

  it('refuses a name an active tag has, ignoring case (422), and allows it again once deleted', async () => {
    const admin = await signedIn(t, 'admin');
    const name = uniqueTag();
    const first = (await create({ cookie: admin.cookie }, { name })).json();
    const again = await create({ cookie: admin.cookie }, { name: name.toUpperCase() });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors).toEqual([{ field: 'name', message: 'already in use' }]);
    expect(await rowsNamed(name.toUpperCase())).toEqual([]);
    expect((await remove({ cookie: admin.cookie }, first.id)).statusCode).toBe(204);
    expect((await create({ cookie: admin.cookie }, { name })).statusCode).toBe(201);
  });

  it('deletes softly: gone from the list, kept in the table for old chats, audited; twice is 404', async () => {
    const admin = await signedIn(t, 'admin');
    const name = uniqueTag();
    const tag = (await create({ cookie: admin.cookie }, { name })).json();
    expect((await remove({ cookie: admin.cookie }, tag.id)).statusCode).toBe(204);
    expect((await list({ cookie: admin.cookie })).json().items).not.toContainEqual(tag);
    expect(await listActiveTagNames(t.db)).not.toContain(name);
    const [row] = await rowsNamed(name);
    expect(row?.deletedAt).toBeInstanceOf(Date);
    const [audit] = await auditRowsOf(t.db, tag.id);
    expect(audit).toMatchObject({ action: 'tag.deleted', before: { name }, after: null });
    expect((await remove({ cookie: admin.cookie }, tag.id)).statusCode).toBe(404);
    expect((await remove({ cookie: admin.cookie }, randomUUID())).statusCode).toBe(404);
    expect((await remove({ cookie: admin.cookie }, 'not-a-uuid')).statusCode).toBe(404);
  });

  it('answers bad input with 400 or 422 and errors, and adds nothing', async () => {
    const admin = await signedIn(t, 'admin');
    const headers = { cookie: admin.cookie };
    for (const payload of [{}, { name: 5 }, { name: 'x', colour: 'red' }]) {
      const res = await create(headers, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().errors.length).toBeGreaterThan(0);
    }
    for (const name of ['', '  ', 'x'.repeat(51)]) {
      const res = await create(headers, { name });
      expect(res.statusCode, name).toBe(422);
      expect(res.json().errors).toEqual([{ field: 'name', message: expect.any(String) }]);
      expect(await rowsNamed(name.trim())).toEqual([]);
    }
  });

  it('is read by any staff and tokens with read; changed only by admins', async () => {
    const admin = await signedIn(t, 'admin');
    const supervisor = await signedIn(t, 'supervisor');
    const agent = await signedIn(t, 'agent');
    const tag = (await create({ cookie: admin.cookie }, { name: uniqueTag() })).json();
    expect((await list({ cookie: supervisor.cookie })).statusCode).toBe(200);
    expect((await list({})).statusCode).toBe(401);
    expect(accessFor('GET', '/api/admin/tags')).toBe('read');
    const agentToken = await bearerOf(t.db, agent.id, ['read']);
    expect((await list(agentToken)).statusCode).toBe(200);
    const name = uniqueTag();
    expect((await create({ cookie: agent.cookie }, { name })).statusCode).toBe(403);
    expect((await create({ cookie: supervisor.cookie }, { name })).statusCode).toBe(403);
    expect((await create({}, { name })).statusCode).toBe(401);
    expect((await remove({ cookie: supervisor.cookie }, tag.id)).statusCode).toBe(403);
    expect((await remove({ cookie: agent.cookie }, tag.id)).statusCode).toBe(403);
    const adminReadToken = await bearerOf(t.db, admin.id, ['read', 'chats:write']);
    expect((await create(adminReadToken, { name })).statusCode).toBe(403);
    expect((await remove(adminReadToken, tag.id)).statusCode).toBe(403);
    expect(await rowsNamed(name)).toEqual([]);
    expect((await list({ cookie: agent.cookie })).json().items).toContainEqual(tag);
    const adminToken = await bearerOf(t.db, admin.id, ['admin']);
    expect((await create(adminToken, { name })).statusCode).toBe(201);
  });

  it('refuses a change sent from a foreign page with the admin’s cookie', async () => {
    const admin = await signedIn(t, 'admin');
    const tag = (await create({ cookie: admin.cookie }, { name: uniqueTag() })).json();
    const name = uniqueTag();
    expect((await create(fromForeignPage(admin.cookie), { name })).statusCode).toBe(403);
    expect((await remove(fromForeignPage(admin.cookie), tag.id)).statusCode).toBe(403);
    expect(await rowsNamed(name)).toEqual([]);
    expect((await list({ cookie: admin.cookie })).json().items).toContainEqual(tag);
  });
});
