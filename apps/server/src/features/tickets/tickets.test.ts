import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { chats, events, messages, notifications, settings, staff } from '../../db/schema.ts';
import { type Chat, chatBelongsInView } from '@parley/contract';
import { type CommittedFrame, transact } from '../../realtime/frames.ts';
import { rooms } from '../../realtime/rooms.ts';
import {
  emptyDatabase,
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { autoReplyText, queueToTicketTimer, receiveInbound } from '../chats/index.ts';
import { timerContext } from '../timers/index.ts';

/*
 * Tickets end to end over HTTP, on a database of the file's own: the admin setting
 * `ticketWhenNobodyAvailable` is switched here, and the queue-timeout timer fires whatever is due
 * in the whole database.
 */

let t: TestApp;
let database: Database;
beforeAll(async () => {
  database = await emptyDatabase();
  t = await testApp({ database, ticketWhenNobodyAvailable: 'setting' });
});
afterAll(async () => {
  await t.app.close();
  await database.close();
});

const mid = () => `tk-${Math.random().toString(36).slice(2)}`;
const quiet = { wake: () => undefined };

/** The customer writes on the channel; answers the conversation's id. */
async function write(
  channelId: string,
  from: string,
  text = 'hello',
  notifier: { wake(frames?: CommittedFrame[]): void } = quiet,
) {
  const { chatId } = await receiveInbound(
    { db: t.db, presence: t.presence, notifier },
    { channelId, providerMessageId: mid(), from, text },
  );
  return chatId;
}

/** A member of staff who can take chats now: available and online. */
async function makeAvailable(id: string) {
  await t.db.update(staff).set({ available: true }).where(eq(staff.id, id));
  await t.presence.connected(id);
}

async function setNobodyAvailableRule(on: boolean) {
  await t.db
    .insert(settings)
    .values({ key: 'ticketWhenNobodyAvailable', value: on })
    .onConflictDoUpdate({ target: settings.key, set: { value: on } });
}

const post = (url: string, cookie: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });

const row = async (id: string) => (await t.db.select().from(chats).where(eq(chats.id, id)))[0]!;
const eventsOf = async (id: string) =>
  t.db.select().from(events).where(eq(events.chatId, id)).orderBy(events.seq);
const messagesOf = async (id: string) =>
  t.db.select().from(messages).where(eq(messages.chatId, id)).orderBy(messages.seq);

/** A department with a channel, two agents, a supervisor, all signed in; nobody available. */
async function desk() {
  const { channel, department } = await makeChannel(t.db);
  const agent = await makeStaff(t.db, { departments: [department.name], name: 'Ann Agent' });
  const colleague = await makeStaff(t.db, { departments: [department.name], name: 'Col League' });
  const outsider = await makeStaff(t.db, { name: 'Out Sider' });
  const sup = await makeStaff(t.db, { role: 'supervisor', name: 'Sue Pervisor' });
  return {
    channel,
    department,
    agent: { ...agent, cookie: await signIn(t.app, agent.email) },
    colleague: { ...colleague, cookie: await signIn(t.app, colleague.email) },
    outsider: { ...outsider, cookie: await signIn(t.app, outsider.email) },
    sup: { ...sup, cookie: await signIn(t.app, sup.email) },
  };
}

/** A fresh unassigned ticket: the customer wrote while nobody was available. */
async function ticketOn(channelId: string, from = uniquePhone()) {
  const id = await write(channelId, from, 'my order never came');
  expect((await row(id)).kind).toBe('ticket');
  return { id, from };
}

