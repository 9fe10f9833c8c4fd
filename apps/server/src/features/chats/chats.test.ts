import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chats, messages, notes, outbox, realtimeFrames, wrapUpTags } from '../../db/schema.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { receiveInbound } from './inbound.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const mid = () => `m-${Math.random().toString(36).slice(2)}`;

/** A live chat routed to a fresh agent, with that agent's cookie and a bystander agent. */
async function liveChat(kind: 'webhook' | 'webchat' = 'webhook') {
  const { channel, department } = await makeChannel(t.db, { kind });
  const agent = await makeStaff(t.db, { departments: [department.name], name: 'Agent Owner' });
  const other = await makeStaff(t.db, { departments: [department.name] });
  const agentCookie = await signIn(t.app, agent.email);
  await t.app.inject({
    method: 'PUT',
    url: '/api/me/availability',
    headers: { cookie: agentCookie },
    payload: { available: true },
  });
  await t.presence.connected(agent.id);
  const from = uniquePhone();
  const deps = { db: t.db, notifier: { wake: () => undefined }, presence: t.presence };
  const { chatId } = await receiveInbound(deps, {
    channelId: channel.id,
    providerMessageId: mid(),
    from,
    text: 'Where is my order?',
    name: 'Sipho',
  });
  await t.presence.disconnected(agent.id);
  return {
    channel,
    department,
    agent,
    other,
    agentCookie,
    otherCookie: await signIn(t.app, other.email),
    chatId,
    from,
    deps,
  };
}

async function supervisorCookie() {
  const sup = await makeStaff(t.db, { role: 'supervisor' });
  return signIn(t.app, sup.email);
}

const post = (url: string, cookie: string, payload?: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie },
    ...(payload === undefined ? {} : { payload }),
  });
const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });

