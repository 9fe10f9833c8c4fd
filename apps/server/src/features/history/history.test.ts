import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chats, customers, events, messages, notes } from '../../db/schema.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { receiveInbound } from '../chats/index.ts';

let t: TestApp;
let channel: Awaited<ReturnType<typeof makeChannel>>['channel'];
let department: Awaited<ReturnType<typeof makeChannel>>['department'];
let agent: Awaited<ReturnType<typeof makeStaff>>;
let agentCookie: string;

beforeAll(async () => {
  t = await testApp();
  ({ channel, department } = await makeChannel(t.db, { kind: 'whatsapp' }));
  agent = await makeStaff(t.db, { name: 'Lerato Mokoena', departments: [department.name] });
  agentCookie = await signIn(t.app, agent.email);
});

const get = (url: string, cookie = agentCookie) => t.app.inject({ url, headers: { cookie } });
const post = (url: string, cookie: string, payload: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, payload });

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function makeCustomer(name = 'Thandi Nkosi') {
  const [row] = await t.db.insert(customers).values({ phone: uniquePhone(), name }).returning();
  return row!;
}

type ChatInit = Partial<typeof chats.$inferInsert> & { customerId: string };

async function makeChat(init: ChatInit) {
  const [row] = await t.db
    .insert(chats)
    .values({ channelId: channel.id, departmentId: department.id, status: 'closed', ...init })
    .returning();
  return row!;
}

async function addMessages(chatId: string, count: number) {
  await t.db.insert(messages).values(
    Array.from({ length: count }, (_, i) => ({
      chatId,
      channelId: channel.id,
      direction: i % 2 === 0 ? ('in' as const) : ('out' as const),
      text: `message ${i}`,
      authorKind: i % 2 === 0 ? ('customer' as const) : ('staff' as const),
      status: 'read' as const,
    })),
  );
}

async function addEvent(
  chat: { id: string; customerId: string },
  type: string,
  init: Partial<typeof events.$inferInsert> = {},
) {
  const [row] = await t.db
    .insert(events)
    .values({ chatId: chat.id, customerId: chat.customerId, type, actorKind: 'system', ...init })
    .returning();
  return row!;
}

type Item = { id: string; [key: string]: unknown };