describe('becoming a ticket', () => {
  it('with nobody of the department available: reason nobody_available, event, auto-reply, off the chat lists', async () => {
    const d = await desk();
    await setNobodyAvailableRule(true);
    const { id } = await ticketOn(d.channel.id);
    const ticket = await row(id);
    expect(ticket).toMatchObject({
      kind: 'ticket',
      status: 'queued',
      assigneeId: null,
      ticketReason: 'nobody_available',
    });
    const types = (await eventsOf(id)).map((e) => e.type);
    expect(types).toContain('ticket_created');
    expect((await eventsOf(id)).find((e) => e.type === 'ticket_created')?.data).toEqual({
      reason: 'nobody_available',
    });
    const sent = await messagesOf(id);
    expect(sent.map((m) => [m.direction, m.authorKind])).toEqual([
      ['in', 'customer'],
      ['out', 'system'],
    ]);
    expect(sent[1]!.text).toContain('ticket');
    // The chats' queue never shows it; the tickets' unassigned view does.
    const queue = await get('/api/chats?view=queue', d.agent.cookie);
    expect(queue.json().items.map((c: { id: string }) => c.id)).not.toContain(id);
    const list = await get('/api/tickets?view=unassigned', d.agent.cookie);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id,
        status: 'unassigned',
        reason: 'nobody_available',
        canClose: false,
        department: { id: d.department.id, name: d.department.name },
      }),
    ]);
    expect((await get('/api/tickets/counts', d.agent.cookie)).json()).toEqual({
      unassigned: 1,
      assigned: 0,
    });
  });

  it('with the setting off, or someone available (even busy), the conversation queues as a chat', async () => {
    const d = await desk();
    await setNobodyAvailableRule(false);
    const queued = await write(d.channel.id, uniquePhone());
    expect(await row(queued)).toMatchObject({ kind: 'chat', status: 'queued' });
    await setNobodyAvailableRule(true);
    // Someone available: the chat is theirs; with them at capacity the next one waits queued.
    await t.db.update(staff).set({ capacity: 1 }).where(eq(staff.id, d.agent.id));
    await makeAvailable(d.agent.id);
    const first = await write(d.channel.id, uniquePhone());
    const second = await write(d.channel.id, uniquePhone());
    await t.presence.disconnected(d.agent.id);
    const rows = [await row(queued), await row(first), await row(second)];
    expect(rows.map((r) => r.kind)).toEqual(['chat', 'chat', 'chat']);
    expect(rows.map((r) => r.status).sort()).toEqual(['live', 'queued', 'queued']);
  });

  it('after waiting in the queue past queueToTicketMinutes: the timer makes it a ticket (queue_timeout)', async () => {
    const d = await desk();
    await setNobodyAvailableRule(false);
    const id = await write(d.channel.id, uniquePhone());
    await setNobodyAvailableRule(true);
    const queuedAt = (await row(id)).queuedAt!;
    const minutes = 15;
    const early = await timerContext({ db: t.db }, new Date(queuedAt.getTime() + 14 * 60_000));
    expect(await queueToTicketTimer.findDue(t.db, early, 100)).not.toContain(id);
    const late = await timerContext(
      { db: t.db },
      new Date(queuedAt.getTime() + minutes * 60_000 + 1000),
    );
    expect(await queueToTicketTimer.findDue(t.db, late, 100)).toContain(id);
    // Two passes at once (two nodes): it fires once.
    const frames: CommittedFrame[] = [];
    const keep = { wake: (committed?: CommittedFrame[]) => void frames.push(...(committed ?? [])) };
    const fire = () =>
      transact({ db: t.db, notifier: keep }, (tx, emit) =>
        queueToTicketTimer.fire(tx, emit, id, late),
      );
    const fired = await Promise.all([fire(), fire()]);
    expect(fired.filter(Boolean)).toHaveLength(1);
    // Whoever works tickets hears of it; the queue lists hear it is a ticket now and drop it.
    const ticketFrame = frames.find((f) => f.type === 'ticket.updated');
    expect(ticketFrame?.rooms).toEqual(
      expect.arrayContaining([
        rooms.chat(id),
        rooms.department(d.department.id),
        rooms.supervisors,
      ]),
    );
    expect(ticketFrame?.data).toMatchObject({ id, status: 'unassigned', reason: 'queue_timeout' });
    const chatFrame = frames.find((f) => f.type === 'chat.updated');
    expect(chatFrame?.rooms).toContain(rooms.department(d.department.id));
    const viewer = { id: d.agent.id, role: 'agent' as const, departments: [d.department] };
    const dropped = { ...(chatFrame!.data as Chat), viewerTagged: false };
    expect(dropped.kind).toBe('ticket');
    expect(chatBelongsInView('queue', dropped, viewer)).toBe(false);
    expect(await row(id)).toMatchObject({
      kind: 'ticket',
      status: 'queued',
      ticketReason: 'queue_timeout',
      queuedAt: null,
    });
    expect((await eventsOf(id)).filter((e) => e.type === 'ticket_created')).toHaveLength(1);
    // It waited ("all busy"), then became a ticket: the customer is told so once.
    const told = (await messagesOf(id)).filter((m) => m.authorKind === 'system');
    expect(told.map((m) => m.text)).toEqual([
      autoReplyText('all_busy', { position: 1 }),
      autoReplyText('ticket_created'),
    ]);
    expect(await queueToTicketTimer.findDue(t.db, late, 100)).not.toContain(id);
  });

  it('a chat an agent took before the timer fired stays a chat', async () => {
    const d = await desk();
    await setNobodyAvailableRule(false);
    const id = await write(d.channel.id, uniquePhone());
    await setNobodyAvailableRule(true);
    expect((await post(`/api/chats/${id}/accept`, d.agent.cookie)).statusCode).toBe(200);
    const late = await timerContext({ db: t.db }, new Date(Date.now() + 60 * 60_000));
    const fired = await transact({ db: t.db, notifier: quiet }, (tx, emit) =>
      queueToTicketTimer.fire(tx, emit, id, late),
    );
    expect(fired).toBe(false);
    expect(await row(id)).toMatchObject({ kind: 'chat', status: 'live' });
  });
});

