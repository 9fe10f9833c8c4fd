import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { MAX_PERSONAL_CANNED_REPLIES } from '@parley/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { cannedReplies } from '../../db/schema.ts';
import { accessFor } from '../../http/route-policy.ts';
import { testApp, type TestApp } from '../../test/harness.ts';
import { auditRowsOf, bearerOf, fromForeignPage, signedIn } from '../audit/admin.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

type Headers = Record<string, string>;
const unique = (label = 'Reply') => `${label} ${randomUUID().slice(0, 8)}`;
const as = (person: { cookie: string }): Headers => ({ cookie: person.cookie });

const create = (headers: Headers, payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/canned-replies', headers, payload: payload as object });
const patch = (headers: Headers, id: string, payload: unknown) =>
  t.app.inject({
    method: 'PATCH',
    url: `/api/canned-replies/${id}`,
    headers,
    payload: payload as object,
  });
const remove = (headers: Headers, id: string) =>
  t.app.inject({ method: 'DELETE', url: `/api/canned-replies/${id}`, headers });
const list = (headers: Headers, query = '') =>
  t.app.inject({ url: `/api/canned-replies${query}`, headers });

const rowOf = async (id: string) =>
  (await t.db.select().from(cannedReplies).where(eq(cannedReplies.id, id)))[0];

describe('personal canned replies', () => {
  it('lets anyone save one (201), listed for them with the shared ones, not for colleagues', async () => {
    const agent = await signedIn(t, 'agent');
    const colleague = await signedIn(t, 'agent');
    const title = unique('Greeting');
    const res = await create(as(agent), {
      title: `  ${title} `,
      body: ' Hi {{customer.firstName}}! ',
      shortcut: '/hello',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(String),
      title,
      body: 'Hi {{customer.firstName}}!',
      shortcut: 'hello',
      shared: false,
      canEdit: true,
      createdBy: { id: agent.id, name: agent.name, role: 'agent' },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const mine = (await list(as(agent), '?limit=700')).json().items;
    expect(mine.map((r: { id: string }) => r.id)).toContain(res.json().id);
    const theirs = (await list(as(colleague), '?limit=700')).json().items;
    expect(theirs.map((r: { id: string }) => r.id)).not.toContain(res.json().id);
    // A personal reply is not an admin change: nothing in the audit log.
    expect(await auditRowsOf(t.db, res.json().id)).toEqual([]);
  });

  it('is changed and deleted only by its owner; others get 404 and nothing changes', async () => {
    const owner = await signedIn(t, 'agent');
    const supervisor = await signedIn(t, 'supervisor');
    const admin = await signedIn(t, 'admin');
    const id = (await create(as(owner), { title: unique(), body: 'Mine.' })).json().id;
    for (const other of [supervisor, admin, await signedIn(t, 'agent')]) {
      expect((await patch(as(other), id, { body: 'Theirs.' })).statusCode).toBe(404);
      expect((await remove(as(other), id)).statusCode).toBe(404);
    }
    expect(await rowOf(id)).toMatchObject({ body: 'Mine.' });

    const changed = await patch(as(owner), id, { body: 'Mine, better.', shortcut: 'mine' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ body: 'Mine, better.', shortcut: 'mine' });
    expect((await patch(as(owner), id, { shortcut: null })).json().shortcut).toBeNull();
    expect((await remove(as(owner), id)).statusCode).toBe(204);
    expect(await rowOf(id)).toBeUndefined();
    expect((await remove(as(owner), id)).statusCode).toBe(404);
  });

  it('answers 404 for an id that is not a uuid or does not exist', async () => {
    const agent = await signedIn(t, 'agent');
    expect((await patch(as(agent), 'nope', { body: 'x' })).statusCode).toBe(404);
    expect((await remove(as(agent), randomUUID())).statusCode).toBe(404);
  });
});

describe('shared canned replies', () => {
  it('supervisors and admins add, change and delete them, audited; everyone reads them', async () => {
    const supervisor = await signedIn(t, 'supervisor');
    const admin = await signedIn(t, 'admin');
    const agent = await signedIn(t, 'agent');
    const title = unique('Shared');
    const res = await create(as(supervisor), { title, body: 'For everyone.', shared: true });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect(res.json()).toMatchObject({ shared: true, canEdit: true });
    expect(await rowOf(id)).toMatchObject({ ownerId: null, createdBy: supervisor.id });

    const seen = (await list(as(agent), `?q=${encodeURIComponent(title)}`)).json().items;
    expect(seen).toEqual([expect.objectContaining({ id, shared: true, canEdit: false })]);

    expect((await patch(as(admin), id, { title: `${title}!` })).statusCode).toBe(200);
    expect((await remove(as(supervisor), id)).statusCode).toBe(204);
    const audit = await auditRowsOf(t.db, id);
    expect(audit.map((row) => [row.action, row.actorStaffId])).toEqual([
      ['canned_reply.deleted', supervisor.id],
      ['canned_reply.updated', admin.id],
      ['canned_reply.created', supervisor.id],
    ]);
    expect(audit[1]).toMatchObject({
      objectKind: 'canned_reply',
      before: { title, body: 'For everyone.', shortcut: null },
      after: { title: `${title}!`, body: 'For everyone.', shortcut: null },
    });
  });

  it('refuses agents (403) adding, changing or deleting one; nothing changes', async () => {
    const supervisor = await signedIn(t, 'supervisor');
    const agent = await signedIn(t, 'agent');
    const title = unique('Agent shared');
    const refused = await create(as(agent), { title, body: 'Nope.', shared: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await t.db.select().from(cannedReplies).where(eq(cannedReplies.title, title))).toEqual(
      [],
    );
    const id = (await create(as(supervisor), { title, body: 'Kept.', shared: true })).json().id;
    expect((await patch(as(agent), id, { body: 'Changed.' })).statusCode).toBe(403);
    expect((await remove(as(agent), id)).statusCode).toBe(403);
    expect(await rowOf(id)).toMatchObject({ body: 'Kept.' });
  });
});

describe('finding replies with q', () => {
  it('matches title, body or shortcut ignoring case, exact shortcut first, then by title', async () => {
    const agent = await signedIn(t, 'agent');
    const word = randomUUID().slice(0, 8);
    const a = await create(as(agent), { title: `B ${word} in title`, body: 'x' });
    const b = await create(as(agent), { title: 'A in body', body: `see ${word.toUpperCase()}` });
    const c = await create(as(agent), { title: 'Z by shortcut', body: 'y', shortcut: word });
    await create(as(agent), { title: 'Unrelated', body: 'nothing' });
    const items = (await list(as(agent), `?q=${word}`)).json().items;
    expect(items.map((r: { id: string }) => r.id)).toEqual([c.json().id, b.json().id, a.json().id]);
    const limited = (await list(as(agent), `?q=${word}&limit=1`)).json().items;
    expect(limited).toHaveLength(1);
  });

  it('reads % and _ literally', async () => {
    const agent = await signedIn(t, 'agent');
    await create(as(agent), { title: unique('Percent'), body: 'no wildcard here' });
    expect((await list(as(agent), '?q=%25')).json().items).toEqual([]);
  });
});

describe('bad input changes nothing', () => {
  it('answers 422 naming each field for text that breaks a rule', async () => {
    const agent = await signedIn(t, 'agent');
    const cases: [unknown, string[]][] = [
      [{ title: '   ', body: 'x' }, ['title']],
      [{ title: 'x'.repeat(81), body: 'x' }, ['title']],
      [{ title: 'Ok', body: 'x'.repeat(4001) }, ['body']],
      [{ title: 'Ok', body: '  ' }, ['body']],
      [{ title: 'Safe\u202Eexe', body: 'x' }, ['title']],
      [{ title: '\u200B', body: 'x', shortcut: 'two words' }, ['title', 'shortcut']],
    ];
    const before = await t.db.select().from(cannedReplies);
    for (const [payload, fields] of cases) {
      const res = await create(as(agent), payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(fields);
    }
    expect(await t.db.select().from(cannedReplies)).toHaveLength(before.length);
  });

  it('answers 400 for malformed bodies and 422 for control characters', async () => {
    const agent = await signedIn(t, 'agent');
    expect((await create(as(agent), { title: 'x' })).statusCode).toBe(400);
    expect((await create(as(agent), { title: 'x', body: 'y', extra: 1 })).statusCode).toBe(400);
    expect((await create(as(agent), { title: 'x', body: 'y', shared: 'yes' })).statusCode).toBe(
      400,
    );
    const nul = await create(as(agent), { title: unique(), body: 'a\u0000b' });
    expect(nul.statusCode).toBe(422);
    const id = (await create(as(agent), { title: unique(), body: 'Kept.' })).json().id;
    expect((await patch(as(agent), id, { title: '' })).statusCode).toBe(422);
    expect((await patch(as(agent), id, { shared: true })).statusCode).toBe(400);
    expect(await rowOf(id)).toMatchObject({ body: 'Kept.', shared: false });
  });

  it('wants a signed-in person, and a state change from the desk’s own pages', async () => {
    expect((await list({})).statusCode).toBe(401);
    expect((await create({}, { title: 'x', body: 'y' })).statusCode).toBe(401);
    const agent = await signedIn(t, 'agent');
    const title = unique();
    expect((await create(fromForeignPage(agent.cookie), { title, body: 'y' })).statusCode).toBe(
      403,
    );
    expect(await t.db.select().from(cannedReplies).where(eq(cannedReplies.title, title))).toEqual(
      [],
    );
  });
});

describe('the per-person limit', () => {
  it(`keeps at most ${MAX_PERSONAL_CANNED_REPLIES} personal replies, even for parallel requests`, async () => {
    const agent = await signedIn(t, 'agent');
    const other = await signedIn(t, 'agent');
    await t.db.insert(cannedReplies).values(
      Array.from({ length: MAX_PERSONAL_CANNED_REPLIES - 2 }, (_, i) => ({
        ownerId: agent.id,
        title: `Filler ${i}`,
        body: 'x',
        createdBy: agent.id,
      })),
    );
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => create(as(agent), { title: `Parallel ${i}`, body: 'y' })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 422, 422, 422, 422]);
    const rows = await t.db.select().from(cannedReplies).where(eq(cannedReplies.ownerId, agent.id));
    expect(rows).toHaveLength(MAX_PERSONAL_CANNED_REPLIES);
    // Someone else's count is their own.
    expect((await create(as(other), { title: 'Mine', body: 'z' })).statusCode).toBe(201);
    // Deleting one makes room again.
    expect((await remove(as(agent), rows[0]!.id)).statusCode).toBe(204);
    expect((await create(as(agent), { title: 'Room again', body: 'z' })).statusCode).toBe(201);
  });
});

describe('API tokens', () => {
  it('read with the read scope and write with chats:write', async () => {
    expect(accessFor('GET', '/api/canned-replies')).toBe('read');
    expect(accessFor('POST', '/api/canned-replies')).toBe('chats:write');
    expect(accessFor('PATCH', '/api/canned-replies/:id')).toBe('chats:write');
    const agent = await signedIn(t, 'agent');
    const reader = await bearerOf(t.db, agent.id, ['read']);
    expect((await list(reader)).statusCode).toBe(200);
    expect((await create(reader, { title: unique(), body: 'y' })).statusCode).toBe(403);
    const writer = await bearerOf(t.db, agent.id, ['chats:write']);
    expect((await create(writer, { title: unique(), body: 'y' })).statusCode).toBe(201);
  });
});

describe('the OpenAPI document', () => {
  it('describes the canned reply routes', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths['/api/canned-replies'])).toEqual(
      expect.arrayContaining(['get', 'post']),
    );
    expect(Object.keys(doc.paths['/api/canned-replies/{id}'])).toEqual(
      expect.arrayContaining(['patch', 'delete']),
    );
  });
});
