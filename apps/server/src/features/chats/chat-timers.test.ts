import { randomUUID } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../db/client.ts';
import {
  chats,
  customers,
  events,
  messages,
  notifications,
  outbox,
  staff,
} from '../../db/schema.ts';
import { type EmitFrame, transact } from '../../realtime/frames.ts';
import { rooms } from '../../realtime/rooms.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  staffPrincipal,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { startTimerWorker, timerContext, type TimerWorker } from '../timers/index.ts';
import { keptFrames, keptLog, testClock, timerDatabases } from '../timers/timers.test-support.ts';
import { autoReplyText } from './auto-replies.ts';
import {
  markPendingTransition,
  resumeChatTransition,
  setFlagTransition,
} from './chat-lifecycle.service.ts';
import { chatTimers, inactivityStep } from './chat-timers.ts';
import { type ChatRow, findChatRow } from './chats.repo.ts';
import { sendMessage } from './chats.service.ts';
import { receiveInbound } from './inbound.service.ts';

/*
 * The chat's deadlines under a clock the test moves: each fires when due and not a moment before,
 * what the deadline was set for changing cancels it, a flag exempts the chat, and two workers (or
 * a restart in between) fire each once. Row moments are the database's own clock; the workers'
 * clock is set relative to them.
 */

let t: TestApp;
let second: Database;
beforeAll(async () => {
  const databases = await timerDatabases();
  second = databases.second;
  t = await testApp({ database: databases.database });
});

const clock = testClock();
const started: TimerWorker[] = [];
let outboxWakes = 0;

/** A worker on the app's database (or `db`) with the test's clock and only the chat timers. */
function worker(db: Db = t.db) {
  const kept = keptLog();
  const frames = keptFrames();
  const w = startTimerWorker(
    {
      db,
      notifier: frames.notifier,
      presence: t.presence,
      outbox: { wake: () => void outboxWakes++ },
      log: kept.log,
    },
    { now: clock.now, intervalMs: 3_600_000, timers: chatTimers },
  );
  started.push(w);
  return Object.assign(w, { problems: kept.problems, frames: frames.frames });
}

afterEach(async () => {
  for (const w of started.splice(0)) await w.stop();
  // Every test starts with no open chat, so a pass fires only what the test made.
  await t.db
    .update(chats)
    .set({ status: 'closed', flagged: false })
    .where(ne(chats.status, 'closed'));
});

const MINUTE = 60_000;
const quiet = () => ({ db: t.db, presence: t.presence, notifier: { wake: () => undefined } });
const row = async (chatId: string) => (await findChatRow(t.db, chatId))!;
const plus = (moment: Date, ms: number) => new Date(moment.getTime() + ms);

/** An available agent of the department, online. */
async function onlineAgent(departmentName: string) {
  const agent = await makeStaff(t.db, { departments: [departmentName] });
  await t.db.update(staff).set({ available: true }).where(eq(staff.id, agent.id));
  await t.presence.connected(agent.id);
  return agent;
}

/** The customer writes on the chat's channel from the chat's number. */
async function customerWrites(c: { channelId: string; phone: string }, text = 'hello?') {
  return receiveInbound(quiet(), {
    channelId: c.channelId,
    providerMessageId: `timer-${randomUUID()}`,
    from: c.phone,
    text,
  });
}

/**
 * A live chat: the customer wrote and routing gave it to the department's one agent, who then
 * went offline (so a chat sent back to the queue stays there unless a test says otherwise).
 */
async function liveChat(opts: { kind?: 'webhook' | 'webchat'; stayOnline?: boolean } = {}) {
  const { channel, department } = await makeChannel(t.db, { kind: opts.kind ?? 'webhook' });
  const agent = await onlineAgent(department.name);
  const phone = uniquePhone();
  const { chatId } = await customerWrites({ channelId: channel.id, phone });
  expect(await row(chatId)).toMatchObject({ status: 'live', assigneeId: agent.id });
  const said = await t.db.select().from(messages).where(eq(messages.chatId, chatId));
  expect(said.filter((m) => m.authorKind === 'system').map((m) => m.text)).toEqual([CONNECTED]);
  if (!opts.stayOnline) await t.presence.disconnected(agent.id);
  return { chatId, channelId: channel.id, department, agent, phone };
}