describe('the customer writes again', () => {
  it('while a ticket is open and nobody is available: the message joins the ticket', async () => {
    const d = await desk();
    await setNobodyAvailableRule(true);
    const { id, from } = await ticketOn(d.channel.id);
    // A second and third message: the one-statement path for open chats must not take them (its
    // frames would list the ticket as a queued chat); the full path announces the ticket.
    const frames: CommittedFrame[] = [];
    const keep = { wake: (committed?: CommittedFrame[]) => void frames.push(...(committed ?? [])) };
    expect(await write(d.channel.id, from, 'any news?', keep)).toBe(id);
    expect(await write(d.channel.id, from, 'hello?', keep)).toBe(id);
    expect(frames.filter((f) => f.type === 'ticket.updated')).toHaveLength(2);
    expect(frames.filter((f) => f.type === 'chat.updated')).toEqual([]);
    const inbound = (await messagesOf(id)).filter((m) => m.direction === 'in');
    expect(inbound.map((m) => m.text)).toEqual(['my order never came', 'any news?', 'hello?']);
    expect(await row(id)).toMatchObject({ kind: 'ticket', status: 'queued' });
    // One auto-reply, for the ticket's creation only.
    expect((await messagesOf(id)).filter((m) => m.authorKind === 'system')).toHaveLength(1);
  });

  it('to an assigned ticket, even with someone available: it joins the ticket its agent works', async () => {
    const d = await desk();
    await setNobodyAvailableRule(true);
    const { id, from } = await ticketOn(d.channel.id);
    expect((await post(`/api/tickets/${id}/accept`, d.agent.cookie)).statusCode).toBe(200);
    await makeAvailable(d.colleague.id);
    expect(await write(d.channel.id, from, 'thanks')).toBe(id);
    await t.presence.disconnected(d.colleague.id);
    expect(await row(id)).toMatchObject({ kind: 'ticket', status: 'live' });
  });

  it('when someone is available: the unassigned ticket closes, linked to the new live chat', async () => {
    const d = await desk();
    await setNobodyAvailableRule(true);
    const { id, from } = await ticketOn(d.channel.id);
    await makeAvailable(d.agent.id);
    const chatId = await write(d.channel.id, from, 'are you there now?');
    await t.presence.disconnected(d.agent.id);
    expect(chatId).not.toBe(id);
    expect(await row(id)).toMatchObject({ kind: 'ticket', status: 'closed' });
    expect(await row(chatId)).toMatchObject({
      kind: 'chat',
      status: 'live',
      assigneeId: d.agent.id,
    });
    const closed = (await eventsOf(id)).find((e) => e.type === 'ticket_closed');
    expect(closed?.data).toEqual({ reason: 'live_chat', chatId });
    const link = (await eventsOf(chatId)).find((e) => e.type === 'follows_ticket');
    expect(link?.data).toEqual({ ticketId: id });
    // The customer's message moved to the new chat, where the agent's arrival is announced.
    expect(
      (await messagesOf(chatId)).filter((m) => m.authorKind === 'customer').map((m) => m.text),
    ).toEqual(['are you there now?']);
  });
});

