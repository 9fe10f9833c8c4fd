import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../../principal.ts';
import { createInProcessBus } from '../../realtime/bus.ts';
import {
  makeStaff,
  signIn,
  staffPrincipal,
  testApp,
  type TestApp,
  TEST_PASSWORD,
} from '../../test/harness.ts';
import { listenForSockets, type SocketOpener, type StaffSocket } from '../../test/listening.ts';
import { deactivateStaff, reactivateStaff } from './staff-access.service.ts';
import { setPassword } from './staff.service.ts';
import { createApiToken } from './tokens.service.ts';
import { rooms } from '../../realtime/rooms.ts';
import { transact } from '../../realtime/frames.ts';

/** Nodes whose periodic check is too slow to matter: only a bus message can close in time. */
let viaBus: TestApp;
let busSockets: SocketOpener;
/** A node with the periodic check and a bus nobody else publishes on (a CLI without Redis). */
let swept: TestApp;
let sweptSockets: SocketOpener;

beforeAll(async () => {
  viaBus = await testApp({ credentialSweepMs: 60_000 });
  busSockets = await listenForSockets(viaBus.app);
  swept = await testApp({ bus: createInProcessBus() });
  sweptSockets = await listenForSockets(swept.app);
});

const system = { kind: 'system', reason: 'test' } as const;
const serviceDeps = (t: TestApp, bus = true) => ({
  db: t.db,
  notifier: { wake: () => undefined },
  presence: t.presence,
  bus: bus ? t.bus : undefined,
});

