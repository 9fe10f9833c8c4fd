import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { rooms } from '../../realtime/rooms.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { listenForSockets, type SocketOpener, type StaffSocket } from '../../test/listening.ts';
import { receiveInbound } from './inbound.service.ts';

let t: TestApp;
let connect: SocketOpener;
beforeAll(async () => {
  t = await testApp();
  connect = await listenForSockets(t.app);
});

const mid = () => `m-${Math.random().toString(36).slice(2)}`;

/** A live chat of a fresh agent, a colleague of the same department and a supervisor. */
async function scene() {
  const { channel, department } = await makeChannel(t.db);
  const agent = await makeStaff(t.db, { departments: [department.name] });
  const colleague = await makeStaff(t.db, { departments: [department.name] });
  const supervisor = await makeStaff(t.db, { role: 'supervisor' });
  const agentCookie = await signIn(t.app, agent.email);
  await t.app.inject({
    method: 'PUT',
    url: '/api/me/availability',
    headers: { cookie: agentCookie },
    payload: { available: true },
  });
  await t.presence.connected(agent.id);
  const deps = { db: t.db, notifier: { wake: () => undefined }, presence: t.presence };
  const { chatId } = await receiveInbound(deps, {
    channelId: channel.id,
    providerMessageId: mid(),
    from: uniquePhone(),
    text: 'Is anyone there?',
    name: 'Lerato',
  });
  await t.presence.disconnected(agent.id);
  return {
    agent,
    colleague,
    chatId,
    agentCookie,
    colleagueCookie: await signIn(t.app, colleague.email),
    supervisorCookie: await signIn(t.app, supervisor.email),
  };
}

const read = (chatId: string, cookie: string) =>
  t.app.inject({ method: 'POST', url: `/api/chats/${chatId}/read`, headers: { cookie } });
const reads = async (cookie: string) => {
  const res = await t.app.inject({ url: '/api/chats/reads', headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json().items as { chatId: string; readAt: string }[];
};

async function listening(cookie: string): Promise<StaffSocket> {
  const socket = connect({ cookie });
  await socket.opened;
  await socket.next((f) => f.type === 'hello');
  return socket;
}

describe('what I have read is kept on the server', () => {
  it('lists a chat I read with when, for me only', async () => {
    const s = await scene();
    expect((await reads(s.agentCookie)).some((r) => r.chatId === s.chatId)).toBe(false);
    const before = Date.now();
    expect((await read(s.chatId, s.agentCookie)).statusCode).toBe(204);
    const mine = (await reads(s.agentCookie)).find((r) => r.chatId === s.chatId);
    expect(mine).toBeDefined();
    expect(Date.parse(mine!.readAt)).toBeGreaterThanOrEqual(before - 5_000);
    // The supervisor may see the chat but has not read it.
    expect((await reads(s.supervisorCookie)).some((r) => r.chatId === s.chatId)).toBe(false);
  });

  it('answers 404 for a chat the caller may not see, and stores nothing for them', async () => {
    const s = await scene();
    const refused = await read(s.chatId, s.colleagueCookie);
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await read('00000000-0000-4000-8000-000000000000', s.colleagueCookie)).statusCode).toBe(
      404,
    );
    expect((await read('not-an-id', s.colleagueCookie)).statusCode).toBe(404);
    const [row] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from chat_reads
          where chat_id = ${s.chatId} and staff_id = ${s.colleague.id}`,
    );
    expect(row?.n).toBe(0);
    expect((await reads(s.colleagueCookie)).some((r) => r.chatId === s.chatId)).toBe(false);
  });

  it('never moves a read time backwards', async () => {
    const s = await scene();
    await read(s.chatId, s.agentCookie);
    const later = new Date(Date.now() + 60 * 60_000);
    await t.db.execute(
      sql`update chat_reads set read_at = ${later.toISOString()}::timestamptz
          where chat_id = ${s.chatId} and staff_id = ${s.agent.id}`,
    );
    expect((await read(s.chatId, s.agentCookie)).statusCode).toBe(204);
    const mine = (await reads(s.agentCookie)).find((r) => r.chatId === s.chatId);
    expect(Date.parse(mine!.readAt)).toBe(later.getTime());
  });

  it('leaves closed chats out: they carry no marker', async () => {
    const s = await scene();
    await read(s.chatId, s.agentCookie);
    await t.db.execute(sql`update chats set status = 'closed' where id = ${s.chatId}`);
    expect((await reads(s.agentCookie)).some((r) => r.chatId === s.chatId)).toBe(false);
  });

  it('is for signed-in staff', async () => {
    expect((await t.app.inject({ url: '/api/chats/reads' })).statusCode).toBe(401);
  });
});

describe('a read reaches my other tabs at once, and nobody else', () => {
  it('sends chat.read to every tab of mine only, live and on replay', async () => {
    const s = await scene();
    const tabs = [await listening(s.agentCookie), await listening(s.agentCookie)];
    const colleague = await listening(s.colleagueCookie);
    const supervisor = await listening(s.supervisorCookie);
    supervisor.send({ type: 'subscribe', room: rooms.chat(s.chatId) });
    await supervisor.settled();
    const before = t.app.hub.cursor;

    expect((await read(s.chatId, s.agentCookie)).statusCode).toBe(204);
    for (const tab of tabs) {
      const frame = await tab.next((f) => f.type === 'chat.read');
      expect(frame.data).toMatchObject({ chatId: s.chatId });
      expect(Number.isNaN(Date.parse((frame.data as { readAt: string }).readAt))).toBe(false);
    }
    // The agent's own presence change marks when a stray copy would have arrived.
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      headers: { cookie: s.agentCookie },
      payload: { available: false },
    });
    for (const other of [colleague, supervisor]) {
      await other.next((f) => f.type === 'staff.presence' && f.data.id === s.agent.id);
      expect(other.frames.some((f) => f.type === 'chat.read')).toBe(false);
    }

    // A colleague resuming from before the read is not sent it either; the owner is.
    const resumes = async (cookie: string) => {
      const socket = await listening(cookie);
      socket.send({ type: 'subscribe', room: rooms.chat(s.chatId) });
      socket.send({ type: 'resume', after: before });
      await socket.settled();
      return socket;
    };
    const replayedToSupervisor = await resumes(s.supervisorCookie);
    expect(replayedToSupervisor.frames.some((f) => f.type === 'chat.read')).toBe(false);
    const replayedToOwner = await resumes(s.agentCookie);
    expect(
      replayedToOwner.frames.some((f) => f.type === 'chat.read' && f.data.chatId === s.chatId),
    ).toBe(true);
  });
});