describe('working tickets over HTTP', () => {
  it('shows a ticket to its department and supervisors, 404 to others, and every view says where it is', async () => {
    const d = await desk();
    await setNobodyAvailableRule(true);
    const { id } = await ticketOn(d.channel.id);
    expect((await get(`/api/tickets/${id}`, d.agent.cookie)).statusCode).toBe(200);
    expect((await get(`/api/tickets/${id}`, d.sup.cookie)).statusCode).toBe(200);
    expect((await get(`/api/tickets/${id}`, d.outsider.cookie)).statusCode).toBe(404);
    expect((await get(`/api/tickets/${id}/timeline`, d.outsider.cookie)).statusCode).toBe(404);
    expect((await get(`/api/tickets/not-an-id`, d.agent.cookie)).statusCode).toBe(404);
    const unassigned = await get('/api/tickets?view=unassigned', d.outsider.cookie);
    expect(unassigned.json().items.map((x: { id: string }) => x.id)).not.toContain(id);
    // A chat id is not a ticket.
    await setNobodyAvailableRule(false);
    const chatId = await write(d.channel.id, uniquePhone());
    await setNobodyAvailableRule(true);
    expect((await get(`/api/tickets/${chatId}`, d.sup.cookie)).statusCode).toBe(404);

    const accepted = await post(`/api/tickets/${id}/accept`, d.agent.cookie);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'assigned', assignee: { id: d.agent.id } });
    // Mine now: a colleague of the department no longer sees it; the timeline says who took it.
    expect((await get(`/api/tickets/${id}`, d.colleague.cookie)).statusCode).toBe(404);
    const mine = await get('/api/tickets?view=assigned', d.agent.cookie);
    expect(mine.json().items.map((x: { id: string }) => x.id)).toEqual([id]);
    const theirs = await get('/api/tickets?view=assigned', d.colleague.cookie);
    expect(theirs.json().items).toEqual([]);
    const all = await get('/api/tickets?view=assigned', d.sup.cookie);
    expect(all.json().items.map((x: { id: string }) => x.id)).toContain(id);
    const timeline = await get(`/api/tickets/${id}/timeline`, d.agent.cookie);
    const kinds = timeline
      .json()
      .items.map((i: { kind: string; type?: string }) => i.type ?? i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['ticket_created', 'ticket_accepted', 'message']));
  });

  it('accept: a repeat by the same agent answers the same; a colleague after them gets 409', async () => {
    const d = await desk();
    await setNobodyAvailableRule(true);
    const { id } = await ticketOn(d.channel.id);
    const [a, b] = await Promise.all([
      post(`/api/tickets/${id}/accept`, d.agent.cookie),
      post(`/api/tickets/${id}/accept`, d.colleague.cookie),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? d.agent : d.colleague;
    const loser = a.statusCode === 200 ? d.colleague : d.agent;
    const again = await post(`/api/tickets/${id}/accept`, winner.cookie);
    expect(again.statusCode).toBe(200);
    expect(again.json().assignee.id).toBe(winner.id);
    const late = await post(`/api/tickets/${id}/accept`, loser.cookie);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/accepted this ticket first/);
    expect((await post(`/api/tickets/${id}/accept`, d.outsider.cookie)).statusCode).toBe(404);
    expect((await eventsOf(id)).filter((e) => e.type === 'ticket_accepted')).toHaveLength(1);
  });

  it('reply: 409 unassigned, 403 for others, 201 for the assignee; close only after a reply', async () => {
    const d = await desk();
    await setNobodyAvailableRule(true);
    const { id } = await ticketOn(d.channel.id);
    const say = (cookie: string, text = 'We are on it') =>
      post(`/api/tickets/${id}/messages`, cookie, { text, clientId: mid() });

    const unassigned = await say(d.agent.cookie);
    expect(unassigned.statusCode).toBe(409);
    expect(unassigned.json().detail).toMatch(/Accept it before replying/);
    expect((await post(`/api/tickets/${id}/accept`, d.agent.cookie)).statusCode).toBe(200);

    const early = await post(`/api/tickets/${id}/close`, d.agent.cookie);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('A ticket cannot be closed before a reply to the customer.');
    // A supervisor sees it but writes nothing to the customer in someone else's ticket.
    expect((await say(d.sup.cookie)).statusCode).toBe(403);
    // The chats' reply route does not write to a ticket.
    const viaChat = await post(`/api/chats/${id}/messages`, d.agent.cookie, {
      text: 'x',
      clientId: mid(),
    });
    expect(viaChat.statusCode).toBe(409);

    const reply = await say(d.agent.cookie);
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({ direction: 'out', author: { kind: 'staff' } });
    expect((await row(id)).lastStaffReplyAt).not.toBeNull();
    expect((await say(d.agent.cookie, 'And one more')).statusCode).toBe(201);
    expect((await eventsOf(id)).filter((e) => e.type === 'ticket_replied')).toHaveLength(1);
    const ticket = await get(`/api/tickets/${id}`, d.agent.cookie);
    expect(ticket.json()).toMatchObject({ canClose: true, lastMessage: { direction: 'out' } });
    const messagesPage = await get(`/api/tickets/${id}/messages`, d.agent.cookie);
    expect(messagesPage.json().items.map((m: { text: string }) => m.text)).toContain(
      'And one more',
    );

    expect((await post(`/api/tickets/${id}/close`, d.colleague.cookie)).statusCode).toBe(404);
    const closed = await post(`/api/tickets/${id}/close`, d.agent.cookie);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed' });
    expect((await post(`/api/tickets/${id}/close`, d.agent.cookie)).statusCode).toBe(409);
    expect((await say(d.agent.cookie)).statusCode).toBe(409);
    expect((await post(`/api/tickets/${id}/accept`, d.colleague.cookie)).statusCode).toBe(409);
    const closedView = await get('/api/tickets?view=closed', d.colleague.cookie);
    expect(closedView.json().items.map((x: { id: string }) => x.id)).toContain(id);
    const last = (await eventsOf(id)).at(-1)!;
    expect(last).toMatchObject({ type: 'ticket_closed', actorStaffId: d.agent.id });
  });

  it('transfer: 403 for agents; a supervisor gives it to an agent (bell) or to a department', async () => {
    const d = await desk();
    const other = await makeChannel(t.db);
    await setNobodyAvailableRule(true);
    const { id } = await ticketOn(d.channel.id);
    const refused = await post(`/api/tickets/${id}/transfer`, d.agent.cookie, {
      agentId: d.colleague.id,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toBe('Only supervisors transfer tickets.');
    expect((await post(`/api/tickets/${id}/transfer`, d.sup.cookie, {})).statusCode).toBe(422);
    expect(
      (await post(`/api/tickets/${id}/transfer`, d.sup.cookie, { agentId: d.department.id }))
        .statusCode,
    ).toBe(422);

    const toAgent = await post(`/api/tickets/${id}/transfer`, d.sup.cookie, {
      agentId: d.colleague.id,
    });
    expect(toAgent.statusCode).toBe(200);
    expect(toAgent.json()).toMatchObject({ status: 'assigned', assignee: { id: d.colleague.id } });
    const bell = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.staffId, d.colleague.id), eq(notifications.chatId, id)));
    expect(bell.map((n) => n.kind)).toEqual(['ticket_assigned']);

    const toDepartment = await post(`/api/tickets/${id}/transfer`, d.sup.cookie, {
      departmentId: other.department.id,
    });
    expect(toDepartment.statusCode).toBe(200);
    expect(toDepartment.json()).toMatchObject({
      status: 'unassigned',
      assignee: null,
      department: { id: other.department.id },
    });
    // Gone from the first department's unassigned list.
    const left = await get('/api/tickets?view=unassigned', d.agent.cookie);
    expect(left.json().items.map((x: { id: string }) => x.id)).not.toContain(id);
    const moves = (await eventsOf(id)).filter((e) => e.type === 'ticket_transferred');
    expect(moves.map((e) => (e.data as { to: { kind: string } }).to.kind)).toEqual([
      'agent',
      'department',
    ]);
    // A chat is not transferred as a ticket, nor a ticket as a chat.
    const asChat = await post(`/api/chats/${id}/transfer`, d.sup.cookie, {
      departmentId: d.department.id,
      note: 'x',
    });
    expect(asChat.statusCode).toBe(409);
  });

  it('quick accept: two agents taking 3 each of 5 at once get 5 distinct tickets, none twice', async () => {
    const d = await desk();
    await setNobodyAvailableRule(true);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await ticketOn(d.channel.id)).id);
    const [a, b] = await Promise.all([
      post('/api/tickets/accept-oldest', d.agent.cookie, { count: 3 }),
      post('/api/tickets/accept-oldest', d.colleague.cookie, { count: 3 }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const got = [...a.json().items, ...b.json().items].map((x: { id: string }) => x.id);
    expect(got).toHaveLength(5);
    expect(new Set(got)).toEqual(new Set(ids));
    for (const [res, who] of [
      [a, d.agent],
      [b, d.colleague],
    ] as const)
      for (const item of res.json().items) expect(item.assignee.id).toBe(who.id);
    const none = await post('/api/tickets/accept-oldest', d.agent.cookie, { count: 3 });
    expect(none.json().items).toEqual([]);
    expect(
      (await post('/api/tickets/accept-oldest', d.agent.cookie, { count: 0 })).statusCode,
    ).toBe(400);
  });

  it('quick accept takes the oldest first; lists page newest first with a cursor', async () => {
    const d = await desk();
    await setNobodyAvailableRule(true);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await ticketOn(d.channel.id)).id);
    const page1 = await get('/api/tickets?view=unassigned&limit=2', d.agent.cookie);
    expect(page1.json().items.map((x: { id: string }) => x.id)).toEqual([ids[2], ids[1]]);
    const page2 = await get(
      `/api/tickets?view=unassigned&limit=2&cursor=${page1.json().nextCursor}`,
      d.agent.cookie,
    );
    expect(page2.json()).toMatchObject({ nextCursor: null });
    expect(page2.json().items.map((x: { id: string }) => x.id)).toEqual([ids[0]]);
    const took = await post('/api/tickets/accept-oldest', d.agent.cookie, { count: 1 });
    expect(took.json().items.map((x: { id: string }) => x.id)).toEqual([ids[0]]);
  });
});

