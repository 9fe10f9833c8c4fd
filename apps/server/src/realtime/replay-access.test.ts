import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.ts';
import { receiveInbound } from '../features/chats/index.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../test/harness.ts';
import type { CommittedFrame } from './frames.ts';
import { listenForSockets, type SocketOpener, type StaffSocket } from '../test/listening.ts';
import { rooms } from './rooms.ts';

let t: TestApp;
let connect: SocketOpener;
beforeAll(async () => {
  t = await testApp();
  connect = await listenForSockets(t.app);
});

const post = (url: string, cookie: string, payload: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, payload });

/** A chat in a fresh department; held by `agent` when `live`, else waiting in the queue. */
async function scene(live: boolean) {
  const { channel, department } = await makeChannel(t.db);
  const agent = await makeStaff(t.db, { departments: [department.name] });
  const colleague = await makeStaff(t.db, { departments: [department.name] });
  const other = await makeStaff(t.db, { departments: [department.name] });
  const supervisor = await makeStaff(t.db, { role: 'supervisor' });
  const agentCookie = await signIn(t.app, agent.email);
  if (live) {
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      headers: { cookie: agentCookie },
      payload: { available: true },
    });
    await t.presence.connected(agent.id);
  }
  await t.presence.connected(colleague.id);
  const deps = {
    db: t.db,
    notifier: { wake: (frames?: CommittedFrame[]) => t.app.hub.wake(frames) },
    presence: t.presence,
  };
  const from = uniquePhone();
  const { chatId } = await receiveInbound(deps, {
    channelId: channel.id,
    providerMessageId: `ra-${from}`,
    from,
    text: 'hello',
  });
  await t.app.hub.pump();
  return {
    chatId,
    deps,
    channel,
    from,
    agent,
    colleague,
    agentCookie,
    colleagueCookie: await signIn(t.app, colleague.email),
    otherCookie: await signIn(t.app, other.email),
    supervisorCookie: await signIn(t.app, supervisor.email),
  };
}

/**
 * Waits until this node's hub has passed every frame stored for the room. On a shared PostgreSQL
 * server other test files' open transactions leave gaps in the ids, which the hub waits out.
 */
