import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { customers, events, messages, staff } from '../../db/schema.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { signedIn } from '../audit/admin.test-support.ts';
import { receiveInbound } from './inbound.service.ts';

/*
 * When Parley speaks by itself: who took the chat (connecting), that it waits and where
 * (all busy), that it is being passed on (directing, once an admin wrote it), that it ended
 * (chat ended, on every close but the customer's own), never to a customer who opted out. Every
 * department here is new, so the texts an admin writes reach only this file's chats.
 */

let t: TestApp;
let adminCookie: string;
beforeAll(async () => {
  t = await testApp();
  adminCookie = (await signedIn(t, 'admin')).cookie;
});

const quiet = () => ({ db: t.db, presence: t.presence, notifier: { wake: () => undefined } });

const writes = (channelId: string, from: string, text = 'Hello?', name?: string) =>
  receiveInbound(quiet(), {
    channelId,
    providerMessageId: `sends-${randomUUID()}`,
    from,
    text,
    name,
  });

/** What Parley said in the chat by itself, in order. */
const autoReplies = async (chatId: string) =>
  (
    await t.db
      .select()
      .from(messages)
      .where(and(eq(messages.chatId, chatId), eq(messages.authorKind, 'system')))
      .orderBy(messages.seq)
  ).map((m) => m.text);

/** An agent of the department, available; online unless told. */
async function agentOf(department: string, opts: { name?: string; online?: boolean } = {}) {
  const agent = await makeStaff(t.db, { departments: [department], name: opts.name });
  await t.db.update(staff).set({ available: true }).where(eq(staff.id, agent.id));
  if (opts.online !== false) await t.presence.connected(agent.id);
  return { ...agent, cookie: await signIn(t.app, agent.email) };
}

const post = (url: string, cookie: string, payload: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, payload });

const writeText = (payload: Record<string, unknown>) =>
  t.app.inject({
    method: 'PUT',
    url: '/api/admin/auto-replies',
    headers: { cookie: adminCookie },
    payload,
  });

describe('connecting', () => {
  it('routing tells the customer who took the chat, in the department’s words and their language', async () => {
    const { channel, department } = await makeChannel(t.db);
    const agent = await agentOf(department.name, { name: 'Lindiwe Dlamini' });
    const saved = await writeText({
      kind: 'connecting',
      departmentId: department.id,
      language: 'af',
      text: 'Hallo {customer}, {agent} van {department} help jou.',
    });
    expect(saved.statusCode).toBe(200);
    // A customer who speaks Afrikaans (set on their profile) and one without a language.
    const afrikaans = uniquePhone();
    await t.db.insert(customers).values({ phone: afrikaans, name: 'Pieter', language: 'af' });
    const first = await writes(channel.id, afrikaans);
    await t.presence.disconnected(agent.id);
    const other = await agentOf(department.name, { name: 'Sam' });
    const second = await writes(channel.id, uniquePhone());
    expect(await autoReplies(first.chatId)).toEqual([
      `Hallo Pieter, Lindiwe van ${department.name} help jou.`,
    ]);
    expect(await autoReplies(second.chatId)).toEqual(["You're chatting with Sam."]);
    await t.presence.disconnected(other.id);
  });

  it('an agent’s accept and a supervisor’s assignment tell the customer too', async () => {
    const { channel, department } = await makeChannel(t.db);
    const queued = await writes(channel.id, uniquePhone());
    const accepting = await agentOf(department.name, { name: 'Ayanda Khumalo', online: false });
    expect((await post(`/api/chats/${queued.chatId}/accept`, accepting.cookie)).statusCode).toBe(
      200,
    );
    expect(await autoReplies(queued.chatId)).toEqual([
      'All our agents are busy. You are number 1 in the queue; please stay with us.',
      "You're chatting with Ayanda.",
    ]);

    const colleague = await agentOf(department.name, { name: 'Bongani', online: false });
    const supervisor = await makeStaff(t.db, { role: 'supervisor' });
    const supCookie = await signIn(t.app, supervisor.email);
    const assigned = await post(`/api/chats/${queued.chatId}/assign`, supCookie, {
      agentId: colleague.id,
    });
    expect(assigned.statusCode).toBe(200);
    expect((await autoReplies(queued.chatId)).at(-1)).toBe("You're chatting with Bongani.");
    // Assigning to the agent who has it already changes nobody: nothing more is said.
    await post(`/api/chats/${queued.chatId}/assign`, supCookie, { agentId: colleague.id });
    expect(await autoReplies(queued.chatId)).toHaveLength(3);
  });
});