/** The agent answers at the desk. */
async function agentReplies(c: { chatId: string; agent: { id: string } }, text = 'On it') {
  await sendMessage(
    { ...quiet(), outbox: { wake: () => undefined } },
    staffPrincipal(c.agent.id),
    c.chatId,
    { text, clientId: randomUUID() },
  );
}

/** Runs a transition on the locked chat, as a staff action would. */
async function transition<T>(
  chatId: string,
  fn: (tx: Db, emit: EmitFrame, chat: ChatRow) => Promise<T>,
) {
  return transact(quiet(), async (tx, emit) =>
    fn(tx, emit, (await findChatRow(tx, chatId, true))!),
  );
}

const eventsOf = async (chatId: string, type: string) =>
  t.db
    .select()
    .from(events)
    .where(and(eq(events.chatId, chatId), eq(events.type, type)));

/** The chat's auto-replies after the "connecting" one routing sent when the chat began. */
const systemMessagesOf = async (chatId: string) =>
  (
    await t.db
      .select()
      .from(messages)
      .where(and(eq(messages.chatId, chatId), eq(messages.authorKind, 'system')))
      .orderBy(messages.seq)
  ).filter((m) => m.text !== CONNECTED);

const CONNECTED = "You're chatting with Test.";

/** When the reply deadline falls, a millisecond after the row's moment plus the setting. */
async function replyDeadline(chatId: string, minutes = 30) {
  const chat = await row(chatId);
  const since = Math.max(chat.awaitingReplySince!.getTime(), chat.stateSince.getTime());
  return new Date(since + minutes * MINUTE + 1);
}