describe('chats never mistake a ticket for a chat', () => {
  it('routing, the queue, the desk, the timers and agent load all leave tickets alone', async () => {
    const d = await desk();
    await setNobodyAvailableRule(true);
    const { id } = await ticketOn(d.channel.id);
    const assigned = await ticketOn(d.channel.id);
    expect((await post(`/api/tickets/${assigned.id}/accept`, d.colleague.cookie)).statusCode).toBe(
      200,
    );
    // An agent coming online drains the queue: the unassigned ticket is not routed to them.
    await t.db.update(staff).set({ capacity: 1 }).where(eq(staff.id, d.agent.id));
    await makeAvailable(d.agent.id);
    const online = await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      headers: { cookie: d.agent.cookie },
      payload: { available: true },
    });
    expect(online.statusCode).toBe(200);
    expect(await row(id)).toMatchObject({ kind: 'ticket', status: 'queued', assigneeId: null });
    // The assigned ticket does not fill the colleague's capacity: a chat still reaches them.
    await t.db.update(staff).set({ capacity: 1 }).where(eq(staff.id, d.colleague.id));
    await t.presence.disconnected(d.agent.id);
    await makeAvailable(d.colleague.id);
    const chatId = await write(d.channel.id, uniquePhone());
    await t.presence.disconnected(d.colleague.id);
    expect(await row(chatId)).toMatchObject({ status: 'live', assigneeId: d.colleague.id });

    // The chats' views and the supervisor desk list no ticket.
    for (const view of ['queue', 'live', 'all']) {
      const list = await get(`/api/chats?view=${view}`, d.sup.cookie);
      const listed = list.json().items.map((c: { id: string }) => c.id);
      expect(listed).not.toContain(id);
      expect(listed).not.toContain(assigned.id);
    }
    const colleagueLive = await get('/api/chats?view=live', d.colleague.cookie);
    expect(colleagueLive.json().items.map((c: { id: string }) => c.id)).toEqual([chatId]);
    const floor = await get(`/api/supervisor/desk?departmentId=${d.department.id}`, d.sup.cookie);
    expect(floor.statusCode).toBe(200);
    const deskIds = floor.json().chats.map((c: { id: string }) => c.id);
    expect(deskIds).toEqual([chatId]);
    const queue = floor.json().departments.find((q: { id: string }) => q.id === d.department.id);
    expect(queue).toMatchObject({ queued: 0, live: 1 });
    const member = floor.json().team.find((m: { id: string }) => m.id === d.colleague.id);
    expect(member).toMatchObject({ load: 1 });

    // The chats' actions refuse a ticket.
    expect((await post(`/api/chats/${id}/accept`, d.agent.cookie)).statusCode).toBe(409);
    expect((await post(`/api/chats/${assigned.id}/pending`, d.colleague.cookie)).statusCode).toBe(
      409,
    );

    // Reply timeout, inactivity and pending timers never pick an assigned ticket, however late.
    const { chatTimers } = await import('../chats/index.ts');
    const late = await timerContext({ db: t.db }, new Date(Date.now() + 48 * 3600_000));
    for (const timer of chatTimers) {
      const due = await timer.findDue(t.db, late, 1000);
      expect(due).not.toContain(assigned.id);
      expect(due).not.toContain(id);
    }
    expect(await queueToTicketTimer.findDue(t.db, late, 1000)).not.toContain(id);
  });
});

