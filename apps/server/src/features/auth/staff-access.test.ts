import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chats, events, staff } from '../../db/schema.ts';
import {
  emptyDatabase,
  makeChannel,
  makeStaff,
  signIn,
  staffPrincipal,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { listenForSockets, type SocketOpener, type StaffSocket } from '../../test/listening.ts';
import { auditRowsOf, fromForeignPage, signedIn } from '../audit/admin.test-support.ts';
import { receiveInbound } from '../chats/index.ts';
import { updateStaffByAdmin } from './staff-admin.service.ts';
import { staffAdminHelpers } from './staff-admin.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const { call, newPerson, staffRow, tokenOf } = staffAdminHelpers(() => t);

describe('deactivating, reactivating and resetting passwords', () => {
  it('deactivation ends sessions, refuses sign-in, is audited; reactivation lets them back', async () => {
    const admin = await signedIn(t, 'admin');
    const person = await signedIn(t, 'agent');
    const res = await call('POST', `/api/admin/staff/${person.id}/deactivate`, {
      cookie: admin.cookie,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status.deactivated).toBe(true);
    expect((await call('GET', '/api/me', { cookie: person.cookie })).statusCode).toBe(401);
    await expect(signIn(t.app, person.email)).rejects.toThrow('401');
    const back = await call('POST', `/api/admin/staff/${person.id}/reactivate`, {
      cookie: admin.cookie,
    });
    expect(back.statusCode).toBe(200);
    expect(back.json().status.deactivated).toBe(false);
    await signIn(t.app, person.email);
    const actions = (await auditRowsOf(t.db, person.id)).map((row) => row.action);
    expect(actions).toEqual(['staff.reactivated', 'staff.deactivated']);
  });

  it('refuses to deactivate yourself (409) and lets nobody but admins deactivate', async () => {
    const admin = await signedIn(t, 'admin');
    const supervisor = await signedIn(t, 'supervisor');
    const mine = await call('POST', `/api/admin/staff/${admin.id}/deactivate`, {
      cookie: admin.cookie,
    });
    expect(mine.statusCode).toBe(409);
    const person = await makeStaff(t.db);
    const url = `/api/admin/staff/${person.id}/deactivate`;
    expect((await call('POST', url, { cookie: supervisor.cookie })).statusCode).toBe(403);
    expect((await call('POST', url, fromForeignPage(admin.cookie))).statusCode).toBe(403);
    expect((await call('POST', url, {})).statusCode).toBe(401);
    expect((await staffRow(person.id))?.disabledAt).toBeNull();
    expect((await staffRow(admin.id))?.disabledAt).toBeNull();
  });

  it("sends the deactivated agent's open chats back to routing, each with an unassigned event", async () => {
    const admin = await signedIn(t, 'admin');
    const { channel, department } = await makeChannel(t.db);
    const leaving = await makeStaff(t.db, { departments: [department.name] });
    await t.db.update(staff).set({ available: true }).where(eq(staff.id, leaving.id));
    await t.presence.connected(leaving.id);
    const deps = { db: t.db, presence: t.presence, notifier: { wake: () => undefined } };
    const chatIds: string[] = [];
    for (let i = 0; i < 2; i++)
      chatIds.push(
        (
          await receiveInbound(deps, {
            channelId: channel.id,
            providerMessageId: `deact-${randomUUID()}`,
            from: uniquePhone(),
            text: 'hello',
          })
        ).chatId,
      );
    const held = await t.db.select().from(chats).where(eq(chats.assigneeId, leaving.id));
    expect(held.map((c) => c.status)).toEqual(['live', 'live']);
    await t.db.update(chats).set({ status: 'pending' }).where(eq(chats.id, chatIds[1]!));
    // A colleague who is online with room takes them once they are back in the queue.
    const staying = await makeStaff(t.db, { departments: [department.name] });
    await t.db.update(staff).set({ available: true }).where(eq(staff.id, staying.id));
    await t.presence.connected(staying.id);

    const res = await call('POST', `/api/admin/staff/${leaving.id}/deactivate`, {
      cookie: admin.cookie,
    });
    expect(res.statusCode).toBe(200);
    for (const chatId of chatIds) {
      const [chat] = await t.db.select().from(chats).where(eq(chats.id, chatId));
      expect(chat).toMatchObject({ status: 'live', assigneeId: staying.id });
      const unassigned = await t.db
        .select()
        .from(events)
        .where(and(eq(events.chatId, chatId), eq(events.type, 'unassigned')));
      expect(unassigned).toHaveLength(1);
      expect(unassigned[0]).toMatchObject({
        actorStaffId: admin.id,
        data: { from: leaving.id, reason: 'agent_deactivated' },
      });
    }
  });

  it('a reset answers a new link, ends their sessions, and the old password and link stop working', async () => {
    const admin = await signedIn(t, 'admin');
    const created = (
      await call('POST', '/api/admin/staff', { cookie: admin.cookie }, newPerson())
    ).json();
    const firstToken = tokenOf(created.setPasswordLink.setPasswordUrl);
    const person = await signedIn(t, 'agent');
    const res = await call('POST', `/api/admin/staff/${person.id}/reset-password`, {
      cookie: admin.cookie,
    });
    expect(res.statusCode).toBe(200);
    const link = res.json();
    expect(link).toEqual({
      setPasswordUrl: expect.stringContaining('/set-password/'),
      expiresAt: expect.any(String),
    });
    expect((await call('GET', '/api/me', { cookie: person.cookie })).statusCode).toBe(401);
    await expect(signIn(t.app, person.email)).rejects.toThrow('401');
    const [audit] = await auditRowsOf(t.db, person.id);
    expect(audit?.action).toBe('staff.password_reset');
    expect(JSON.stringify(audit)).not.toContain(tokenOf(link.setPasswordUrl));
    const set = await call(
      'POST',
      `/api/set-password/${tokenOf(link.setPasswordUrl)}`,
      {},
      { password: 'brand new password' },
    );
    expect(set.statusCode).toBe(204);
    await signIn(t.app, person.email, 'brand new password');

    // A second reset retires the first link.
    const again = (
      await call('POST', `/api/admin/staff/${created.id}/reset-password`, { cookie: admin.cookie })
    ).json();
    expect((await call('GET', `/api/set-password/${firstToken}`, {})).statusCode).toBe(410);
    expect(
      (await call('GET', `/api/set-password/${tokenOf(again.setPasswordUrl)}`, {})).statusCode,
    ).toBe(200);
    expect(
      (
        await call('POST', `/api/admin/staff/${person.id}/reset-password`, {
          cookie: (await signedIn(t, 'supervisor')).cookie,
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('the last active admin', () => {
  /** A database of its own: here the admins made below are the only ones. */
  let solo: TestApp;
  beforeAll(async () => {
    solo = await testApp({ database: await emptyDatabase() });
  });

  const activeAdmins = async () =>
    (await solo.db.select().from(staff).where(eq(staff.role, 'admin'))).filter(
      (row) => row.disabledAt === null,
    ).length;

  /** Whoever was left admin by the test before becomes an agent: each test makes its own. */
  const demoteAllAdmins = () =>
    solo.db.update(staff).set({ role: 'agent' }).where(eq(staff.role, 'admin'));

  it('cannot be demoted (409); two admins demoting each other at once leave one admin', async () => {
    const a = await signedIn(solo, 'admin');
    const patchRole = (who: { cookie: string }, id: string) =>
      solo.app.inject({
        method: 'PATCH',
        url: `/api/admin/staff/${id}`,
        headers: { cookie: who.cookie },
        payload: { role: 'agent' },
      });
    expect((await patchRole(a, a.id)).statusCode).toBe(409);
    expect(await activeAdmins()).toBe(1);

    const b = await signedIn(solo, 'admin');
    const both = await Promise.all([patchRole(a, b.id), patchRole(b, a.id)]);
    // The loser is refused by the count (409) or, if it arrives after the demotion, as an agent.
    expect(both.map((r) => r.statusCode).filter((s) => s === 200)).toHaveLength(1);
    expect(both.map((r) => r.statusCode).filter((s) => s !== 200)[0]).toBeOneOf([403, 409]);
    expect(await activeAdmins()).toBe(1);
  });

  it('two admins already past sign-in demoting each other at once: one wins, the other 409', async () => {
    await demoteAllAdmins();
    const a = await makeStaff(solo.db, { role: 'admin' });
    const b = await makeStaff(solo.db, { role: 'admin' });
    const deps = { db: solo.db, presence: solo.presence, notifier: { wake: () => undefined } };
    const results = await Promise.allSettled([
      updateStaffByAdmin(deps, staffPrincipal(a.id, 'admin'), b.id, { role: 'agent' }),
      updateStaffByAdmin(deps, staffPrincipal(b.id, 'admin'), a.id, { role: 'supervisor' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [refused] = results.filter((r) => r.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    expect(await activeAdmins()).toBe(1);
  });

  it('two admins deactivating each other at once leave one active admin', async () => {
    await demoteAllAdmins();
    const a = await signedIn(solo, 'admin');
    const b = await signedIn(solo, 'admin');
    const deactivate = (who: { cookie: string }, id: string) =>
      solo.app.inject({
        method: 'POST',
        url: `/api/admin/staff/${id}/deactivate`,
        headers: { cookie: who.cookie },
      });
    const both = await Promise.all([deactivate(a, b.id), deactivate(b, a.id)]);
    // The loser is refused by the count (409) or, if it arrives after its deactivation, unknown.
    expect(both.map((r) => r.statusCode).filter((s) => s === 200)).toHaveLength(1);
    expect(both.map((r) => r.statusCode).filter((s) => s !== 200)[0]).toBeOneOf([401, 409]);
    expect(await activeAdmins()).toBe(1);
  });
});

describe('open sockets', () => {
  /** A node whose periodic check is too slow to matter: only the bus message can close in time. */
  let node: TestApp;
  let open: SocketOpener;
  beforeAll(async () => {
    node = await testApp({ credentialSweepMs: 60_000 });
    open = await listenForSockets(node.app);
  });

  async function socketOf(cookie: string) {
    const socket = open({ cookie });
    await socket.opened;
    await socket.settled();
    return socket;
  }

  async function closeCode(socket: StaffSocket, ms: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([socket.closed, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  it('close at once when an admin deactivates the person or resets their password', async () => {
    const admin = await signedIn(node, 'admin');
    for (const action of ['deactivate', 'reset-password']) {
      const person = await signedIn(node, 'agent');
      const socket = await socketOf(person.cookie);
      const res = await node.app.inject({
        method: 'POST',
        url: `/api/admin/staff/${person.id}/${action}`,
        headers: { cookie: admin.cookie },
      });
      expect(res.statusCode).toBe(200);
      expect(await closeCode(socket, 1500)).toBe(4401);
    }
  });
});