describe('the agent reply timeout', () => {
  it('sends the chat back to the queue when due and not a moment before, and tells the agent', async () => {
    const c = await liveChat();
    const w = worker();
    const due = await replyDeadline(c.chatId);

    clock.set(plus(due, -2));
    expect(await w.drain()).toBe(0);
    expect((await row(c.chatId)).status).toBe('live');

    clock.set(due);
    expect(await w.drain()).toBe(1);
    expect(await row(c.chatId)).toMatchObject({ status: 'queued', assigneeId: null });
    const [unassigned] = await eventsOf(c.chatId, 'unassigned');
    expect(unassigned).toMatchObject({
      actorKind: 'system',
      data: { from: c.agent.id, reason: 'reply_timeout' },
    });
    const bell = await t.db
      .select()
      .from(notifications)
      .where(eq(notifications.staffId, c.agent.id));
    expect(bell).toMatchObject([{ kind: 'reply_timeout', chatId: c.chatId, readAt: null }]);
    const told = w.frames.find((f) => f.type === 'notification.created');
    expect(told).toMatchObject({
      rooms: [rooms.staff(c.agent.id)],
      data: { id: bell[0]!.id, kind: 'reply_timeout', chatId: c.chatId },
    });
    expect(w.problems).toEqual([]);

    // Fired is fired: the next pass, even much later, finds nothing.
    clock.set(plus(due, 120 * MINUTE));
    expect(await w.drain()).toBe(0);
    expect(await eventsOf(c.chatId, 'unassigned')).toHaveLength(1);
  });

  it('is cancelled by a staff reply, and counts again from the customer’s next message', async () => {
    const c = await liveChat();
    const w = worker();
    const firstDue = await replyDeadline(c.chatId);
    await agentReplies(c);
    clock.set(plus(firstDue, 5 * MINUTE));
    expect(await w.drain()).toBe(0);
    expect((await row(c.chatId)).status).toBe('live');

    await customerWrites(c, 'still there?');
    const nextDue = await replyDeadline(c.chatId);
    expect(nextDue.getTime()).toBeGreaterThan(firstDue.getTime());
    clock.set(plus(nextDue, -2));
    expect(await w.drain()).toBe(0);
    clock.set(nextDue);
    expect(await w.drain()).toBe(1);
    expect((await row(c.chatId)).status).toBe('queued');
  });

  it('does not hand the chat straight back to the agent it timed out from when a colleague has room', async () => {
    const c = await liveChat({ stayOnline: true });
    const colleague = await onlineAgent(c.department.name);
    const w = worker();
    clock.set(await replyDeadline(c.chatId));
    expect(await w.drain()).toBe(1);
    // afterFire served the queue: the colleague has it now.
    expect(await row(c.chatId)).toMatchObject({ status: 'live', assigneeId: colleague.id });
    await t.presence.disconnected(c.agent.id);
    await t.presence.disconnected(colleague.id);
  });

  it('gives the chat back to the same agent when nobody else could take it, rather than leave it waiting', async () => {
    const c = await liveChat({ stayOnline: true });
    const w = worker();
    clock.set(await replyDeadline(c.chatId));
    expect(await w.drain()).toBe(1);
    const back = await row(c.chatId);
    expect(back).toMatchObject({ status: 'live', assigneeId: c.agent.id });
    // Their time starts again from the new assignment.
    expect(back.stateSince.getTime()).toBeGreaterThan(back.awaitingReplySince!.getTime());
    expect(await eventsOf(c.chatId, 'assigned')).toHaveLength(2);
    await t.presence.disconnected(c.agent.id);
  });

  it('never fires for a flagged chat', async () => {
    const c = await liveChat();
    await transition(c.chatId, (tx, emit, chat) =>
      setFlagTransition(tx, emit, chat, {
        flagged: true,
        by: { kind: 'staff', staffId: c.agent.id },
      }),
    );
    const w = worker();
    clock.set(plus(await replyDeadline(c.chatId), 24 * 60 * MINUTE));
    expect(await w.drain()).toBe(0);
    expect(await row(c.chatId)).toMatchObject({ status: 'live', assigneeId: c.agent.id });
  });

  it('takes a changed setting (PUT /api/admin/settings) from the next pass', async () => {
    const admin = await makeStaff(t.db, { role: 'admin' });
    const cookie = await signIn(t.app, admin.email);
    const put = (agentReplyTimeoutMinutes: number) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/admin/settings',
        headers: { cookie },
        payload: { agentReplyTimeoutMinutes },
      });
    const c = await liveChat();
    const w = worker();
    clock.set(await replyDeadline(c.chatId, 12));
    expect(await w.drain()).toBe(0);
    try {
      expect((await put(12)).statusCode).toBe(200);
      expect(await w.drain()).toBe(1);
      expect((await row(c.chatId)).status).toBe('queued');
    } finally {
      expect((await put(30)).statusCode).toBe(200);
    }
  });
});

/** The moment the customer's silence starts (staff spoke last), and the default deadlines. */
async function inactivityDeadlines(chatId: string) {
  const chat = await row(chatId);
  const base = Math.max(chat.lastStaffReplyAt?.getTime() ?? 0, chat.stateSince.getTime());
  return { warn: new Date(base + 55 * MINUTE + 1), close: new Date(base + 60 * MINUTE + 1) };
}