describe("the customer's story", () => {
  it('History and the customer timeline list tickets; notes may name a ticket', async () => {
    const d = await desk();
    await setNobodyAvailableRule(true);
    const { id } = await ticketOn(d.channel.id);
    const customerId = (await row(id)).customerId;
    expect((await post(`/api/tickets/${id}/accept`, d.agent.cookie)).statusCode).toBe(200);

    const history = await get(`/api/customers/${customerId}/history`, d.colleague.cookie);
    expect(history.statusCode).toBe(200);
    expect(history.json().items).toEqual([
      {
        kind: 'ticket',
        id,
        status: 'assigned',
        channel: { id: d.channel.id, kind: 'webhook', name: d.channel.name },
        assignee: { id: d.agent.id, name: 'Ann Agent', role: 'agent' },
        reason: 'nobody_available',
        createdAt: expect.any(String),
        endedAt: null,
        messageCount: 2,
        // Someone else's open ticket: the colleague may not open it; its assignee may.
        canOpen: false,
      },
    ]);
    const own = await get(`/api/customers/${customerId}/history`, d.agent.cookie);
    expect(own.json().items[0]).toMatchObject({ kind: 'ticket', canOpen: true });

    const timeline = await get(`/api/customers/${customerId}/timeline`, d.agent.cookie);
    expect(timeline.statusCode).toBe(200);
    expect(timeline.json().items.map((i: { kind: string; id: string }) => [i.kind, i.id])).toEqual([
      ['ticket', id],
    ]);

    const note = await post(`/api/customers/${customerId}/notes`, d.agent.cookie, {
      body: 'Called them back',
      ticketId: id,
    });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ ticketId: id });
    // A chat's id is not a ticket's.
    await setNobodyAvailableRule(false);
    const chatId = await write(d.channel.id, uniquePhone());
    const chatCustomer = (await row(chatId)).customerId;
    const wrong = await post(`/api/customers/${chatCustomer}/notes`, d.agent.cookie, {
      body: 'x',
      ticketId: chatId,
    });
    expect(wrong.statusCode).toBe(422);
  });
});