/** Resolves with the close code, or fails if the socket is still open after `ms`. */
async function closesWithin(socket: StaffSocket, ms: number): Promise<number> {
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

async function openSocket(
  opener: SocketOpener,
  headers: { cookie?: string; authorization?: string },
) {
  const socket = opener(headers);
  await socket.opened;
  await socket.settled();
  return socket;
}

async function apiToken(t: TestApp, ownerRole: 'admin' = 'admin') {
  const owner = await makeStaff(t.db, { role: ownerRole });
  const created = await createApiToken(
    { db: t.db, bus: t.bus },
    // Tokens are made from a signed-in browser session.
    {
      ...(staffPrincipal(owner.id, ownerRole) as StaffPrincipal),
      sessionId: randomUUID(),
    },
    { name: 'socket test', scopes: ['read'], expiresAt: null },
  );
  return { owner, id: created.id, authorization: `Bearer ${created.token}` };
}

describe('a credential that ends closes its sockets at once, told over the bus', () => {
  it('a password change ends every session of that person, and their sockets (4401)', async () => {
    const person = await makeStaff(viaBus.db);
    const other = await makeStaff(viaBus.db);
    const [a, b] = await Promise.all([
      signIn(viaBus.app, person.email).then((cookie) => openSocket(busSockets, { cookie })),
      signIn(viaBus.app, person.email).then((cookie) => openSocket(busSockets, { cookie })),
    ]);
    const bystander = await openSocket(busSockets, {
      cookie: await signIn(viaBus.app, other.email),
    });
    await setPassword(serviceDeps(viaBus), system, {
      email: person.email,
      password: 'a brand new password',
    });
    expect(await Promise.all([closesWithin(a, 1500), closesWithin(b, 1500)])).toEqual([4401, 4401]);
    await bystander.settled();
  });

  it('deactivation ends the sessions and sockets, refuses sign-in; reactivation lets them sign in again', async () => {
    const person = await makeStaff(viaBus.db);
    const cookie = await signIn(viaBus.app, person.email);
    const socket = await openSocket(busSockets, { cookie });
    const me = await deactivateStaff(serviceDeps(viaBus), system, { email: person.email });
    expect(me.available).toBe(false);
    expect(await closesWithin(socket, 1500)).toBe(4401);
    expect((await viaBus.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    await expect(signIn(viaBus.app, person.email)).rejects.toThrow('401');
    await reactivateStaff(serviceDeps(viaBus), system, { id: person.id });
    await expect(signIn(viaBus.app, person.email, TEST_PASSWORD)).resolves.toContain(
      'parley_session=',
    );
  });

  it('an admin cannot deactivate their own account; others cannot deactivate anyone', async () => {
    const admin = await makeStaff(viaBus.db, { role: 'admin' });
    const agent = await makeStaff(viaBus.db);
    await expect(
      deactivateStaff(serviceDeps(viaBus), staffPrincipal(admin.id, 'admin'), { id: admin.id }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      deactivateStaff(serviceDeps(viaBus), staffPrincipal(agent.id, 'agent'), { id: admin.id }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('a revoked API token closes the sockets opened with it, and only those', async () => {
    const token = await apiToken(viaBus);
    const withToken = await openSocket(busSockets, { authorization: token.authorization });
    const withCookie = await openSocket(busSockets, {
      cookie: await signIn(viaBus.app, token.owner.email),
    });
    await viaBus.bus.publish({ kind: 'token-revoked', tokenId: token.id });
    expect(await closesWithin(withToken, 1500)).toBe(4401);
    await withCookie.settled();
  });

  it('re-checks the credential when a socket subscribes: an expired session closes there and then', async () => {
    const person = await makeStaff(viaBus.db);
    const socket = await openSocket(busSockets, { cookie: await signIn(viaBus.app, person.email) });
    await viaBus.db.execute(
      sql`update sessions set last_seen_at = now() - interval '25 hours' where staff_id = ${person.id}`,
    );
    socket.send({ type: 'subscribe', room: rooms.customer(person.id) });
    expect(await closesWithin(socket, 1500)).toBe(4401);
    expect(socket.frames.some((f) => f.type === 'subscribed' || f.type === 'error')).toBe(false);
  });
});

describe('a credential that ends with no message on any bus still closes its sockets within 5 s', () => {
  it('an idle session past its limit', async () => {
    const person = await makeStaff(swept.db);
    const socket = await openSocket(sweptSockets, {
      cookie: await signIn(swept.app, person.email),
    });
    await swept.db.execute(
      sql`update sessions set last_seen_at = now() - interval '25 hours' where staff_id = ${person.id}`,
    );
    expect(await closesWithin(socket, 5000)).toBe(4401);
  });

  it('a session past its absolute age, however busy', async () => {
    const person = await makeStaff(swept.db);
    const socket = await openSocket(sweptSockets, {
      cookie: await signIn(swept.app, person.email),
    });
    await swept.db.execute(
      sql`update sessions set created_at = now() - interval '31 days' where staff_id = ${person.id}`,
    );
    expect(await closesWithin(socket, 5000)).toBe(4401);
  });

  it('an API token past its expiry, which is refused from then on', async () => {
    const token = await apiToken(swept);
    const socket = await openSocket(sweptSockets, { authorization: token.authorization });
    await swept.db.execute(
      sql`update api_tokens set expires_at = now() - interval '1 second' where id = ${token.id}`,
    );
    expect(await closesWithin(socket, 5000)).toBe(4401);
    const res = await swept.app.inject({
      url: '/api/me',
      headers: { authorization: token.authorization },
    });
    expect(res.statusCode).toBe(401);
  });

  it('a token revoked in the database by another process', async () => {
    const token = await apiToken(swept);
    const socket = await openSocket(sweptSockets, { authorization: token.authorization });
    await swept.db.execute(sql`update api_tokens set revoked_at = now() where id = ${token.id}`);
    expect(await closesWithin(socket, 5000)).toBe(4401);
  });

  it('a password changed and an account deactivated from the command line without Redis', async () => {
    const changed = await makeStaff(swept.db);
    const deactivated = await makeStaff(swept.db);
    const [a, b] = await Promise.all([
      signIn(swept.app, changed.email).then((cookie) => openSocket(sweptSockets, { cookie })),
      signIn(swept.app, deactivated.email).then((cookie) => openSocket(sweptSockets, { cookie })),
    ]);
    await setPassword(serviceDeps(swept, false), system, {
      email: changed.email,
      password: 'another new password',
    });
    await deactivateStaff(serviceDeps(swept, false), system, { email: deactivated.email });
    expect(await Promise.all([closesWithin(a, 5000), closesWithin(b, 5000)])).toEqual([4401, 4401]);
  });

  it('leaves live credentials alone, and moves a socket to the rooms of its new role', async () => {
    const person = await makeStaff(swept.db, { role: 'supervisor' });
    const socket = await openSocket(sweptSockets, {
      cookie: await signIn(swept.app, person.email),
    });
    await swept.db.execute(sql`update staff set role = 'agent' where id = ${person.id}`);
    // Two sweeps later the socket is open but no longer hears what only supervisors hear.
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect(swept.app.hub.size).toBeGreaterThan(0);
    await socket.settled();
    await transact({ db: swept.db, notifier: { wake() {} } }, async (_tx, emit) => {
      await emit({
        type: 'comments.cleared',
        rooms: [rooms.supervisors],
        data: { chatId: person.id },
      });
      await emit({
        type: 'comments.cleared',
        rooms: [rooms.staff(person.id)],
        data: { chatId: 'marker' },
      });
    });
    await swept.app.hub.pump();
    await socket.next((f) => f.type === 'comments.cleared' && f.data.chatId === 'marker');
    expect(
      socket.frames.some((f) => f.type === 'comments.cleared' && f.data.chatId === person.id),
    ).toBe(false);
  }, 15_000);
});