describe('GET /api/customers/:id/history', () => {
  it('lists the customer’s chats newest first, and only theirs', async () => {
    const customer = await makeCustomer();
    const other = await makeCustomer('Someone Else');
    const old = await makeChat({ customerId: customer.id, createdAt: minutesAgo(300) });
    const recent = await makeChat({ customerId: customer.id, createdAt: minutesAgo(5) });
    const middle = await makeChat({ customerId: customer.id, createdAt: minutesAgo(60) });
    await makeChat({ customerId: other.id, createdAt: minutesAgo(10) });

    const res = await get(`/api/customers/${customer.id}/history`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: Item) => i.id)).toEqual([recent.id, middle.id, old.id]);
    expect(res.json().nextCursor).toBeNull();
    expect(res.json().items[0]).toMatchObject({
      kind: 'chat',
      status: 'closed',
      channel: { id: channel.id, kind: 'whatsapp', name: channel.name },
      createdAt: recent.createdAt.toISOString(),
    });
  });

  it('pages 7 chats by 3 without duplicates or gaps, also through identical start times', async () => {
    const customer = await makeCustomer();
    const same = minutesAgo(13);
    const made = [];
    for (let i = 0; i < 7; i++)
      made.push(
        await makeChat({
          customerId: customer.id,
          // The 3rd to 5th share one instant, across a page boundary: the id breaks the tie.
          createdAt: i >= 2 && i <= 4 ? same : minutesAgo(10 + i),
        }),
      );
    const expected = [...made]
      .sort(
        (a, b) =>
          b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0),
      )
      .map((c) => c.id);

    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/customers/${customer.id}/history?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await get(url)).json() as { items: Item[]; nextCursor: string | null };
      sizes.push(page.items.length);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(expected);
  });

  it('names everyone who held the chat, in order, once each, the current agent last', async () => {
    const customer = await makeCustomer();
    const first = await makeStaff(t.db, { name: 'Agent First' });
    const second = await makeStaff(t.db, { name: 'Agent Second', role: 'supervisor' });
    const now = await makeStaff(t.db, { name: 'Agent Now' });
    const chat = await makeChat({ customerId: customer.id, assigneeId: now.id });
    for (const who of [first, second, first])
      await addEvent(chat, 'assigned', {
        data: { to: { id: who.id, name: who.name }, by: 'routing' },
      });
    await addEvent(chat, 'assigned', { data: { to: { id: 'not-a-uuid', name: 'Ghost' } } });

    const [item] = (await get(`/api/customers/${customer.id}/history`)).json().items;
    expect(item.agents).toEqual([
      { id: first.id, name: 'Agent First', role: 'agent' },
      { id: second.id, name: 'Agent Second', role: 'supervisor' },
      { id: now.id, name: 'Agent Now', role: 'agent' },
    ]);
  });

  it('counts messages and shows flagged and the last event with its actor', async () => {
    const customer = await makeCustomer();
    const quiet = await makeChat({ customerId: customer.id, createdAt: minutesAgo(90) });
    const busy = await makeChat({
      customerId: customer.id,
      status: 'live',
      flagged: true,
      assigneeId: agent.id,
      createdAt: minutesAgo(20),
    });
    await addMessages(busy.id, 12);
    await addEvent(busy, 'queued');
    const flaggedEvent = await addEvent(busy, 'flagged', {
      actorKind: 'staff',
      actorStaffId: agent.id,
    });

    const [b, q] = (await get(`/api/customers/${customer.id}/history`)).json().items;
    expect(b).toMatchObject({
      id: busy.id,
      status: 'live',
      flagged: true,
      messageCount: 12,
      endedAt: null,
      outcome: { sentiment: null, closedBy: null },
      lastEvent: {
        type: 'flagged',
        at: flaggedEvent.at.toISOString(),
        actor: { kind: 'staff', id: agent.id, name: 'Lerato Mokoena' },
      },
      agents: [{ id: agent.id, name: 'Lerato Mokoena', role: 'agent' }],
    });
    expect(q).toMatchObject({
      id: quiet.id,
      flagged: false,
      messageCount: 0,
      lastEvent: null,
      agents: [],
    });
  });

  it('tells an agent close (with its sentiment) from a customer //end', async () => {
    const { channel: ch, department: dept } = await makeChannel(t.db);
    const owner = await makeStaff(t.db, { departments: [dept.name], name: 'Sam Owner' });
    const ownerCookie = await signIn(t.app, owner.email);
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      headers: { cookie: ownerCookie },
      payload: { available: true },
    });
    await t.presence.connected(owner.id);
    const deps = { db: t.db, notifier: { wake: () => undefined }, presence: t.presence };
    const from = uniquePhone();
    const say = (text: string) =>
      receiveInbound(deps, { channelId: ch.id, providerMessageId: randomUUID(), from, text });
    try {
      const closedByAgent = (await say('My order is late')).chatId;
      const closed = await post(`/api/chats/${closedByAgent}/close`, ownerCookie, {
        sentiment: 'positive',
      });
      expect(closed.statusCode).toBe(200);
      const endedByCustomer = (await say('Me again')).chatId;
      await say('//end');

      const [row] = await t.db.select().from(chats).where(eq(chats.id, endedByCustomer));
      const items = (await get(`/api/customers/${row!.customerId}/history`)).json().items as Item[];
      const byId = new Map(items.map((i) => [i.id, i]));
      expect(byId.get(closedByAgent)).toMatchObject({
        status: 'closed',
        outcome: {
          sentiment: 'positive',
          closedBy: 'agent',
          closer: { id: owner.id, name: 'Sam Owner' },
          tag: null,
        },
        agents: [{ id: owner.id, name: 'Sam Owner' }],
        // The customer's message, "You're chatting with Sam", "This chat has ended".
        messageCount: 3,
        lastEvent: { type: 'closed', actor: { kind: 'staff', id: owner.id } },
      });
      expect(byId.get(closedByAgent)?.endedAt).toEqual(expect.any(String));
      expect(byId.get(endedByCustomer)).toMatchObject({
        status: 'closed',
        outcome: { sentiment: null, closedBy: 'customer', closer: null, tag: null },
        // Their two messages and "You're chatting with Sam"; no "ended" for their own //end.
        messageCount: 3,
        lastEvent: { type: 'ended_by_customer', actor: { kind: 'customer' } },
      });
    } finally {
      await t.presence.disconnected(owner.id);
    }
  });

  it('lets any staff member read it, but opens only the transcripts they may see', async () => {
    const customer = await makeCustomer();
    const owner = await makeStaff(t.db);
    const live = await makeChat({ customerId: customer.id, status: 'live', assigneeId: owner.id });
    const closed = await makeChat({ customerId: customer.id, createdAt: minutesAgo(60) });
    const supervisor = await makeStaff(t.db, { role: 'supervisor' });

    const asAgent = (await get(`/api/customers/${customer.id}/history`)).json().items as Item[];
    expect(asAgent.map((i) => [i.id, i.canOpen])).toEqual([
      [live.id, false],
      [closed.id, true],
    ]);
    const supCookie = await signIn(t.app, supervisor.email);
    const asSup = (await get(`/api/customers/${customer.id}/history`, supCookie)).json()
      .items as Item[];
    expect(asSup.map((i) => i.canOpen)).toEqual([true, true]);
  });

  it('answers 401 without a session, 404 for an unknown or invalid id, 400 for a bad cursor', async () => {
    const customer = await makeCustomer();
    expect((await t.app.inject({ url: `/api/customers/${customer.id}/history` })).statusCode).toBe(
      401,
    );
    expect((await get(`/api/customers/${randomUUID()}/history`)).statusCode).toBe(404);
    expect((await get('/api/customers/not-an-id/history')).statusCode).toBe(404);
    expect((await get(`/api/customers/${customer.id}/history?cursor=garbage`)).statusCode).toBe(
      400,
    );
    const forged = Buffer.from(JSON.stringify({ at: 'yesterday', id: 'x' })).toString('base64url');
    expect((await get(`/api/customers/${customer.id}/history?cursor=${forged}`)).statusCode).toBe(
      400,
    );
    expect((await get(`/api/customers/${customer.id}/timeline?cursor=${forged}`)).statusCode).toBe(
      400,
    );
    expect((await get(`/api/customers/${customer.id}/history?limit=101`)).statusCode).toBe(400);
    const empty = await get(`/api/customers/${customer.id}/history`);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ items: [], nextCursor: null });
  });
});