describe('customer inactivity', () => {
  it('warns once at close − warning, then closes at the close time with the "chat ended" auto-reply', async () => {
    const c = await liveChat();
    await agentReplies(c);
    const before = await row(c.chatId);
    const { warn, close } = await inactivityDeadlines(c.chatId);
    const w = worker();

    clock.set(plus(warn, -2));
    expect(await w.drain()).toBe(0);
    clock.set(warn);
    const wakesBefore = outboxWakes;
    expect(await w.drain()).toBe(1);
    expect(outboxWakes).toBeGreaterThan(wakesBefore);
    const [warning] = await systemMessagesOf(c.chatId);
    expect(warning).toMatchObject({
      direction: 'out',
      status: 'queued',
      authorStaffId: null,
      text: "Are you still there? This chat will close in 5 minutes if we don't hear from you.",
    });
    expect(await t.db.select().from(outbox).where(eq(outbox.messageId, warning!.id))).toHaveLength(
      1,
    );
    expect(await eventsOf(c.chatId, 'inactivity_warning')).toMatchObject([
      { actorKind: 'system', data: { minutes: 5, sent: true } },
    ]);
    const created = w.frames.find((f) => f.type === 'message.created');
    expect(created).toMatchObject({ data: { id: warning!.id, author: { kind: 'system' } } });
    // An auto-reply is not a staff reply: the silence still counts from the agent's words.
    const after = await row(c.chatId);
    expect(after.lastStaffReplyAt).toEqual(before.lastStaffReplyAt);
    expect(after.status).toBe('live');

    // Warned once: a later pass before the close sends nothing more.
    clock.set(plus(close, -2));
    expect(await w.drain()).toBe(0);
    expect(await systemMessagesOf(c.chatId)).toHaveLength(1);

    clock.set(close);
    expect(await w.drain()).toBe(1);
    expect((await row(c.chatId)).status).toBe('closed');
    expect(await eventsOf(c.chatId, 'inactivity_timeout')).toMatchObject([{ actorKind: 'system' }]);
    const texts = (await systemMessagesOf(c.chatId)).map((m) => m.text);
    expect(texts).toEqual([
      autoReplyText('inactivity_warning', { minutes: 5 }),
      'This chat has ended. Write again any time to start a new one.',
    ]);
    expect(w.frames.some((f) => f.type === 'chat.ended')).toBe(true);
    expect(await w.drain()).toBe(0);
  });

  it('is cancelled by a customer message, warning or close', async () => {
    const c = await liveChat();
    await agentReplies(c);
    const { warn, close } = await inactivityDeadlines(c.chatId);
    const w = worker();
    clock.set(warn);
    expect(await w.drain()).toBe(1);
    await customerWrites(c, 'yes, still here');
    clock.set(plus(close, 60 * MINUTE));
    // The customer now waits on the agent: no inactivity (the reply timeout is a separate deadline
    // and, an hour on, due: this pass sends the chat back to the queue, and closes nothing).
    await w.drain();
    expect((await row(c.chatId)).status).not.toBe('closed');
    expect(await eventsOf(c.chatId, 'inactivity_timeout')).toHaveLength(0);
    expect(await eventsOf(c.chatId, 'inactivity_warning')).toHaveLength(1);
  });

  it('warns again after the agent speaks again, counting from their new words', async () => {
    const c = await liveChat({ stayOnline: true });
    await agentReplies(c);
    const w = worker();
    clock.set((await inactivityDeadlines(c.chatId)).warn);
    expect(await w.drain()).toBe(1);
    await customerWrites(c, 'one more thing');
    await agentReplies(c, 'Sure');
    const again = await inactivityDeadlines(c.chatId);
    clock.set(plus(again.warn, -2));
    expect(await w.drain()).toBe(0);
    clock.set(again.warn);
    expect(await w.drain()).toBe(1);
    expect(await eventsOf(c.chatId, 'inactivity_warning')).toHaveLength(2);
    await t.presence.disconnected(c.agent.id);
  });

  it('sends no auto-reply to a customer who opted out, and still closes the chat', async () => {
    const c = await liveChat();
    await agentReplies(c);
    const chat = await row(c.chatId);
    await t.db
      .update(customers)
      .set({ optedOutAt: new Date() })
      .where(eq(customers.id, chat.customerId));
    const { warn, close } = await inactivityDeadlines(c.chatId);
    const w = worker();
    clock.set(warn);
    expect(await w.drain()).toBe(1);
    expect(await eventsOf(c.chatId, 'inactivity_warning')).toMatchObject([
      { data: { sent: false } },
    ]);
    clock.set(close);
    expect(await w.drain()).toBe(1);
    expect((await row(c.chatId)).status).toBe('closed');
    expect(await systemMessagesOf(c.chatId)).toEqual([]);
  });

  it('writes a web chat’s auto-reply as sent: the widget’s socket carries it, not the outbox', async () => {
    const c = await liveChat({ kind: 'webchat' });
    await agentReplies(c);
    const w = worker();
    clock.set((await inactivityDeadlines(c.chatId)).warn);
    expect(await w.drain()).toBe(1);
    const [warning] = await systemMessagesOf(c.chatId);
    expect(warning).toMatchObject({ status: 'sent' });
    expect(await t.db.select().from(outbox).where(eq(outbox.messageId, warning!.id))).toEqual([]);
    const created = w.frames.find((f) => f.type === 'message.created');
    expect(created?.rooms).toHaveLength(2);
  });

  it('sends no warning when the warning would not come before the close, and still closes', async () => {
    const c = await liveChat();
    await agentReplies(c);
    const chat = await row(c.chatId);
    const ctx = await timerContext({ db: t.db }, clock.now());
    const settings = {
      ...ctx.settings,
      customerInactivityCloseMinutes: 10,
      customerInactivityWarningMinutes: 10,
    };
    const base = chat.lastStaffReplyAt!.getTime();
    const at = (ms: number) => ({ ...ctx, settings, now: new Date(base + ms) });
    expect(inactivityStep(chat, at(9 * MINUTE))).toBeUndefined();
    expect(inactivityStep(chat, at(10 * MINUTE))).toBe('close');
  });

  it('never warns or closes a flagged chat', async () => {
    const c = await liveChat();
    await agentReplies(c);
    await t.db.update(chats).set({ flagged: true }).where(eq(chats.id, c.chatId));
    const w = worker();
    clock.set(plus((await inactivityDeadlines(c.chatId)).close, 24 * 60 * MINUTE));
    expect(await w.drain()).toBe(0);
    expect((await row(c.chatId)).status).toBe('live');
    expect(await systemMessagesOf(c.chatId)).toEqual([]);
  });
});

