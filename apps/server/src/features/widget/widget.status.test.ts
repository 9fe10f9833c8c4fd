import { and, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { businessHours, chats, customers, events, settings, staff } from '../../db/schema.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { departmentOpenAt } from '../business-hours/index.ts';
import { forgetWaitEstimates } from './widget-state.service.ts';
import { type AnyFrame, widgetClient } from './widget.test-support.ts';

let t: TestApp;
let w: ReturnType<typeof widgetClient>;

beforeAll(async () => {
  t = await testApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  w = widgetClient(t);
});

beforeEach(() => forgetWaitEstimates());

/**
 * A web chat whose one agent (Sam Dlamini, capacity 1) is busy with a first visitor's chat: the
 * next visitors wait in the queue (busy agents mean queue, whatever the ticket setting says).
 */
async function busyDesk() {
  const desk = await w.webchat();
  await t.db.update(staff).set({ capacity: 1 }).where(eq(staff.id, desk.agent.id));
  const first = await visitor(desk.channel.id, 'Hello, first here');
  return { ...desk, first };
}

/** A visitor who starts a session and writes once: their chat's id and cookie. */
async function visitor(channelId: string, text = 'Hello?') {
  const { cookie } = await w.start(channelId, { phone: uniquePhone(), name: 'Naledi' });
  const sent = await w.send(channelId, cookie, text, `c-${Math.random().toString(36).slice(2)}`);
  expect(sent.statusCode).toBe(200);
  return { cookie, chatId: sent.json().chatId as string };
}

const chatState = async (channelId: string, cookie: string) => {
  const res = await t.app.inject({ url: `/api/widget/${channelId}/chat`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json().chat;
};

/** The visitor's chat becomes a ticket, as the tickets feature writes one. */
const makeTicket = (chatId: string, reason = 'nobody_available') =>
  t.db.update(chats).set({ kind: 'ticket', ticketReason: reason }).where(eq(chats.id, chatId));

const RULE = 'ticketWhenNobodyAvailable';
const setRule = (on: boolean) =>
  t.db
    .insert(settings)
    .values({ key: RULE, value: on })
    .onConflictDoUpdate({ target: settings.key, set: { value: on } });
const clearRule = () => t.db.delete(settings).where(eq(settings.key, RULE));

const contact = (
  channelId: string,
  cookie: string,
  payload: Record<string, unknown>,
  ip?: string,
) => w.post(`/api/widget/${channelId}/contact`, cookie, payload, ip);

describe('what the widget tells the visitor', () => {
  it('names the agent of a live chat by first name only', async () => {
    const desk = await busyDesk();
    expect(await chatState(desk.channel.id, desk.first.cookie)).toEqual({
      id: desk.first.chatId,
      status: 'live',
      kind: 'chat',
      queue: null,
      agent: { firstName: 'Sam' },
      ticket: null,
    });
  });

  it('gives queued chats their place in the department queue, and no invented wait', async () => {
    const desk = await busyDesk();
    const second = await visitor(desk.channel.id);
    const third = await visitor(desk.channel.id);
    expect(await chatState(desk.channel.id, second.cookie)).toEqual({
      id: second.chatId,
      status: 'queued',
      kind: 'chat',
      queue: { position: 1, expectedWaitMinutes: null },
      agent: null,
      ticket: null,
    });
    expect((await chatState(desk.channel.id, third.cookie)).queue).toEqual({
      position: 2,
      expectedWaitMinutes: null,
    });
    // The conversation's load carries the same state.
    const list = await w.get(desk.channel.id, third.cookie);
    expect(list.json().chat.queue.position).toBe(2);
    // Another department's queue does not count.
    const other = await busyDesk();
    const elsewhere = await visitor(other.channel.id);
    expect((await chatState(other.channel.id, elsewhere.cookie)).queue.position).toBe(1);
    // The first leaves the queue: the second is next.
    const colleague = await makeStaff(t.db, { departments: [desk.department.name] });
    const taken = await t.app.inject({
      method: 'POST',
      url: `/api/chats/${second.chatId}/accept`,
      headers: { cookie: await signIn(t.app, colleague.email) },
    });
    expect(taken.statusCode).toBe(200);
    expect((await chatState(desk.channel.id, third.cookie)).queue.position).toBe(1);
  });

  it('estimates the wait from the median of the last hour, and says nothing with too few', async () => {
    const desk = await busyDesk();
    const [customer] = await t.db
      .insert(customers)
      .values({ phone: uniquePhone() })
      .returning({ id: customers.id });
    const now = Date.now();
    /** A chat that arrived `ago` minutes back and waited `waited` minutes for its agent. */
    const taken = async (ago: number, waited: number, kind: 'chat' | 'ticket' = 'chat') => {
      const createdAt = new Date(now - ago * 60_000);
      const [chat] = await t.db
        .insert(chats)
        .values({
          customerId: customer!.id,
          channelId: desk.channel.id,
          departmentId: desk.department.id,
          status: 'closed',
          kind,
          createdAt,
          closedAt: new Date(now),
        })
        .returning({ id: chats.id });
      await t.db.insert(events).values({
        chatId: chat!.id,
        customerId: customer!.id,
        type: 'assigned',
        actorKind: 'system',
        at: new Date(createdAt.getTime() + waited * 60_000),
      });
    };
    await taken(20, 2);
    await taken(30, 9);
    // Taken two hours ago, and a ticket: neither counts.
    await taken(180, 60);
    await taken(40, 30, 'ticket');
    const waiting = await visitor(desk.channel.id);
    // The busy desk's own first chat was taken at once: three in the hour (0, 2 and 9 minutes).
    expect((await chatState(desk.channel.id, waiting.cookie)).queue).toEqual({
      position: 1,
      expectedWaitMinutes: 2,
    });
    await taken(25, 5);
    await taken(35, 7);
    forgetWaitEstimates();
    // 0, 2, 5, 7, 9 minutes: the median is 5.
    expect((await chatState(desk.channel.id, waiting.cookie)).queue.expectedWaitMinutes).toBe(5);

    const fresh = await busyDesk();
    const alone = await visitor(fresh.channel.id);
    // Only one chat taken there this hour: too few to tell.
    expect((await chatState(fresh.channel.id, alone.cookie)).queue.expectedWaitMinutes).toBeNull();
  });

  it('tells a ticket why, and whether a way back was left', async () => {
    const desk = await busyDesk();
    const waiting = await visitor(desk.channel.id);
    await makeTicket(waiting.chatId);
    expect(await chatState(desk.channel.id, waiting.cookie)).toEqual({
      id: waiting.chatId,
      status: 'queued',
      kind: 'ticket',
      queue: null,
      agent: null,
      ticket: { reason: 'nobody_available', contactLeft: false, opening: null },
    });
  });

  it('tells an out-of-hours ticket when the team opens next, and nothing once it is open', async () => {
    const desk = await busyDesk();
    const waiting = await visitor(desk.channel.id);
    await makeTicket(waiting.chatId, 'out_of_hours');
    // Open one minute a week, two days from now: closed all of today.
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
    const inTwoDays = days[new Date(Date.now() + 2 * 86_400_000).getUTCDay()]!;
    const weekly: Record<string, { start: string; end: string }[]> = Object.fromEntries(
      days.map((day) => [day, []]),
    );
    weekly[inTwoDays] = [{ start: '09:00', end: '09:01' }];
    await t.db
      .insert(businessHours)
      .values({ departmentId: desk.department.id, timeZone: 'UTC', weekly });
    const { nextOpening } = await departmentOpenAt(t.db, desk.department.id, new Date());
    expect(nextOpening).not.toBeNull();
    expect((await chatState(desk.channel.id, waiting.cookie)).ticket).toEqual({
      reason: 'out_of_hours',
      contactLeft: false,
      opening: nextOpening!.toISOString(),
    });
    expect(nextOpening!.getUTCHours()).toBe(9);
    // Without hours the department is always open: no opening to announce.
    await t.db.delete(businessHours).where(eq(businessHours.departmentId, desk.department.id));
    expect((await chatState(desk.channel.id, waiting.cookie)).ticket.opening).toBeNull();
  });

  it('answers 401 without a session, and null before the first message', async () => {
    const desk = await w.webchat();
    const none = await t.app.inject({ url: `/api/widget/${desk.channel.id}/chat` });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    const { cookie } = await w.start(desk.channel.id, { phone: uniquePhone(), name: 'Naledi' });
    expect(await chatState(desk.channel.id, cookie)).toBeNull();
  });
});

describe('the widget.chat frame', () => {
  const stateFrames = (frames: AnyFrame[], chatId: string) =>
    frames.filter((f) => f.type === 'widget.chat' && f.data.id === chatId);

  it('reaches only the session’s own widget, queued then taken, with nothing internal', async () => {
    const desk = await busyDesk();
    const mine = await w.start(desk.channel.id, { phone: uniquePhone(), name: 'Naledi' });
    const theirs = await w.start(desk.channel.id, { phone: uniquePhone(), name: 'Thabo' });
    const mySocket = w.connect(desk.channel.id, mine.cookie);
    const theirSocket = w.connect(desk.channel.id, theirs.cookie);
    await Promise.all([mySocket.opened, theirSocket.opened]);
    await Promise.all([
      mySocket.next((f) => f.type === 'hello'),
      theirSocket.next((f) => f.type === 'hello'),
    ]);

    const sent = await w.send(desk.channel.id, mine.cookie, 'Anyone there?', 'm-1');
    const chatId = sent.json().chatId as string;
    const queued = await mySocket.next((f) => f.type === 'widget.chat' && f.data.id === chatId);
    expect(queued.data).toEqual({
      id: chatId,
      status: 'queued',
      kind: 'chat',
      queue: { position: 1, expectedWaitMinutes: null },
      agent: null,
      ticket: null,
    });

    const colleague = await makeStaff(t.db, {
      departments: [desk.department.name],
      name: 'Lindiwe Mokoena',
    });
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/chats/${chatId}/accept`,
      headers: { cookie: await signIn(t.app, colleague.email) },
    });
    expect(accepted.statusCode).toBe(200);
    const live = await mySocket.next(
      (f) => f.type === 'widget.chat' && f.data.id === chatId && f.data.status === 'live',
    );
    expect(live.data).toEqual({
      id: chatId,
      status: 'live',
      kind: 'chat',
      queue: null,
      agent: { firstName: 'Lindiwe' },
      ticket: null,
    });
    const heard = JSON.stringify(mySocket.frames);
    for (const secret of [colleague.id, colleague.email, 'Mokoena', desk.department.id])
      expect(heard).not.toContain(secret);
    // Nothing of staff's side reaches a widget: no chat, event or comment frames.
    expect(new Set(mySocket.frames.map((f) => f.type))).toEqual(
      new Set(['hello', 'message.created', 'widget.chat']),
    );

    // A flag changes nothing the visitor sees: no new state frame.
    const before = stateFrames(mySocket.frames, chatId).length;
    const flagged = await t.app.inject({
      method: 'POST',
      url: `/api/chats/${chatId}/flag`,
      headers: { cookie: await signIn(t.app, colleague.email) },
    });
    expect(flagged.statusCode).toBe(200);
    await w.send(desk.channel.id, theirs.cookie, 'Me too', 't-1');
    await theirSocket.next((f) => f.type === 'widget.chat');
    expect(stateFrames(mySocket.frames, chatId)).toHaveLength(before);
    // The other visitor heard of their own chat only.
    expect(stateFrames(theirSocket.frames, chatId)).toEqual([]);
  });

  it('tells the widget when its new conversation became a ticket, nobody being available', async () => {
    // The rule as an admin leaves it by default (the test database starts with it off).
    const [was] = await t.db.select().from(settings).where(eq(settings.key, RULE));
    await setRule(true);
    onTestFinished(async () => {
      if (was) await setRule(was.value as boolean);
      else await clearRule();
    });
    const { channel, department } = await makeChannel(t.db, { kind: 'webchat' });
    await makeStaff(t.db, { departments: [department.name] });
    const { cookie } = await w.start(channel.id, { phone: uniquePhone(), name: 'Naledi' });
    const socket = w.connect(channel.id, cookie);
    await socket.opened;
    await socket.next((f) => f.type === 'hello');
    const chatId = (await w.send(channel.id, cookie, 'Hello?', 'n-1')).json().chatId as string;
    const ticket = await socket.next(
      (f) => f.type === 'widget.chat' && f.data.id === chatId && f.data.kind === 'ticket',
    );
    expect(ticket.data).toEqual({
      id: chatId,
      status: 'queued',
      kind: 'ticket',
      queue: null,
      agent: null,
      ticket: { reason: 'nobody_available', contactLeft: false, opening: null },
    });
    // The last word the widget hears is the ticket: no queued chat after it.
    const states = socket.frames.filter((f) => f.type === 'widget.chat');
    expect(states.at(-1)).toEqual(ticket);
  });

  it('is never replayed on a resume: a resumed widget asks for its state', async () => {
    const desk = await busyDesk();
    const { cookie } = await w.start(desk.channel.id, { phone: uniquePhone(), name: 'Naledi' });
    const first = w.connect(desk.channel.id, cookie);
    await first.opened;
    await first.next((f) => f.type === 'hello');
    await w.send(desk.channel.id, cookie, 'Anyone?', 'r-1');
    const state = await first.next((f) => f.type === 'widget.chat');
    first.ws.close();

    const second = w.connect(desk.channel.id, cookie);
    await second.opened;
    await second.next((f) => f.type === 'hello');
    second.ws.send(JSON.stringify({ type: 'resume', after: state.seq - 5 }));
    // The message before it is replayed; the state is not.
    await second.next((f) => f.type === 'message.created' && f.data.text === 'Anyone?');
    await w.send(desk.channel.id, cookie, 'Hello?', 'r-2');
    const fresh = await second.next((f) => f.type === 'widget.chat');
    expect(fresh.seq).toBeGreaterThan(state.seq);
    expect(second.frames.filter((f) => f.type === 'widget.chat')).toEqual([fresh]);
  });
});

describe('leaving a way to be contacted on a ticket', () => {
  async function ticketVisitor() {
    const desk = await busyDesk();
    const waiting = await visitor(desk.channel.id);
    await makeTicket(waiting.chatId, 'out_of_hours');
    return { desk, ...waiting };
  }

  it('stores an email or a number on the ticket, with a contact_left event', async () => {
    const { desk, chatId, cookie } = await ticketVisitor();
    const res = await contact(desk.channel.id, cookie, {
      chatId,
      contact: '  Naledi@Example.COM ',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: chatId,
      status: 'queued',
      kind: 'ticket',
      queue: null,
      agent: null,
      ticket: { reason: 'out_of_hours', contactLeft: true, opening: null },
    });
    const [row] = await t.db.select().from(chats).where(eq(chats.id, chatId));
    expect(row?.ticketContact).toBe('naledi@example.com');
    // The desk's ticket shows it too.
    const ticket = await t.app.inject({
      url: `/api/tickets/${chatId}`,
      headers: { cookie: desk.agentCookie },
    });
    expect(ticket.statusCode).toBe(200);
    expect(ticket.json().contact).toBe('naledi@example.com');
    const again = await contact(desk.channel.id, cookie, { chatId, contact: '082 123 4567' });
    expect(again.statusCode).toBe(200);
    const [updated] = await t.db.select().from(chats).where(eq(chats.id, chatId));
    expect(updated?.ticketContact).toBe('+27821234567');
    const left = await t.db
      .select()
      .from(events)
      .where(and(eq(events.chatId, chatId), eq(events.type, 'contact_left')));
    expect(left.map((e) => [e.actorKind, e.data])).toEqual([
      ['customer', { contact: 'naledi@example.com' }],
      ['customer', { contact: '+27821234567' }],
    ]);
  });

  it('refuses what is neither an email nor a number (422 on the contact field)', async () => {
    const { desk, chatId, cookie } = await ticketVisitor();
    for (const bad of ['call me maybe', 'naledi@', '12345']) {
      const res = await contact(desk.channel.id, cookie, { chatId, contact: bad });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'contact' })]);
    }
    const [row] = await t.db.select().from(chats).where(eq(chats.id, chatId));
    expect(row?.ticketContact).toBeNull();
  });

  it('is only for the session’s own open ticket: 409 for a chat, 404 for another’s', async () => {
    const { desk, chatId, cookie } = await ticketVisitor();
    // A live chat is not a ticket.
    const live = await contact(desk.channel.id, desk.first.cookie, {
      chatId: desk.first.chatId,
      contact: 'a@example.com',
    });
    expect(live.statusCode).toBe(409);
    expect(live.json().detail).toMatch(/write your question/);
    // Another session's ticket, and a made-up id: not found.
    const other = await visitor(desk.channel.id);
    const theirs = await contact(desk.channel.id, other.cookie, {
      chatId,
      contact: 'a@example.com',
    });
    expect(theirs.statusCode).toBe(404);
    const madeUp = await contact(desk.channel.id, other.cookie, {
      chatId: 'not-a-chat',
      contact: 'a@example.com',
    });
    expect(madeUp.statusCode).toBe(404);
    const anonymous = await contact(desk.channel.id, '', { chatId, contact: 'a@example.com' });
    expect(anonymous.statusCode).toBe(401);
    // A closed ticket takes nothing more.
    await t.db
      .update(chats)
      .set({ status: 'closed', closedAt: new Date() })
      .where(eq(chats.id, chatId));
    const closed = await contact(desk.channel.id, cookie, { chatId, contact: 'a@example.com' });
    expect(closed.statusCode).toBe(409);
    const [row] = await t.db.select().from(chats).where(eq(chats.id, chatId));
    expect(row?.ticketContact).toBeNull();
  });

  it('is rate limited per session, even in parallel (429 with Retry-After)', async () => {
    const { desk, chatId, cookie } = await ticketVisitor();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        contact(desk.channel.id, cookie, { chatId, contact: `n${i}@example.com` }),
      ),
    );
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const limited = answers.find((r) => r.statusCode === 429)!;
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const left = await t.db
      .select()
      .from(events)
      .where(and(eq(events.chatId, chatId), eq(events.type, 'contact_left')));
    expect(left).toHaveLength(5);
  });
});