describe('GET /api/customers/:id/timeline', () => {
  async function story() {
    const customer = await makeCustomer();
    const chat = await makeChat({ customerId: customer.id, createdAt: minutesAgo(120) });
    const [note] = await t.db
      .insert(notes)
      .values({
        customerId: customer.id,
        body: 'Prefers WhatsApp',
        referenceKind: 'jira',
        referenceValue: 'SUP-1234',
        chatId: chat.id,
        authorId: agent.id,
        createdAt: minutesAgo(60),
      })
      .returning();
    const [profile] = await t.db
      .insert(events)
      .values({
        chatId: null,
        customerId: customer.id,
        type: 'profile_changed',
        actorKind: 'staff',
        actorStaffId: agent.id,
        data: { fields: [{ field: 'email', from: null, to: 'thandi@example.com' }] },
        at: minutesAgo(30),
      })
      .returning();
    // Chat events other than profile saves belong to the chat, not the customer timeline.
    await addEvent(chat, 'closed', { at: minutesAgo(10) });
    const later = await makeChat({ customerId: customer.id, createdAt: minutesAgo(5) });
    return { customer, chat, note: note!, profile: profile!, later };
  }

  it('tells the whole story newest first: chats, notes and profile changes', async () => {
    const s = await story();
    const res = await get(`/api/customers/${s.customer.id}/timeline`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Item[];
    expect(items.map((i) => [i.kind, i.id])).toEqual([
      ['chat', s.later.id],
      ['profile', s.profile.id],
      ['note', s.note.id],
      ['chat', s.chat.id],
    ]);
    expect(items[1]).toMatchObject({
      actor: { kind: 'staff', id: agent.id, name: 'Lerato Mokoena' },
      data: { fields: [{ field: 'email', from: null, to: 'thandi@example.com' }] },
      createdAt: s.profile.at.toISOString(),
    });
    expect(items[2]).toMatchObject({
      body: 'Prefers WhatsApp',
      reference: { kind: 'jira', value: 'SUP-1234' },
      author: { id: agent.id, name: 'Lerato Mokoena', role: 'agent' },
      chatId: s.chat.id,
    });
    expect(items[3]).toMatchObject({ kind: 'chat', lastEvent: { type: 'closed' } });
  });

  it('filters by kind and pages across kinds without duplicates or gaps', async () => {
    const s = await story();
    const kinds = async (q: string) =>
      ((await get(`/api/customers/${s.customer.id}/timeline?${q}`)).json().items as Item[]).map(
        (i) => i.kind,
      );
    expect(await kinds('kinds=note,profile')).toEqual(['profile', 'note']);
    expect(await kinds('kinds=chat')).toEqual(['chat', 'chat']);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/customers/${s.customer.id}/timeline?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await get(url)).json() as { items: Item[]; nextCursor: string | null };
      expect(page.items).toHaveLength(1);
      seen.push(page.items[0]!.id);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([s.later.id, s.profile.id, s.note.id, s.chat.id]);

    expect(
      (await get(`/api/customers/${s.customer.id}/timeline?kinds=chat,tweet`)).statusCode,
    ).toBe(400);
    expect(
      (await t.app.inject({ url: `/api/customers/${s.customer.id}/timeline` })).statusCode,
    ).toBe(401);
    expect((await get(`/api/customers/${randomUUID()}/timeline`)).statusCode).toBe(404);
  });
});
