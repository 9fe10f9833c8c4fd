import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { autoReplies, auditEvents } from '../../db/schema.ts';
import { makeChannel, testApp, type TestApp } from '../../test/harness.ts';
import { bearerOf, signedIn } from '../audit/admin.test-support.ts';
import { resolveAutoReplyText } from './index.ts';

/*
 * The auto-reply texts admins write, and which one a conversation gets. The table is one for the
 * whole database and other test files send auto-replies meanwhile, so every text here is for a
 * department this file made or a language nobody else uses.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const get = (headers: Record<string, string>) =>
  t.app.inject({ url: '/api/admin/auto-replies', headers });
const put = (headers: Record<string, string>, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'PUT', url: '/api/admin/auto-replies', headers, payload });

/** A language tag's base nobody else uses: three random letters. */
const rareLanguage = () =>
  Array.from({ length: 3 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)])
    .join('')
    .replace(/^(en|pt)/, 'q');

const newDepartment = async () => (await makeChannel(t.db)).department;

const auditOf = (objectId: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.objectKind, 'auto_reply'), eq(auditEvents.objectId, objectId)));

describe('GET /api/admin/auto-replies', () => {
  it('lets admins and supervisors read the saved texts and the built-in ones; agents get 403', async () => {
    const supervisor = await signedIn(t, 'supervisor');
    const res = await get({ cookie: supervisor.cookie });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.defaults).toContainEqual({
      kind: 'connecting',
      departmentId: null,
      language: 'en',
      text: "You're chatting with {agent}.",
    });
    // Directing has no built-in text: it is not sent until an admin writes one.
    expect(body.defaults.map((d: { kind: string }) => d.kind)).not.toContain('directing');
    const agent = await signedIn(t, 'agent');
    const refused = await get({ cookie: agent.cookie });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await get({})).statusCode).toBe(401);
  });
});