/** A pending chat: the agent answered and marked it pending. */
async function pendingChat() {
  const c = await liveChat();
  await agentReplies(c);
  await transition(c.chatId, (tx, emit, chat) =>
    markPendingTransition(tx, emit, chat, { kind: 'staff', staffId: c.agent.id }),
  );
  return c;
}

const pendingDeadline = async (chatId: string) =>
  new Date((await row(chatId)).stateSince.getTime() + 8 * 60 * MINUTE + 1);

describe('pending auto-close', () => {
  it('closes a pending chat after the pending time and not before, with the "chat ended" auto-reply', async () => {
    const c = await pendingChat();
    const w = worker();
    const due = await pendingDeadline(c.chatId);
    clock.set(plus(due, -2));
    // Only the warning, five minutes before: the chat stays pending.
    expect(await w.drain()).toBe(1);
    expect((await row(c.chatId)).status).toBe('pending');
    clock.set(due);
    expect(await w.drain()).toBe(1);
    expect((await row(c.chatId)).status).toBe('closed');
    expect(await eventsOf(c.chatId, 'pending_auto_closed')).toMatchObject([
      { actorKind: 'system' },
    ]);
    expect((await systemMessagesOf(c.chatId)).map((m) => m.text)).toEqual([
      autoReplyText('pending_warning', { minutes: 5 }),
      autoReplyText('chat_ended'),
    ]);
    expect(await w.drain()).toBe(0);
  });

  it('starts again when the chat is resumed and marked pending later', async () => {
    const c = await pendingChat();
    const firstDue = await pendingDeadline(c.chatId);
    await transition(c.chatId, (tx, emit, chat) =>
      resumeChatTransition(tx, emit, chat, {
        by: { kind: 'staff', staffId: c.agent.id },
        reason: 'staff',
      }),
    );
    await transition(c.chatId, (tx, emit, chat) =>
      markPendingTransition(tx, emit, chat, { kind: 'staff', staffId: c.agent.id }),
    );
    const nextDue = await pendingDeadline(c.chatId);
    expect(nextDue.getTime()).toBeGreaterThan(firstDue.getTime());
    const w = worker();
    clock.set(plus(nextDue, -2));
    expect(await w.drain()).toBe(1);
    expect(await eventsOf(c.chatId, 'pending_warning')).toHaveLength(1);
    expect((await row(c.chatId)).status).toBe('pending');
    clock.set(nextDue);
    expect(await w.drain()).toBe(1);
  });

  it('is cancelled when the customer writes: the chat is live again', async () => {
    const c = await pendingChat();
    const due = await pendingDeadline(c.chatId);
    await customerWrites(c, 'back again');
    expect((await row(c.chatId)).status).toBe('live');
    const w = worker();
    clock.set(plus(due, -2));
    await w.drain();
    expect(await eventsOf(c.chatId, 'pending_auto_closed')).toHaveLength(0);
  });

  it('never closes a flagged pending chat', async () => {
    const c = await pendingChat();
    await t.db.update(chats).set({ flagged: true }).where(eq(chats.id, c.chatId));
    const w = worker();
    clock.set(plus(await pendingDeadline(c.chatId), 48 * 60 * MINUTE));
    expect(await w.drain()).toBe(0);
    expect((await row(c.chatId)).status).toBe('pending');
  });
});

