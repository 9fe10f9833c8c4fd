import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { comments, events, realtimeFrames } from '../../db/schema.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { receiveInbound } from '../chats/index.ts';
import { rooms } from '../../realtime/rooms.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

/** A live chat held by `agent`, a colleague online to tag, one offline, and an outsider. */
async function scene() {
  const { channel, department } = await makeChannel(t.db);
  const agent = await makeStaff(t.db, { departments: [department.name], name: 'Owner Olu' });
  const colleague = await makeStaff(t.db, { departments: [department.name], name: 'Tagged Tumi' });
  const offline = await makeStaff(t.db, { departments: [department.name], name: 'Offline Ola' });
  const outsider = await makeStaff(t.db, { departments: [department.name] });
  const agentCookie = await signIn(t.app, agent.email);
  await t.app.inject({
    method: 'PUT',
    url: '/api/me/availability',
    headers: { cookie: agentCookie },
    payload: { available: true },
  });
  await t.presence.connected(agent.id);
  await t.presence.connected(colleague.id);
  const deps = { db: t.db, notifier: { wake: () => undefined }, presence: t.presence };
  const from = uniquePhone();
  const { chatId } = await receiveInbound(deps, {
    channelId: channel.id,
    providerMessageId: `c-${from}`,
    from,
    text: 'help',
  });
  return {
    chatId,
    agent,
    colleague,
    offline,
    agentCookie,
    colleagueCookie: await signIn(t.app, colleague.email),
    outsiderCookie: await signIn(t.app, outsider.email),
  };
}

const post = (url: string, cookie: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });

describe('comments on a live chat', () => {
  it('tags an online colleague: notified, sees the chat in Tagged, watches and comments, but cannot write to the customer', async () => {
    const s = await scene();
    const res = await post(`/api/chats/${s.chatId}/comments`, s.agentCookie, {
      body: 'Can you check the refund?',
      mentions: [s.colleague.id],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      body: 'Can you check the refund?',
      mentions: [{ id: s.colleague.id, name: 'Tagged Tumi' }],
      author: { id: s.agent.id },
    });

    const bell = (await get('/api/notifications', s.colleagueCookie)).json();
    expect(bell.unread).toBeGreaterThanOrEqual(1);
    // The mention names its comment, so the bell opens the chat on it.
    expect(bell.items[0]).toMatchObject({
      kind: 'mention',
      chatId: s.chatId,
      data: { commentId: res.json().id },
    });
    const tagged = (await get('/api/chats?view=tagged', s.colleagueCookie)).json();
    expect(tagged.items.map((c: { id: string }) => c.id)).toContain(s.chatId);

    expect((await get(`/api/chats/${s.chatId}/timeline`, s.colleagueCookie)).statusCode).toBe(200);
    expect(
      (await get(`/api/chats/${s.chatId}/comments`, s.colleagueCookie)).json().items,
    ).toHaveLength(1);
    expect(
      (await post(`/api/chats/${s.chatId}/comments`, s.colleagueCookie, { body: 'On it.' }))
        .statusCode,
    ).toBe(201);
    expect(
      (
        await post(`/api/chats/${s.chatId}/messages`, s.colleagueCookie, {
          text: 'hi',
          clientId: 'x',
        })
      ).statusCode,
    ).toBe(403);

    const frames = await t.db
      .select()
      .from(realtimeFrames)
      .where(eq(realtimeFrames.type, 'comment.created'));
    const mine = frames.filter((f) => (f.data as { chatId: string }).chatId === s.chatId);
    expect(mine).toHaveLength(2);
    for (const f of mine) expect(f.rooms).toEqual([rooms.chat(s.chatId)]);
  });

  it('refuses to tag someone who is not online (422 naming them) and stores nothing', async () => {
    const s = await scene();
    const res = await post(`/api/chats/${s.chatId}/comments`, s.agentCookie, {
      body: 'x',
      mentions: [s.offline.id],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('Offline Ola');
    expect(await t.db.select().from(comments).where(eq(comments.chatId, s.chatId))).toHaveLength(0);
  });

  it('keeps others out: an untagged agent gets 404, a supervisor may read and write', async () => {
    const s = await scene();
    expect((await get(`/api/chats/${s.chatId}/comments`, s.outsiderCookie)).statusCode).toBe(404);
    expect(
      (await post(`/api/chats/${s.chatId}/comments`, s.outsiderCookie, { body: 'x' })).statusCode,
    ).toBe(404);
    const sup = await makeStaff(t.db, { role: 'supervisor' });
    const supCookie = await signIn(t.app, sup.email);
    expect(
      (await post(`/api/chats/${s.chatId}/comments`, supCookie, { body: 'Supervisor here' }))
        .statusCode,
    ).toBe(201);
    expect((await get(`/api/chats/${s.chatId}/comments`, supCookie)).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/chats/${s.chatId}/comments` })).statusCode).toBe(401);
  });

  it('deletes the comments with the close, in the same transaction: 409 after, Tagged empty, the tag event kept without text', async () => {
    const s = await scene();
    await post(`/api/chats/${s.chatId}/comments`, s.agentCookie, {
      body: 'Secret remark 7731',
      mentions: [s.colleague.id],
    });
    const closed = await post(`/api/chats/${s.chatId}/close`, s.agentCookie, {});
    expect(closed.statusCode).toBe(200);
    expect(await t.db.select().from(comments).where(eq(comments.chatId, s.chatId))).toHaveLength(0);
    expect((await get(`/api/chats/${s.chatId}/comments`, s.agentCookie)).statusCode).toBe(409);
    expect(
      (await post(`/api/chats/${s.chatId}/comments`, s.agentCookie, { body: 'late' })).statusCode,
    ).toBe(409);
    const tagged = (await get('/api/chats?view=tagged', s.colleagueCookie)).json();
    expect(tagged.items.map((c: { id: string }) => c.id)).not.toContain(s.chatId);
    const [tag] = await t.db
      .select()
      .from(events)
      .where(and(eq(events.chatId, s.chatId), eq(events.type, 'tagged')));
    expect(tag?.data).toEqual({ who: { id: s.colleague.id, name: 'Tagged Tumi' } });
    const leaks = await t.db.execute(
      sql`select count(*)::int as n from events where data::text like '%Secret remark 7731%'`,
    );
    expect((leaks as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
  });

  it('also deletes them when the customer ends the chat', async () => {
    const s = await scene();
    await post(`/api/chats/${s.chatId}/comments`, s.agentCookie, { body: 'note to self' });
    const [chat] = await t.db
      .execute(sql`select customer_id, channel_id from chats where id = ${s.chatId}`)
      .then((r) => (r as unknown as { rows: { customer_id: string; channel_id: string }[] }).rows);
    const { endChatAsCustomer } = await import('../chats/index.ts');
    await endChatAsCustomer(
      { db: t.db, notifier: { wake: () => undefined }, presence: t.presence },
      { customerId: chat!.customer_id, channelId: chat!.channel_id },
    );
    expect(await t.db.select().from(comments).where(eq(comments.chatId, s.chatId))).toHaveLength(0);
  });
});