describe('PUT /api/admin/auto-replies', () => {
  it('saves a text for a department and language (the tag tidied), lists it, and audits it', async () => {
    const admin = await signedIn(t, 'admin');
    const department = await newDepartment();
    const res = await put(
      { cookie: admin.cookie },
      {
        kind: 'connecting',
        departmentId: department.id,
        language: 'pt-br',
        text: 'Olá {customer}, fala {agent}.',
      },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      kind: 'connecting',
      departmentId: department.id,
      language: 'pt-BR',
      text: 'Olá {customer}, fala {agent}.',
    });
    const listed = (await get({ cookie: admin.cookie })).json().items;
    expect(listed).toContainEqual(
      expect.objectContaining({ departmentId: department.id, language: 'pt-BR' }),
    );
    const id = `connecting:${department.id}:pt-BR`;
    expect(await auditOf(id)).toMatchObject([
      {
        action: 'auto_reply.updated',
        actorStaffId: admin.id,
        before: null,
        after: { text: 'Olá {customer}, fala {agent}.' },
      },
    ]);

    // Changed, then removed: each audited with before and after; the same text again is no change.
    const changed = { kind: 'connecting', departmentId: department.id, language: 'pt-BR' };
    expect((await put({ cookie: admin.cookie }, { ...changed, text: 'Oi!' })).statusCode).toBe(200);
    expect((await put({ cookie: admin.cookie }, { ...changed, text: 'Oi!' })).statusCode).toBe(200);
    const removed = await put({ cookie: admin.cookie }, { ...changed, text: null });
    expect(removed.statusCode).toBe(204);
    const rows = await t.db
      .select()
      .from(autoReplies)
      .where(eq(autoReplies.departmentId, department.id));
    expect(rows).toEqual([]);
    const actions = (await auditOf(id)).map((row) => [row.action, row.before, row.after]);
    expect(actions).toHaveLength(3);
    expect(actions).toContainEqual([
      'auto_reply.removed',
      expect.objectContaining({ text: 'Oi!' }),
      null,
    ]);
  });

  it('refuses supervisors, agents and a reading token (403), and saves nothing', async () => {
    const department = await newDepartment();
    const body = { kind: 'all_busy', departmentId: department.id, language: 'en', text: 'Wait' };
    for (const role of ['supervisor', 'agent'] as const) {
      const person = await signedIn(t, role);
      const res = await put({ cookie: person.cookie }, body);
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toBeTruthy();
    }
    const admin = await signedIn(t, 'admin');
    const reader = await bearerOf(t.db, admin.id, ['read']);
    expect((await put(reader, body)).statusCode).toBe(403);
    expect((await get(reader)).statusCode).toBe(403);
    const adminToken = await bearerOf(t.db, admin.id, ['admin']);
    expect((await get(adminToken)).statusCode).toBe(200);
    expect(
      await t.db.select().from(autoReplies).where(eq(autoReplies.departmentId, department.id)),
    ).toEqual([]);
  });

  it('names a placeholder the kind cannot fill (422), and saves nothing', async () => {
    const admin = await signedIn(t, 'admin');
    const department = await newDepartment();
    const res = await put(
      { cookie: admin.cookie },
      {
        kind: 'connecting',
        departmentId: department.id,
        language: 'en',
        text: 'Hi {customer}, we open {opening}. {nonsense}',
      },
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('{opening}');
    expect(res.json().detail).toContain('{nonsense}');
    expect(res.json().detail).toContain('{agent}');
    expect(res.json().errors).toEqual([
      { field: 'text', message: 'unknown placeholder {opening}' },
      { field: 'text', message: 'unknown placeholder {nonsense}' },
    ]);
    // The same placeholder is fine where the kind fills it.
    const outOfHours = await put(
      { cookie: admin.cookie },
      { kind: 'out_of_hours', departmentId: department.id, language: 'en', text: 'Back {opening}' },
    );
    expect(outOfHours.statusCode).toBe(200);
    const rows = await t.db
      .select()
      .from(autoReplies)
      .where(eq(autoReplies.departmentId, department.id));
    expect(rows.map((row) => row.kind)).toEqual(['out_of_hours']);
  });

  it('refuses an unknown department (422), a bad language tag and an unknown kind (400)', async () => {
    const admin = await signedIn(t, 'admin');
    const base = { kind: 'connecting', language: 'en', text: 'Hello' };
    for (const departmentId of [randomUUID(), 'not-an-id']) {
      const res = await put({ cookie: admin.cookie }, { ...base, departmentId });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([{ field: 'departmentId', message: 'no such department' }]);
    }
    expect(
      (await put({ cookie: admin.cookie }, { ...base, departmentId: null, language: 'English' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await put({ cookie: admin.cookie }, { ...base, departmentId: null, kind: 'hello' }))
        .statusCode,
    ).toBe(400);
  });

  it('two admins saving the same text at once leave one row, the text of one of them', async () => {
    const [a, b] = [await signedIn(t, 'admin'), await signedIn(t, 'admin')];
    const department = await newDepartment();
    const slot = { kind: 'chat_ended', departmentId: department.id, language: 'en' };
    const answers = await Promise.all([
      put({ cookie: a.cookie }, { ...slot, text: 'Bye from A' }),
      put({ cookie: b.cookie }, { ...slot, text: 'Bye from B' }),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200]);
    const rows = await t.db
      .select()
      .from(autoReplies)
      .where(eq(autoReplies.departmentId, department.id));
    expect(rows).toHaveLength(1);
    expect(['Bye from A', 'Bye from B']).toContain(rows[0]!.text);
  });
});

describe('which text a conversation gets', () => {
  it('the most specific: department and language, department and base, every department, built-in', async () => {
    const admin = await signedIn(t, 'admin');
    const department = await newDepartment();
    const lang = rareLanguage();
    const save = async (departmentId: string | null, language: string, text: string) =>
      expect(
        (await put({ cookie: admin.cookie }, { kind: 'all_busy', departmentId, language, text }))
          .statusCode,
      ).toBe(200);
    const chosen = (language: string | null, departmentId = department.id) =>
      resolveAutoReplyText(t.db, { kind: 'all_busy', departmentId, language });
    const resolve = async (language: string | null, departmentId = department.id) =>
      (await chosen(language, departmentId))?.text ?? null;
    const builtIn =
      'All our agents are busy. You are number {position} in the queue; please stay with us.';

    expect(await resolve(`${lang}-BR`)).toBe(builtIn);
    await save(null, lang, 'every department, base');
    expect(await resolve(`${lang}-BR`)).toBe('every department, base');
    await save(null, `${lang}-BR`, 'every department, exact');
    expect(await resolve(`${lang}-BR`)).toBe('every department, exact');
    expect(await resolve(`${lang}-PT`)).toBe('every department, base');
    // The words say which language they are in: a date in them is said in the same one.
    expect(await chosen(`${lang}-PT`)).toEqual({ text: 'every department, base', language: lang });
    expect((await chosen(null))?.language).toBe('en');
    await save(department.id, lang, 'department, base');
    expect(await resolve(`${lang}-BR`)).toBe('department, base');
    await save(department.id, `${lang}-BR`, 'department, exact');
    expect(await resolve(`${lang}-BR`)).toBe('department, exact');
    // Languages compare ignoring case; another department still gets every department's text.
    expect(await resolve(`${lang.toUpperCase()}-br`)).toBe('department, exact');
    const other = await newDepartment();
    expect(await resolve(`${lang}-BR`, other.id)).toBe('every department, exact');
    // Removing the department's texts falls back again.
    await put(
      { cookie: admin.cookie },
      { kind: 'all_busy', departmentId: department.id, language: `${lang}-BR`, text: null },
    );
    expect(await resolve(`${lang}-BR`)).toBe('department, base');
  });

  it('reads a customer without a language as English, and directing as nothing until written', async () => {
    const admin = await signedIn(t, 'admin');
    const department = await newDepartment();
    const resolve = async (kind: 'connecting' | 'directing', language: string | null) =>
      (await resolveAutoReplyText(t.db, { kind, departmentId: department.id, language }))?.text ??
      null;
    expect(await resolve('directing', null)).toBeNull();
    expect(await resolve('connecting', null)).toBe("You're chatting with {agent}.");
    await put(
      { cookie: admin.cookie },
      { kind: 'connecting', departmentId: department.id, language: 'en', text: 'Hi, {agent} here' },
    );
    await put(
      { cookie: admin.cookie },
      { kind: 'directing', departmentId: department.id, language: 'en', text: 'One moment…' },
    );
    expect(await resolve('connecting', null)).toBe('Hi, {agent} here');
    expect(await resolve('connecting', 'en-ZA')).toBe('Hi, {agent} here');
    expect(await resolve('directing', null)).toBe('One moment…');
    // A language without a text of its own gets the built-in English one.
    expect(await resolve('connecting', 'zu')).toBe("You're chatting with {agent}.");
  });
});