async function caughtUp(room: string) {
  const [row] = await queryRows<{ last: number | string | null }>(
    t.db,
    sql`select max(id) as last from realtime_frames where ${room} = any(rooms)`,
  );
  const last = Number(row?.last ?? 0);
  for (let tries = 0; t.app.hub.cursor < last; tries++) {
    if (tries > 200) throw new Error(`the hub is stuck before frame ${last}`);
    await t.app.hub.pump();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Opens a socket, joins the room, replays from `after` and waits until the replay is sent. */
async function replay(cookie: string, room: string, after: number): Promise<StaffSocket> {
  await caughtUp(room);
  const s = connect({ cookie });
  await s.opened;
  s.send({ type: 'subscribe', room });
  s.send({ type: 'resume', after });
  await s.settled();
  return s;
}

const mentions = (s: StaffSocket, text: string) =>
  s.frames.filter((f) => JSON.stringify(f).includes(text));

async function rowsContaining(text: string): Promise<string[]> {
  const tables = await queryRows<{ name: string }>(
    t.db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const found: string[] = [];
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from ${sql.identifier(name)} t where t::text like ${`%${text}%`}`,
    );
    if ((row?.n ?? 0) > 0) found.push(name);
  }
  return found;
}

describe('comments are gone for good once the chat closes', () => {
  it('replays no comment text to anyone after the close, and no table holds it any more', async () => {
    const s = await scene(true);
    const before = t.app.hub.cursor;
    const secret = `secret-${randomUUID()}`;
    const commented = await post(`/api/chats/${s.chatId}/comments`, s.agentCookie, {
      body: `Check the refund ${secret}`,
      mentions: [s.colleague.id],
    });
    expect(commented.statusCode).toBe(201);
    expect(await rowsContaining(secret)).not.toEqual([]);
    expect((await post(`/api/chats/${s.chatId}/close`, s.agentCookie)).statusCode).toBe(200);

    const room = rooms.chat(s.chatId);
    // Closed chats are history, which every colleague may read: both may join the room.
    for (const cookie of [s.otherCookie, s.colleagueCookie]) {
      const socket = await replay(cookie, room, before);
      expect(socket.frames.some((f) => f.type === 'subscribed')).toBe(true);
      // The replay happened (the close itself came back), yet without the comment.
      expect(socket.frames.some((f) => f.type === 'comments.cleared')).toBe(true);
      expect(mentions(socket, secret)).toEqual([]);
    }
    expect(await rowsContaining(secret)).toEqual([]);
  });

  it('also when the customer ends the chat with //end', async () => {
    const s = await scene(true);
    const before = t.app.hub.cursor;
    const secret = `secret-${randomUUID()}`;
    await post(`/api/chats/${s.chatId}/comments`, s.agentCookie, {
      body: secret,
      mentions: [s.colleague.id],
    });
    await receiveInbound(s.deps, {
      channelId: s.channel.id,
      providerMessageId: `end-${s.from}`,
      from: s.from,
      text: '//end',
    });
    const socket = await replay(s.otherCookie, rooms.chat(s.chatId), before);
    expect(socket.frames.some((f) => f.type === 'comments.cleared')).toBe(true);
    expect(mentions(socket, secret)).toEqual([]);
    expect(await rowsContaining(secret)).toEqual([]);
  });
});

describe('a replay shows only what the reader may see now', () => {
  it('keeps comments from a colleague who may watch a queued chat but not read its comments, live and replayed', async () => {
    const s = await scene(false);
    const room = rooms.chat(s.chatId);
    const before = t.app.hub.cursor;
    // The department's agents may watch a queued chat; its comments are for supervisors here.
    const watcher = connect({ cookie: s.otherCookie });
    const sup = connect({ cookie: s.supervisorCookie });
    await Promise.all([watcher.opened, sup.opened]);
    watcher.send({ type: 'subscribe', room });
    sup.send({ type: 'subscribe', room });
    await Promise.all([watcher.settled(), sup.settled()]);
    expect(watcher.frames.some((f) => f.type === 'subscribed')).toBe(true);

    const secret = `secret-${randomUUID()}`;
    const res = await post(`/api/chats/${s.chatId}/comments`, s.supervisorCookie, { body: secret });
    expect(res.statusCode).toBe(201);
    await sup.next((f) => f.type === 'comment.created');
    // A frame sent after the comment marks the point by which it would have arrived.
    await receiveInbound(s.deps, {
      channelId: s.channel.id,
      providerMessageId: `later-${s.from}`,
      from: s.from,
      text: 'still there?',
    });
    await watcher.next((f) => f.type === 'message.created' && f.data.text === 'still there?');
    expect(mentions(watcher, secret)).toEqual([]);

    const again = await replay(s.otherCookie, room, before);
    expect(again.frames.some((f) => f.type === 'message.created')).toBe(true);
    expect(mentions(again, secret)).toEqual([]);
    const supAgain = await replay(s.supervisorCookie, room, before);
    expect(mentions(supAgain, secret)).toHaveLength(1);
  });

  it('re-authorises the chat room: a chat handed to someone else meanwhile replays nothing and leaves the socket', async () => {
    const s = await scene(true);
    const room = rooms.chat(s.chatId);
    const owner = connect({ cookie: s.agentCookie });
    await owner.opened;
    owner.send({ type: 'subscribe', room });
    await owner.settled();
    expect(owner.frames.some((f) => f.type === 'subscribed')).toBe(true);
    const before = t.app.hub.cursor;
    // Handed over where no frame announces it (another node's stale cache, a repair): only a
    // fresh check sees it. The socket still holds the room, so live frames still reach it.
    await t.db.execute(
      sql`update chats set assignee_id = ${s.colleague.id} where id = ${s.chatId}`,
    );
    const frameFor = async (text: string) => {
      await t.db.execute(
        sql`insert into realtime_frames (rooms, type, data)
            values (${sql.param([room])}::text[], 'message.created', ${JSON.stringify({ chatId: s.chatId, text })}::jsonb)`,
      );
      await t.app.hub.pump();
    };
    await frameFor('before the resume');
    await owner.next((f) => f.type === 'message.created' && f.data.text === 'before the resume');
    owner.send({ type: 'resume', after: before });
    await owner.settled();
    await frameFor('after the resume');
    // A frame for the owner's own room marks the point by which that one would have arrived.
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      headers: { cookie: s.agentCookie },
      payload: { available: false },
    });
    await owner.next(
      (f) => f.type === 'staff.presence' && f.data.id === s.agent.id && !f.data.available,
    );
    const texts = owner.frames.flatMap((f) => (f.type === 'message.created' ? [f.data.text] : []));
    expect(texts).toEqual(['before the resume']);
  });
});