describe('the pending warning', () => {
  const warnAt = async (chatId: string) => plus(await pendingDeadline(chatId), -5 * MINUTE);

  it('warns a pending chat once, the warning minutes before its auto-close, and not a moment before', async () => {
    const c = await pendingChat();
    const w = worker();
    const warn = await warnAt(c.chatId);
    clock.set(plus(warn, -2));
    expect(await w.drain()).toBe(0);
    clock.set(warn);
    expect(await w.drain()).toBe(1);
    expect((await systemMessagesOf(c.chatId)).map((m) => m.text)).toEqual([
      "We haven't heard back from you. This chat will close in 5 minutes; write to keep it open.",
    ]);
    expect(await eventsOf(c.chatId, 'pending_warning')).toMatchObject([
      { actorKind: 'system', data: { minutes: 5, sent: true } },
    ]);
    expect((await row(c.chatId)).status).toBe('pending');
    clock.set(plus(warn, 4 * MINUTE));
    expect(await w.drain()).toBe(0);
    expect(await eventsOf(c.chatId, 'pending_warning')).toHaveLength(1);
  });

  it('is cancelled by the customer’s reply: the chat is live again', async () => {
    const c = await pendingChat();
    const warn = await warnAt(c.chatId);
    await customerWrites(c, 'I am back');
    const w = worker();
    clock.set(warn);
    await w.drain();
    expect(await eventsOf(c.chatId, 'pending_warning')).toEqual([]);
  });

  const resume = (c: { chatId: string; agent: { id: string } }) =>
    transition(c.chatId, (tx, emit, chat) =>
      resumeChatTransition(tx, emit, chat, {
        by: { kind: 'staff', staffId: c.agent.id },
        reason: 'staff',
      }),
    );
  const markPending = (c: { chatId: string; agent: { id: string } }) =>
    transition(c.chatId, (tx, emit, chat) =>
      markPendingTransition(tx, emit, chat, { kind: 'staff', staffId: c.agent.id }),
    );

  it('is cancelled by a resume', async () => {
    const c = await pendingChat();
    const warn = await warnAt(c.chatId);
    await resume(c);
    const w = worker();
    clock.set(warn);
    await w.drain();
    expect(await eventsOf(c.chatId, 'pending_warning')).toEqual([]);
  });

  it('warns again in the next pending stretch, counting from it', async () => {
    const c = await pendingChat();
    const w = worker();
    clock.set(await warnAt(c.chatId));
    expect(await w.drain()).toBe(1);
    await resume(c);
    await markPending(c);
    const again = await warnAt(c.chatId);
    clock.set(plus(again, -2));
    expect(await w.drain()).toBe(0);
    clock.set(again);
    expect(await w.drain()).toBe(1);
    expect(await eventsOf(c.chatId, 'pending_warning')).toHaveLength(2);
  });

  it('sends nothing to a customer who opted out, and says so in the event', async () => {
    const c = await pendingChat();
    const chat = await row(c.chatId);
    await t.db
      .update(customers)
      .set({ optedOutAt: new Date() })
      .where(eq(customers.id, chat.customerId));
    const w = worker();
    clock.set(await warnAt(c.chatId));
    expect(await w.drain()).toBe(1);
    expect(await eventsOf(c.chatId, 'pending_warning')).toMatchObject([{ data: { sent: false } }]);
    expect(await systemMessagesOf(c.chatId)).toEqual([]);
  });

  it('never warns a flagged pending chat, nor one whose close is already due', async () => {
    const flagged = await pendingChat();
    await t.db.update(chats).set({ flagged: true }).where(eq(chats.id, flagged.chatId));
    const late = await pendingChat();
    const w = worker();
    clock.set(plus(await pendingDeadline(late.chatId), MINUTE));
    expect(await w.drain()).toBe(1);
    expect(await eventsOf(late.chatId, 'pending_auto_closed')).toHaveLength(1);
    expect(await eventsOf(late.chatId, 'pending_warning')).toEqual([]);
    expect(await eventsOf(flagged.chatId, 'pending_warning')).toEqual([]);
  });

  it('two workers racing for one pending warning send it once', async () => {
    const c = await pendingChat();
    const a = worker();
    const b = worker(second.db);
    clock.set(await warnAt(c.chatId));
    const fired = await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
    expect(fired.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await systemMessagesOf(c.chatId)).toHaveLength(1);
  });
});

