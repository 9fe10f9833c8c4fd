import type { Frame } from '@parley/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { recordingSocket } from '../test/socket.ts';
import { makeStaff, signIn, testApp, type TestApp } from '../test/harness.ts';
import { rooms } from './rooms.ts';

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await testApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  base = `127.0.0.1:${address.port}`;
});

/** A staff socket on the realtime endpoint. */
const connect = (cookie: string | undefined, origin = `http://${base}`) =>
  recordingSocket<Frame>(`ws://${base}/api/realtime`, { origin, cookie });

const presenceOf = (id: string, available?: boolean) => (f: Frame) =>
  f.type === 'staff.presence' &&
  f.data.id === id &&
  (available === undefined || f.data.available === available);

describe('GET /api/realtime', () => {
  it('refuses an upgrade without a session (401) and from a foreign origin (403)', async () => {
    await expect(connect(undefined).opened).rejects.toThrow('HTTP 401');
    const person = await makeStaff(t.db);
    const cookie = await signIn(t.app, person.email);
    await expect(connect(cookie, 'https://evil.example').opened).rejects.toThrow('HTTP 403');
  });

  it('says hello with the rooms joined: me, all staff, my departments', async () => {
    const person = await makeStaff(t.db, { departments: ['Realtime Hello'] });
    const cookie = await signIn(t.app, person.email);
    const c = connect(cookie);
    await c.opened;
    const hello = await c.next((f) => f.type === 'hello');
    if (hello.type !== 'hello') throw new Error('unreachable');
    expect(hello.data.staffId).toBe(person.id);
    expect(hello.data.rooms).toEqual(
      expect.arrayContaining([
        rooms.allStaff,
        rooms.staff(person.id),
        rooms.department(person.departments[0]!.id),
      ]),
    );
    expect(hello.data.rooms).not.toContain(rooms.supervisors);
  });

  it('shows a colleague coming online, changing availability and going offline, live', async () => {
    const watcher = await makeStaff(t.db);
    const mover = await makeStaff(t.db, { name: 'Moving Mpho' });
    const w = connect(await signIn(t.app, watcher.email));
    await w.opened;
    await w.next((f) => f.type === 'hello');
    const moverCookie = await signIn(t.app, mover.email);
    const m = connect(moverCookie);
    await m.opened;
    const online = await w.next(
      (f) => presenceOf(mover.id)(f) && f.type === 'staff.presence' && f.data.online,
    );
    expect(online.data).toMatchObject({ name: 'Moving Mpho', online: true, available: false });
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      headers: { cookie: moverCookie },
      payload: { available: true },
    });
    const available = await w.next(presenceOf(mover.id, true));
    expect(available.seq).toBeGreaterThan(online.seq);
    m.ws.close();
    await w.next(
      (f) =>
        f.type === 'staff.presence' &&
        f.data.id === mover.id &&
        !f.data.online &&
        f.seq > available.seq,
    );
  });

  it('closes the sockets of a session when it signs out (4401), and only those', async () => {
    const person = await makeStaff(t.db);
    const first = await signIn(t.app, person.email);
    const second = await signIn(t.app, person.email);
    const a = connect(first);
    const b = connect(second);
    await Promise.all([a.opened, b.opened]);
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: first },
    });
    expect(out.statusCode).toBe(204);
    expect(await a.closed).toBe(4401);
    expect(b.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('replays exactly what a dropped connection missed after a resume', async () => {
    const watcher = await makeStaff(t.db);
    const mover = await makeStaff(t.db);
    const watcherCookie = await signIn(t.app, watcher.email);
    const moverCookie = await signIn(t.app, mover.email);
    const setAvailable = (available: boolean) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/me/availability',
        headers: { cookie: moverCookie },
        payload: { available },
      });

    const first = connect(watcherCookie);
    await first.opened;
    await setAvailable(true);
    const seen = await first.next(presenceOf(mover.id, true));
    first.ws.terminate();
    await first.closed;

    await setAvailable(false);
    await setAvailable(true);
    await setAvailable(false);

    const second = connect(watcherCookie);
    await second.opened;
    second.ws.send(JSON.stringify({ type: 'resume', after: seen.seq }));
    await second.next((f) => presenceOf(mover.id, false)(f) && f.seq > seen.seq);
    await setAvailable(true);
    await second.next((f) => presenceOf(mover.id, true)(f) && f.seq > seen.seq + 3);
    const moverFrames = second.frames.filter((f) => presenceOf(mover.id)(f));
    expect(moverFrames.map((f) => f.type === 'staff.presence' && f.data.available)).toEqual([
      false,
      true,
      false,
      true,
    ]);
    const seqs = moverFrames.map((f) => f.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
    expect(Math.min(...seqs)).toBeGreaterThan(seen.seq);
  });

  it('asks the client to resync when it resumes from a position the server cannot replay', async () => {
    const person = await makeStaff(t.db);
    const c = connect(await signIn(t.app, person.email));
    await c.opened;
    c.ws.send(JSON.stringify({ type: 'resume', after: t.app.hub.cursor + 1_000_000 }));
    const frame = await c.next((f) => f.type === 'resync');
    expect(frame.type).toBe('resync');
  });

  it('refuses rooms nobody has authorised and malformed messages', async () => {
    const person = await makeStaff(t.db);
    const c = connect(await signIn(t.app, person.email));
    await c.opened;
    c.ws.send(JSON.stringify({ type: 'subscribe', room: rooms.staff('someone-else') }));
    const refused = await c.next((f) => f.type === 'error');
    expect(refused.data).toMatchObject({ ref: rooms.staff('someone-else') });
    c.ws.send('not json');
    await c.next((f) => f.type === 'error' && f.data.message === 'Frames must be JSON.');
    // A ping is answered, so a client can tell a live connection from a stalled one.
    c.ws.send(JSON.stringify({ type: 'ping' }));
    await c.next((f) => f.type === 'pong');
  });

  it('lets only those who may see a chat join its room, and drops a former agent at once', async () => {
    const { makeChannel, uniquePhone } = await import('../test/harness.ts');
    const { receiveInbound } = await import('../features/chats/index.ts');
    const { channel, department } = await makeChannel(t.db);
    const owner = await makeStaff(t.db, { departments: [department.name] });
    const next = await makeStaff(t.db, { departments: [department.name] });
    const sup = await makeStaff(t.db, { role: 'supervisor' });
    const ownerCookie = await signIn(t.app, owner.email);
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      headers: { cookie: ownerCookie },
      payload: { available: true },
    });
    const o = connect(ownerCookie);
    await o.opened;
    const deps = { db: t.db, notifier: { wake: () => t.app.hub.wake() }, presence: t.presence };
    const from = uniquePhone();
    const { chatId } = await receiveInbound(deps, {
      channelId: channel.id,
      providerMessageId: `r-${from}`,
      from,
      text: 'first',
    });
    const room = rooms.chat(chatId);

    const outsider = connect(await signIn(t.app, next.email));
    await outsider.opened;
    outsider.ws.send(JSON.stringify({ type: 'subscribe', room }));
    await outsider.next((f) => f.type === 'error' && f.data.ref === room);

    o.ws.send(JSON.stringify({ type: 'subscribe', room }));
    await o.next((f) => f.type === 'subscribed' && f.data.room === room);
    await receiveInbound(deps, {
      channelId: channel.id,
      providerMessageId: `r2-${from}`,
      from,
      text: 'second',
    });
    await o.next((f) => f.type === 'message.created' && f.data.text === 'second');

    const supCookie = await signIn(t.app, sup.email);
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/chats/${chatId}/assign`,
      headers: { cookie: supCookie },
      payload: { agentId: next.id },
    });
    expect(moved.statusCode).toBe(200);
    await o.next(
      (f) => f.type === 'chat.updated' && f.data.id === chatId && f.data.assignee?.id === next.id,
    );
    await receiveInbound(deps, {
      channelId: channel.id,
      providerMessageId: `r3-${from}`,
      from,
      text: 'third',
    });
    // The new agent's list hears of the chat; the former agent no longer hears its messages.
    const marker = await makeStaff(t.db);
    const markerCookie = await signIn(t.app, marker.email);
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      headers: { cookie: markerCookie },
      payload: { available: true },
    });
    await o.next((f) => f.type === 'staff.presence' && f.data.id === marker.id);
    expect(o.frames.some((f) => f.type === 'message.created' && f.data.text === 'third')).toBe(
      false,
    );
  });
});
