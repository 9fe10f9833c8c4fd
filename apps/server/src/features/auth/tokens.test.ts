import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiTokens } from '../../db/schema.ts';
import type { BusMessage } from '../../realtime/bus.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { recordingSocket } from '../../test/socket.ts';
import { receiveInbound } from '../chats/index.ts';
import { auditRowsOf } from '../audit/admin.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

type Scope = 'read' | 'chats:write' | 'customers:write' | 'admin';

/** A token of any staff member, written straight to the table as an admin's creation would. */
async function tokenOf(staffId: string, scopes: Scope[], expiresAt: Date | null = null) {
  const token = `pat_${randomBytes(32).toString('base64url')}`;
  const [row] = await t.db
    .insert(apiTokens)
    .values({
      name: `test ${scopes.join(' ')}`,
      tokenHash: createHash('sha256').update(token).digest('hex'),
      staffId,
      scopes,
      expiresAt,
    })
    .returning();
  return { token, id: row!.id, bearer: { authorization: `Bearer ${token}` } };
}

const createToken = (cookie: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/admin/tokens', headers: { cookie }, payload });

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/** A live chat held by an available agent; its customer; what an integration would send. */
async function liveChat() {
  const { channel, department } = await makeChannel(t.db);
  const agent = await makeStaff(t.db, { departments: [department.name] });
  const cookie = await signIn(t.app, agent.email);
  await t.app.inject({
    method: 'PUT',
    url: '/api/me/availability',
    headers: { cookie },
    payload: { available: true },
  });
  await t.presence.connected(agent.id);
  const from = uniquePhone();
  const { chatId } = await receiveInbound(
    { db: t.db, notifier: { wake: () => undefined }, presence: t.presence },
    { channelId: channel.id, providerMessageId: `tok-${from}`, from, text: 'hello' },
  );
  const chat = await t.app.inject({ url: `/api/chats/${chatId}`, headers: { cookie } });
  expect(chat.json().assignee?.id).toBe(agent.id);
  return { agent, chatId, customerId: chat.json().customer.id as string };
}

/** Every write the scopes govern, on the chat and its customer, as `headers` would send them. */
function writes(s: Awaited<ReturnType<typeof liveChat>>, headers: Record<string, string>) {
  return {
    message: () =>
      t.app.inject({
        method: 'POST',
        url: `/api/chats/${s.chatId}/messages`,
        headers,
        payload: { text: 'Sent by the CRM', clientId: randomBytes(8).toString('hex') },
      }),
    comment: () =>
      t.app.inject({
        method: 'POST',
        url: `/api/chats/${s.chatId}/comments`,
        headers,
        payload: { body: 'note to self', mentions: [] },
      }),
    profile: async () => {
      const current = await t.app.inject({ url: `/api/customers/${s.customerId}`, headers });
      return t.app.inject({
        method: 'PATCH',
        url: `/api/customers/${s.customerId}`,
        headers: { ...headers, 'if-match': current.headers.etag as string },
        payload: { name: 'Renamed by integration' },
      });
    },
    note: () =>
      t.app.inject({
        method: 'POST',
        url: `/api/customers/${s.customerId}/notes`,
        headers,
        payload: { body: 'Synced from the CRM' },
      }),
  };
}

describe('API tokens at /api/admin/tokens', () => {
  it('lets an admin create a named, scoped, expiring token, shown once and stored hashed', async () => {
    const admin = await makeStaff(t.db, { role: 'admin' });
    const cookie = await signIn(t.app, admin.email);
    const expiresAt = inAWeek();
    const created = await createToken(cookie, { name: 'CRM sync', scopes: ['read'], expiresAt });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ name: 'CRM sync', scopes: ['read'], lastUsedAt: null });
    expect(new Date(body.expiresAt).toISOString()).toBe(expiresAt);
    expect(body.token).toMatch(/^pat_/);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, body.id));
    expect(row?.tokenHash).not.toContain(body.token);
    const me = await t.app.inject({
      url: '/api/me',
      headers: { authorization: `Bearer ${body.token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(admin.id);
    const list = await t.app.inject({ url: '/api/admin/tokens', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: body.id, scopes: ['read'] })]),
    );
    expect(list.body).not.toContain(body.token);
  });

  it('refuses an expiry in the past, an unknown scope, or no scope', async () => {
    const admin = await makeStaff(t.db, { role: 'admin' });
    const cookie = await signIn(t.app, admin.email);
    const past = await createToken(cookie, {
      name: 'old',
      scopes: ['read'],
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors).toEqual([expect.objectContaining({ field: 'expiresAt' })]);
    const unknown = await createToken(cookie, { name: 'x', scopes: ['root'], expiresAt: null });
    expect(unknown.statusCode).toBe(400);
    const none = await createToken(cookie, { name: 'x', scopes: [], expiresAt: null });
    expect(none.statusCode).toBe(400);
  });

  it('is for admins in a browser session: not agents, and never a token, even an admin-scoped one', async () => {
    const agent = await makeStaff(t.db);
    const agentCookie = await signIn(t.app, agent.email);
    const payload = { name: 'x', scopes: ['read'], expiresAt: null };
    expect((await createToken(agentCookie, payload)).statusCode).toBe(403);
    const admin = await makeStaff(t.db, { role: 'admin' });
    const victim = await tokenOf(admin.id, ['read']);
    const { bearer } = await tokenOf(admin.id, ['read', 'chats:write', 'customers:write', 'admin']);
    const tries = await Promise.all([
      t.app.inject({ method: 'POST', url: '/api/admin/tokens', headers: bearer, payload }),
      t.app.inject({ url: '/api/admin/tokens', headers: bearer }),
      t.app.inject({ method: 'DELETE', url: `/api/admin/tokens/${victim.id}`, headers: bearer }),
    ]);
    expect(tries.map((r) => r.statusCode)).toEqual([403, 403, 403]);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, victim.id));
    expect(row?.revokedAt).toBeNull();
    // The service refuses too, should a route ever reach it with a token.
    const { createApiToken } = await import('./tokens.service.ts');
    const { createInProcessBus } = await import('../../realtime/bus.ts');
    await expect(
      createApiToken(
        { db: t.db, bus: createInProcessBus() },
        {
          ...sessionPrincipal(admin.id),
          sessionId: undefined,
          tokenId: victim.id,
          scopes: ['admin'],
        },
        { name: 'minted', scopes: ['admin'], expiresAt: null },
      ),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('revokes with 204: the token is refused with 401 and every node hears token-revoked', async () => {
    const admin = await makeStaff(t.db, { role: 'admin' });
    const cookie = await signIn(t.app, admin.email);
    const { token, id } = (
      await createToken(cookie, { name: 'tmp', scopes: ['read'], expiresAt: null })
    ).json();
    const heard: BusMessage[] = [];
    const { revokeApiToken } = await import('./tokens.service.ts');
    const { createInProcessBus } = await import('../../realtime/bus.ts');
    const bus = createInProcessBus();
    bus.subscribe((m) => heard.push(m));
    const other = await tokenOf(admin.id, ['read']);
    await revokeApiToken({ db: t.db, bus }, sessionPrincipal(admin.id), other.id);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(heard).toEqual([{ kind: 'token-revoked', tokenId: other.id }]);

    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/tokens/${id}`,
      headers: { cookie },
    });
    expect(del.statusCode).toBe(204);
    const me = await t.app.inject({
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/tokens/${id}`,
      headers: { cookie },
    });
    expect(again.statusCode).toBe(404);
  });

  it('writes creation and revocation to the audit log, never the secret', async () => {
    const admin = await makeStaff(t.db, { role: 'admin' });
    const cookie = await signIn(t.app, admin.email);
    const created = await createToken(cookie, {
      name: 'Audited',
      scopes: ['read'],
      expiresAt: null,
    });
    const { id, token } = created.json();
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/tokens/${id}`,
      headers: { cookie },
    });
    expect(del.statusCode).toBe(204);
    const rows = await auditRowsOf(t.db, id);
    expect(rows.map((row) => [row.action, row.actorStaffId])).toEqual([
      ['token.revoked', admin.id],
      ['token.created', admin.id],
    ]);
    expect(rows[1]?.after).toEqual({ name: 'Audited', scopes: ['read'], expiresAt: null });
    const [hash] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(hash!.tokenHash);
  });

  it('answers 401 to an expired token', async () => {
    const agent = await makeStaff(t.db);
    const expired = await tokenOf(agent.id, ['read'], new Date(Date.now() - 1000));
    const live = await tokenOf(agent.id, ['read'], new Date(Date.now() + 60_000));
    expect((await t.app.inject({ url: '/api/me', headers: expired.bearer })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/me', headers: live.bearer })).statusCode).toBe(200);
  });

  it('records when it was last used, at most once a minute', async () => {
    const agent = await makeStaff(t.db);
    const { id, bearer } = await tokenOf(agent.id, ['read']);
    const lastUsed = async () =>
      (await t.db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0]?.lastUsedAt;
    await t.app.inject({ url: '/api/me', headers: bearer });
    expect(await lastUsed()).toBeInstanceOf(Date);
    const setUsed = (ago: string) =>
      t.db
        .update(apiTokens)
        .set({ lastUsedAt: sql`now() - ${ago}::interval` })
        .where(eq(apiTokens.id, id));
    await setUsed('30 seconds');
    const before = await lastUsed();
    await t.app.inject({ url: '/api/me', headers: bearer });
    expect(await lastUsed()).toEqual(before);
    await setUsed('2 minutes');
    await t.app.inject({ url: '/api/me', headers: bearer });
    expect(Date.now() - (await lastUsed())!.getTime()).toBeLessThan(30_000);
  });

  it('is a Bearer call, not a browser’s: no Origin check, and the junk or unknown id is 404', async () => {
    const agent = await makeStaff(t.db);
    const { bearer } = await tokenOf(agent.id, ['read', 'chats:write']);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      headers: { ...bearer, origin: 'https://elsewhere.example' },
      payload: { available: true },
    });
    expect(put.statusCode).toBe(200);
    const admin = await makeStaff(t.db, { role: 'admin' });
    const cookie = await signIn(t.app, admin.email);
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000'])
      expect(
        (
          await t.app.inject({
            method: 'DELETE',
            url: `/api/admin/tokens/${id}`,
            headers: { cookie },
          })
        ).statusCode,
      ).toBe(404);
    const wrong = await t.app.inject({
      url: '/api/me',
      headers: { authorization: 'Bearer pat_nope' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('no longer answers at the old /api/tokens', async () => {
    const admin = await makeStaff(t.db, { role: 'admin' });
    const cookie = await signIn(t.app, admin.email);
    expect((await t.app.inject({ url: '/api/tokens', headers: { cookie } })).statusCode).toBe(404);
  });
});

const sessionPrincipal = (staffId: string) => ({
  kind: 'staff' as const,
  staffId,
  role: 'admin' as const,
  departmentIds: [],
  sessionId: 'a-session',
  tokenId: undefined,
  scopes: undefined,
});

describe('a token acts only within its scopes', () => {
  it('read: reads the chat and customer, but cannot send, comment, edit the profile or add a note', async () => {
    const s = await liveChat();
    const { bearer } = await tokenOf(s.agent.id, ['read']);
    expect(
      (await t.app.inject({ url: `/api/chats/${s.chatId}`, headers: bearer })).statusCode,
    ).toBe(200);
    const w = writes(s, bearer);
    const codes = [await w.message(), await w.comment(), await w.profile(), await w.note()].map(
      (r) => r.statusCode,
    );
    expect(codes).toEqual([403, 403, 403, 403]);
  });

  it('chats:write: sends and comments, but cannot edit the profile or add a note', async () => {
    const s = await liveChat();
    const { bearer } = await tokenOf(s.agent.id, ['read', 'chats:write']);
    const w = writes(s, bearer);
    expect((await w.message()).statusCode).toBe(201);
    expect((await w.comment()).statusCode).toBe(201);
    expect((await w.profile()).statusCode).toBe(403);
    expect((await w.note()).statusCode).toBe(403);
  });

  it('customers:write: edits the profile and adds a note, but cannot send', async () => {
    const s = await liveChat();
    const { bearer } = await tokenOf(s.agent.id, ['read', 'customers:write']);
    const w = writes(s, bearer);
    expect((await w.profile()).statusCode).toBe(200);
    expect((await w.note()).statusCode).toBe(201);
    expect((await w.message()).statusCode).toBe(403);
  });

  it('needs read for the realtime socket', async () => {
    const agent = await makeStaff(t.db);
    const writer = await tokenOf(agent.id, ['chats:write']);
    const reader = await tokenOf(agent.id, ['read']);
    const refused = await t.app.inject({ url: '/api/realtime', headers: writer.bearer });
    expect(refused.statusCode).toBe(403);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const url = `ws://127.0.0.1:${address.port}/api/realtime`;
    await expect(recordingSocket(url, writer.bearer).opened).rejects.toThrow(/403/);
    const socket = recordingSocket(url, reader.bearer);
    await socket.opened;
    await socket.next((f) => f.type === 'hello');
  });
});