describe('reading chats', () => {
  it('lists my live chats with the customer, channel and last message', async () => {
    const c = await liveChat();
    const res = await get('/api/chats?view=live', c.agentCookie);
    expect(res.statusCode).toBe(200);
    const chat = res.json().items.find((x: { id: string }) => x.id === c.chatId);
    expect(chat).toMatchObject({
      status: 'live',
      flagged: false,
      customer: { phone: c.from, name: 'Sipho' },
      channel: { id: c.channel.id, kind: 'webhook' },
      assignee: { id: c.agent.id, name: 'Agent Owner', role: 'agent' },
      lastMessage: { text: 'Where is my order?', direction: 'in' },
    });
    const others = await get('/api/chats?view=live', c.otherCookie);
    expect(others.json().items.map((x: { id: string }) => x.id)).not.toContain(c.chatId);
  });

  it('sorts by the customer’s latest activity: an agent’s reply does not lift a chat', async () => {
    const first = await liveChat();
    const from = uniquePhone();
    const { chatId: second } = await receiveInbound(first.deps, {
      channelId: first.channel.id,
      providerMessageId: mid(),
      from,
      text: 'me too',
    });
    await post(`/api/chats/${first.chatId}/messages`, first.agentCookie, {
      text: 'ok',
      clientId: 's1',
    });
    const order = (
      await get('/api/chats?view=all&sort=activity&limit=100', await supervisorCookie())
    )
      .json()
      .items.map((c: { id: string }) => c.id)
      .filter((id: string) => id === first.chatId || id === second);
    expect(order).toEqual([second, first.chatId]);
  });

  it('hides another agent’s live chat (404) but lets a supervisor see it', async () => {
    const c = await liveChat();
    expect((await get(`/api/chats/${c.chatId}`, c.otherCookie)).statusCode).toBe(404);
    expect((await get(`/api/chats/${c.chatId}/timeline`, c.otherCookie)).statusCode).toBe(404);
    expect((await get(`/api/chats/not-an-id`, c.otherCookie)).statusCode).toBe(404);
    const sup = await makeStaff(t.db, { role: 'supervisor' });
    const supCookie = await signIn(t.app, sup.email);
    expect((await get(`/api/chats/${c.chatId}`, supCookie)).statusCode).toBe(200);
    expect((await get('/api/chats?view=all', c.otherCookie)).statusCode).toBe(403);
    expect(
      (await get('/api/chats?view=all', supCookie)).json().items.map((x: { id: string }) => x.id),
    ).toContain(c.chatId);
    expect((await t.app.inject({ url: '/api/chats?view=live' })).statusCode).toBe(401);
  });

  it('pages the timeline newest first, each page in order, with events inline', async () => {
    const c = await liveChat();
    for (let i = 1; i <= 5; i++)
      await post(`/api/chats/${c.chatId}/messages`, c.agentCookie, {
        text: `reply ${i}`,
        clientId: `c${i}`,
      });
    const first = (await get(`/api/chats/${c.chatId}/timeline?limit=5`, c.agentCookie)).json();
    expect(first.items.map((i: { text?: string }) => i.text)).toEqual([
      'reply 1',
      'reply 2',
      'reply 3',
      'reply 4',
      'reply 5',
    ]);
    const second = (
      await get(`/api/chats/${c.chatId}/timeline?limit=5&cursor=${first.nextCursor}`, c.agentCookie)
    ).json();
    // Routing's "connecting" auto-reply follows the assignment.
    expect(
      second.items.map((i: { kind: string; type?: string; text?: string }) =>
        i.kind === 'event' ? i.type : i.text,
      ),
    ).toEqual(['Where is my order?', 'queued', 'assigned', "You're chatting with Agent."]);
    expect(second.nextCursor).toBeNull();
    const seqs = [...second.items, ...first.items].map((i: { seq: number }) => i.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(
      (await get(`/api/chats/${c.chatId}/timeline?cursor=garbage`, c.agentCookie)).statusCode,
    ).toBe(400);
  });
});

describe('sending', () => {
  it('queues the reply with an outbox row; a repeated clientId returns the first and sends once', async () => {
    const c = await liveChat();
    const first = await post(`/api/chats/${c.chatId}/messages`, c.agentCookie, {
      text: 'On its way',
      clientId: 'k-1',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      direction: 'out',
      text: 'On its way',
      status: 'queued',
      author: { kind: 'staff', id: c.agent.id },
      clientId: 'k-1',
    });
    const again = await post(`/api/chats/${c.chatId}/messages`, c.agentCookie, {
      text: 'On its way',
      clientId: 'k-1',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const rows = await t.db.select().from(messages).where(eq(messages.chatId, c.chatId));
    expect(rows.filter((m) => m.authorKind === 'staff')).toHaveLength(1);
    expect(
      await t.db.select().from(outbox).where(eq(outbox.messageId, first.json().id)),
    ).toHaveLength(1);
  });

  it('marks web chat replies sent at once: the widget socket carries them', async () => {
    const c = await liveChat('webchat');
    const res = await post(`/api/chats/${c.chatId}/messages`, c.agentCookie, {
      text: 'Hi!',
      clientId: 'w-1',
    });
    expect(res.json().status).toBe('sent');
    expect(
      await t.db.select().from(outbox).where(eq(outbox.messageId, res.json().id)),
    ).toHaveLength(0);
  });

  it('lets only the chat’s agent write: a supervisor watching gets 403, others 404', async () => {
    const c = await liveChat();
    const sup = await makeStaff(t.db, { role: 'supervisor' });
    const supCookie = await signIn(t.app, sup.email);
    expect(
      (await post(`/api/chats/${c.chatId}/messages`, supCookie, { text: 'x', clientId: 's' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await post(`/api/chats/${c.chatId}/messages`, c.otherCookie, { text: 'x', clientId: 'o' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await post(`/api/chats/${c.chatId}/messages`, c.agentCookie, { text: '   ', clientId: 'e' }))
        .statusCode,
    ).toBe(400);
  });

  it('refuses to write to a customer who opted out, and to a closed chat', async () => {
    const c = await liveChat();
    await receiveInbound(c.deps, {
      channelId: c.channel.id,
      providerMessageId: mid(),
      from: c.from,
      text: '//stop',
    });
    const opted = await post(`/api/chats/${c.chatId}/messages`, c.agentCookie, {
      text: 'x',
      clientId: 'x1',
    });
    expect(opted.statusCode).toBe(409);
    expect(opted.json().detail).toMatch(/opted out/);
    await post(`/api/chats/${c.chatId}/close`, c.agentCookie, {});
    const closed = await post(`/api/chats/${c.chatId}/messages`, c.agentCookie, {
      text: 'x',
      clientId: 'x2',
    });
    expect(closed.statusCode).toBe(409);
  });
});

describe('actions', () => {
  it('pending and back; a customer message also brings it back to live', async () => {
    const c = await liveChat();
    expect((await post(`/api/chats/${c.chatId}/pending`, c.agentCookie)).json().status).toBe(
      'pending',
    );
    expect((await post(`/api/chats/${c.chatId}/pending`, c.agentCookie)).statusCode).toBe(409);
    expect((await post(`/api/chats/${c.chatId}/resume`, c.agentCookie)).json().status).toBe('live');
    await post(`/api/chats/${c.chatId}/pending`, c.agentCookie);
    await receiveInbound(c.deps, {
      channelId: c.channel.id,
      providerMessageId: mid(),
      from: c.from,
      text: 'back',
    });
    expect((await get(`/api/chats/${c.chatId}`, c.agentCookie)).json().status).toBe('live');
  });

  it('will not close or reassign a flagged chat (409) until it is un-flagged', async () => {
    const c = await liveChat();
    expect((await post(`/api/chats/${c.chatId}/flag`, c.agentCookie)).json().flagged).toBe(true);
    const refused = await post(`/api/chats/${c.chatId}/close`, c.agentCookie, {
      sentiment: 'positive',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/flagged/i);
    const sup = await makeStaff(t.db, { role: 'supervisor' });
    const supCookie = await signIn(t.app, sup.email);
    const reassign = await post(`/api/chats/${c.chatId}/assign`, supCookie, {
      agentId: c.other.id,
    });
    expect(reassign.statusCode).toBe(409);
    await post(`/api/chats/${c.chatId}/unflag`, c.agentCookie);
    expect(
      (await post(`/api/chats/${c.chatId}/close`, c.agentCookie, { sentiment: 'positive' })).json()
        .status,
    ).toBe('closed');
  });

  it('closes with a wrap-up: sentiment neutral by default, the note kept as a customer note', async () => {
    const c = await liveChat();
    const res = await post(`/api/chats/${c.chatId}/close`, c.agentCookie, {
      note: 'Refund issued',
      references: ['SUP-1234'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', sentiment: 'neutral' });
    const [note] = await t.db.select().from(notes).where(eq(notes.chatId, c.chatId));
    expect(note?.body).toBe('Refund issued');
    expect(note).toMatchObject({ referenceKind: 'jira', referenceValue: 'SUP-1234' });
    const closedList = await get('/api/chats?view=closed', c.agentCookie);
    expect(closedList.json().items.map((x: { id: string }) => x.id)).toContain(c.chatId);
    const timeline = (await get(`/api/chats/${c.chatId}/timeline`, c.agentCookie)).json();
    const closedEvent = timeline.items.find((i: { type?: string }) => i.type === 'closed');
    expect(closedEvent).toMatchObject({
      actor: { kind: 'staff', id: c.agent.id },
      data: { sentiment: 'neutral' },
    });
    expect((await post(`/api/chats/${c.chatId}/close`, c.agentCookie, {})).statusCode).toBe(409);
    expect(
      (await post(`/api/chats/${c.chatId}/close`, c.agentCookie, { sentiment: 'ecstatic' }))
        .statusCode,
    ).toBe(400);
  });

  it("takes a wrap-up tag only from the admins' list, as the list spells it, and refuses others (422) before closing", async () => {
    const name = `Courier delay ${Math.random().toString(36).slice(2, 8)}`;
    await t.db.insert(wrapUpTags).values({ name });
    const c = await liveChat();
    const refused = await post(`/api/chats/${c.chatId}/close`, c.agentCookie, {
      tag: 'made up on the spot',
      note: 'Kept only if the close happens',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([
      { field: 'tag', message: '"made up on the spot" is not a wrap-up tag' },
    ]);
    expect((await get(`/api/chats/${c.chatId}`, c.agentCookie)).json().status).toBe('live');
    expect(await t.db.select().from(notes).where(eq(notes.chatId, c.chatId))).toHaveLength(0);

    const closed = await post(`/api/chats/${c.chatId}/close`, c.agentCookie, {
      tag: ` ${name.toUpperCase()} `,
    });
    expect(closed.statusCode).toBe(200);
    const [row] = await t.db.select().from(chats).where(eq(chats.id, c.chatId));
    expect(row?.wrapTag).toBe(name);
  });

  it('refuses a wrap-up reference that is not a link, Jira key or ticket number, and stays open', async () => {
    const c = await liveChat();
    const res = await post(`/api/chats/${c.chatId}/close`, c.agentCookie, {
      references: ['javascript:alert(1)'],
    });
    expect(res.statusCode).toBe(422);
    expect((await get(`/api/chats/${c.chatId}`, c.agentCookie)).json().status).toBe('live');
    expect(await t.db.select().from(notes).where(eq(notes.chatId, c.chatId))).toHaveLength(0);
  });

  it('lets another agent not manage my chat (404) and a supervisor close it', async () => {
    const c = await liveChat();
    expect((await post(`/api/chats/${c.chatId}/pending`, c.otherCookie)).statusCode).toBe(404);
    const sup = await makeStaff(t.db, { role: 'supervisor' });
    const supCookie = await signIn(t.app, sup.email);
    expect((await post(`/api/chats/${c.chatId}/close`, supCookie, {})).statusCode).toBe(200);
  });

  it('reopens a closed chat to the person reopening it, unless the customer has a newer one', async () => {
    const c = await liveChat();
    await post(`/api/chats/${c.chatId}/close`, c.agentCookie, {});
    const reopened = await post(`/api/chats/${c.chatId}/reopen`, c.otherCookie);
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'live', assignee: { id: c.other.id } });
    await post(`/api/chats/${c.chatId}/close`, c.otherCookie, {});
    await receiveInbound(c.deps, {
      channelId: c.channel.id,
      providerMessageId: mid(),
      from: c.from,
      text: 'new question',
    });
    expect((await post(`/api/chats/${c.chatId}/reopen`, c.agentCookie)).statusCode).toBe(409);
  });

  it('accepts a queued chat for an agent of its department only, within capacity', async () => {
    const { channel, department } = await makeChannel(t.db);
    const deps = { db: t.db, notifier: { wake: () => undefined }, presence: t.presence };
    const { chatId } = await receiveInbound(deps, {
      channelId: channel.id,
      providerMessageId: mid(),
      from: uniquePhone(),
      text: 'anyone?',
    });
    const outsider = await makeStaff(t.db);
    expect(
      (await post(`/api/chats/${chatId}/accept`, await signIn(t.app, outsider.email))).statusCode,
    ).toBe(404);
    const member = await makeStaff(t.db, { departments: [department.name] });
    const memberCookie = await signIn(t.app, member.email);
    const queue = await get('/api/chats?view=queue', memberCookie);
    expect(queue.json().items.map((x: { id: string }) => x.id)).toContain(chatId);
    const [a, b] = await Promise.all([
      post(`/api/chats/${chatId}/accept`, memberCookie),
      post(`/api/chats/${chatId}/accept`, memberCookie),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [row] = await t.db.select().from(chats).where(eq(chats.id, chatId));
    expect(row?.assigneeId).toBe(member.id);
    // One acceptance, one announcement: the chat's new state is framed once.
    const frames = await t.db
      .select()
      .from(realtimeFrames)
      .where(
        and(
          eq(realtimeFrames.type, 'chat.updated'),
          sql`${realtimeFrames.data}->>'id' = ${chatId}`,
          sql`${realtimeFrames.data}->>'status' = 'live'`,
        ),
      );
    expect(frames).toHaveLength(1);
  });
});