describe('firing once', () => {
  it('survives a restart in between: the worker stopped before the deadline, the next fires once', async () => {
    const c = await pendingChat();
    const due = await pendingDeadline(c.chatId);
    const a = worker();
    clock.set(plus(due, -60 * MINUTE));
    expect(await a.drain()).toBe(0);
    await a.stop();
    // Nothing was kept in memory: a new worker (another process) finds the deadline in the row.
    const b = worker(second.db);
    clock.set(plus(due, 30 * MINUTE));
    expect(await b.drain()).toBe(1);
    expect(await b.drain()).toBe(0);
    expect(await eventsOf(c.chatId, 'pending_auto_closed')).toHaveLength(1);
  });

  it('two workers racing for the same deadlines fire each once', async () => {
    const timedOut = await liveChat();
    const quietCustomer = await liveChat();
    await agentReplies(quietCustomer);
    const pending = await pendingChat();
    const a = worker();
    const b = worker(second.db);
    clock.set(plus(await pendingDeadline(pending.chatId), MINUTE));
    const [firedA, firedB] = await Promise.all([a.drain(), b.drain()]);
    expect(firedA + firedB).toBe(3);
    expect(await eventsOf(timedOut.chatId, 'unassigned')).toHaveLength(1);
    expect(await eventsOf(quietCustomer.chatId, 'inactivity_timeout')).toHaveLength(1);
    expect(await eventsOf(pending.chatId, 'pending_auto_closed')).toHaveLength(1);
    expect(await systemMessagesOf(quietCustomer.chatId)).toHaveLength(1);
    expect(await systemMessagesOf(pending.chatId)).toHaveLength(1);
    const bells = await t.db
      .select()
      .from(notifications)
      .where(eq(notifications.chatId, timedOut.chatId));
    expect(bells).toHaveLength(1);
    expect([...a.problems, ...b.problems]).toEqual([]);
  });

  it('two workers racing for one warning send it once', async () => {
    const c = await liveChat();
    await agentReplies(c);
    const a = worker();
    const b = worker(second.db);
    clock.set((await inactivityDeadlines(c.chatId)).warn);
    const fired = await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
    expect(fired.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await eventsOf(c.chatId, 'inactivity_warning')).toHaveLength(1);
    expect(await systemMessagesOf(c.chatId)).toHaveLength(1);
  });
});