describe('connecting after a transfer', () => {
  it('tells the customer the name of the colleague who accepted it', async () => {
    const { channel, department } = await makeChannel(t.db);
    const ana = await agentOf(department.name, { name: 'Ana Silva' });
    const c = await writes(channel.id, uniquePhone());
    const ben = await agentOf(department.name, { name: 'Ben Mokoena' });
    const offered = await post(`/api/chats/${c.chatId}/transfer`, ana.cookie, {
      agentId: ben.id,
      note: 'Ben knows parcels',
    });
    expect(offered.statusCode, offered.body).toBe(200);
    const transferId = offered.json().transfer.id as string;
    // Only the offer so far: the customer still chats with Ana.
    expect(await autoReplies(c.chatId)).toEqual(["You're chatting with Ana."]);
    const accepted = await post(`/api/transfers/${transferId}/accept`, ben.cookie);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await autoReplies(c.chatId)).toEqual([
      "You're chatting with Ana.",
      "You're chatting with Ben.",
    ]);
    await t.presence.disconnected(ana.id);
    await t.presence.disconnected(ben.id);
  });
});

describe('all busy', () => {
  it('tells each waiting customer their place in the department’s queue, and only its own queue', async () => {
    const { channel } = await makeChannel(t.db);
    const elsewhere = await makeChannel(t.db);
    await writes(elsewhere.channel.id, uniquePhone());
    const phones = [uniquePhone(), uniquePhone(), uniquePhone()];
    const chats = [];
    for (const phone of phones) chats.push(await writes(channel.id, phone));
    const said = await Promise.all(chats.map((c) => autoReplies(c.chatId)));
    expect(said).toEqual(
      [1, 2, 3].map((n) => [
        `All our agents are busy. You are number ${n} in the queue; please stay with us.`,
      ]),
    );
    // The customer's next message while they wait says nothing more.
    const again = await writes(channel.id, phones[0]!, 'Anyone?');
    expect(again.chatId).toBe(chats[0]!.chatId);
    expect(await autoReplies(chats[0]!.chatId)).toHaveLength(1);
  });

  it('is not said when an agent takes the chat at once', async () => {
    const { channel, department } = await makeChannel(t.db);
    const agent = await agentOf(department.name, { name: 'Zanele' });
    const c = await writes(channel.id, uniquePhone());
    expect(await autoReplies(c.chatId)).toEqual(["You're chatting with Zanele."]);
    await t.presence.disconnected(agent.id);
  });
});

describe('directing', () => {
  it('is said when a new chat starts only once an admin wrote it, before anything else', async () => {
    const { channel, department } = await makeChannel(t.db);
    const before = await writes(channel.id, uniquePhone());
    expect(await autoReplies(before.chatId)).toHaveLength(1);
    expect(
      (
        await writeText({
          kind: 'directing',
          departmentId: department.id,
          language: 'en',
          text: 'Hi {customer}, we are finding someone in {department} for you.',
        })
      ).statusCode,
    ).toBe(200);
    const after = await writes(channel.id, uniquePhone(), 'Hi', 'Nandi');
    expect(await autoReplies(after.chatId)).toEqual([
      `Hi Nandi, we are finding someone in ${department.name} for you.`,
      'All our agents are busy. You are number 2 in the queue; please stay with us.',
    ]);
  });
});

describe('chat ended', () => {
  it('is said once when staff close the chat, and not when the customer ends it with //end', async () => {
    const { channel, department } = await makeChannel(t.db);
    const agent = await agentOf(department.name, { name: 'Thabo' });
    const closedByStaff = await writes(channel.id, uniquePhone());
    const close = await post(`/api/chats/${closedByStaff.chatId}/close`, agent.cookie, {});
    expect(close.statusCode).toBe(200);
    expect(
      (await post(`/api/chats/${closedByStaff.chatId}/close`, agent.cookie, {})).statusCode,
    ).toBe(409);
    expect(await autoReplies(closedByStaff.chatId)).toEqual([
      "You're chatting with Thabo.",
      'This chat has ended. Write again any time to start a new one.',
    ]);

    const phone = uniquePhone();
    const endedByCustomer = await writes(channel.id, phone);
    await writes(channel.id, phone, '//end');
    const ended = await t.db
      .select()
      .from(events)
      .where(and(eq(events.chatId, endedByCustomer.chatId), eq(events.type, 'ended_by_customer')));
    expect(ended).toHaveLength(1);
    expect(await autoReplies(endedByCustomer.chatId)).toEqual(["You're chatting with Thabo."]);
    await t.presence.disconnected(agent.id);
  });
});

describe('a customer who opted out', () => {
  it('hears nothing: not who took the chat, not that it waits, not that it ended', async () => {
    const { channel, department } = await makeChannel(t.db);
    await writeText({
      kind: 'directing',
      departmentId: department.id,
      language: 'en',
      text: 'Finding someone…',
    });
    const phone = uniquePhone();
    const waiting = await writes(channel.id, phone, '//stop');
    expect(await autoReplies(waiting.chatId)).toEqual([]);
    const agent = await agentOf(department.name, { name: 'Lerato', online: false });
    expect((await post(`/api/chats/${waiting.chatId}/accept`, agent.cookie)).statusCode).toBe(200);
    expect((await post(`/api/chats/${waiting.chatId}/close`, agent.cookie, {})).statusCode).toBe(
      200,
    );
    expect(await autoReplies(waiting.chatId)).toEqual([]);
  });
});
