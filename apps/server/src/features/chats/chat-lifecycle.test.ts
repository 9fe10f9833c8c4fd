import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chats, customers, events, staff } from '../../db/schema.ts';
import { type CommittedFrame, type EmitFrame, transact } from '../../realtime/frames.ts';
import { rooms, widgetRoomOf } from '../../realtime/rooms.ts';
import { makeChannel, makeStaff, testApp, type TestApp, uniquePhone } from '../../test/harness.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from './chat-events.service.ts';
import {
  assignChatTransition,
  type CloseReason,
  closeChatTransition,
  lockAgent,
} from './chat-lifecycle.service.ts';
import { type ChatRow, findChatRow } from './chats.repo.ts';
import { receiveInbound } from './inbound.service.ts';

/*
 * The chat's own rules, asked of the transitions directly, the way a staff action, the
 * customer's message, routing, the widget or a timer asks them.
 */

let t: TestApp;
beforeAll(async () => {
  // The app registers the closed-chat hooks (the comments' purge) that every close runs.
  t = await testApp();
});

const mid = () => `life-${Math.random().toString(36).slice(2)}`;
const staffActor = (staffId: string): Actor => ({ kind: 'staff', staffId });

/** Runs a transition on the locked chat and answers what it returned and the frames it sent. */
async function transition<T>(
  chatId: string,
  fn: (tx: Db, emit: EmitFrame, chat: ChatRow) => Promise<T>,
): Promise<{ result: T; frames: CommittedFrame[] }> {
  let frames: CommittedFrame[] = [];
  const result = await transact(
    { db: t.db, notifier: { wake: (committed) => (frames = committed ?? []) } },
    async (tx, emit) => {
      const chat = await findChatRow(tx, chatId, true);
      if (!chat) throw new Error('no chat');
      return fn(tx, emit, chat);
    },
  );
  return { result, frames };
}

/** A queued chat: nobody is online to take it. */
async function queuedChat() {
  const { channel, department } = await makeChannel(t.db);
  const { chatId } = await receiveInbound(
    { db: t.db, presence: t.presence, notifier: { wake: () => undefined } },
    { channelId: channel.id, providerMessageId: mid(), from: uniquePhone(), text: 'hello' },
  );
  return { chatId, channel, department };
}

/** A live chat with an agent of its department, given to them by routing. */
async function liveChat(opts: { flagged?: boolean } = {}) {
  const c = await queuedChat();
  const agent = await makeStaff(t.db, { departments: [c.department.name] });
  await transition(c.chatId, async (tx, emit, chat) =>
    assignChatTransition(tx, emit, chat, {
      agent: await lockAgent(tx, agent.id),
      by: { kind: 'system' },
    }),
  );
  if (opts.flagged) await t.db.update(chats).set({ flagged: true }).where(eq(chats.id, c.chatId));
  return { ...c, agent };
}

const eventTypes = async (chatId: string) =>
  (await t.db.select().from(events).where(eq(events.chatId, chatId))).map((e) => e.type);

const row = async (chatId: string) => (await findChatRow(t.db, chatId))!;

describe('closing a chat', () => {
  it('refuses a staff close of a flagged chat (409) and changes nothing', async () => {
    const c = await liveChat({ flagged: true });
    const close = transition(c.chatId, (tx, emit, chat) =>
      closeChatTransition(tx, emit, chat, {
        by: staffActor(c.agent.id),
        reason: { kind: 'wrap-up', sentiment: 'neutral', tag: null },
      }),
    );
    await expect(close).rejects.toMatchObject({
      status: 409,
      message: 'A flagged chat cannot be closed. Un-flag it first.',
    });
    expect(await row(c.chatId)).toMatchObject({ status: 'live', closedAt: null });
    expect(await eventTypes(c.chatId)).not.toContain('closed');
  });

  it('refuses a system close of a flagged chat too (a timer must leave it open)', async () => {
    const c = await liveChat({ flagged: true });
    const close = transition(c.chatId, (tx, emit, chat) =>
      closeChatTransition(tx, emit, chat, {
        by: { kind: 'system' },
        reason: { kind: 'ended-by-customer' },
      }),
    );
    await expect(close).rejects.toMatchObject({ status: 409 });
    expect((await row(c.chatId)).status).toBe('live');
  });

  it('lets the customer end a flagged chat: the flag holds it against staff only', async () => {
    const c = await liveChat({ flagged: true });
    await transition(c.chatId, (tx, emit, chat) =>
      closeChatTransition(tx, emit, chat, {
        by: { kind: 'customer' },
        reason: { kind: 'ended-by-customer' },
      }),
    );
    expect((await row(c.chatId)).status).toBe('closed');
  });

  const paths: {
    name: string;
    by: (agentId: string) => Actor;
    reason: CloseReason;
    event: string;
    /** Whether the customer hears "chat ended": not when they ended it, or it goes on elsewhere. */
    toldItEnded: boolean;
  }[] = [
    {
      name: 'a staff wrap-up',
      by: staffActor,
      reason: { kind: 'wrap-up', sentiment: 'positive', tag: 'billing' },
      event: 'closed',
      toldItEnded: true,
    },
    {
      name: 'the customer’s end',
      by: () => ({ kind: 'customer' }),
      reason: { kind: 'ended-by-customer' },
      event: 'ended_by_customer',
      toldItEnded: false,
    },
    {
      name: 'a verified takeover',
      by: () => ({ kind: 'customer' }),
      reason: { kind: 'verified-elsewhere', continuedIn: undefined },
      event: 'verified_elsewhere',
      toldItEnded: false,
    },
  ];

  for (const path of paths) {
    it(`closes through ${path.name} with the same steps: row, purge, event, chat and widget frames`, async () => {
      const c = await liveChat();
      const before = await row(c.chatId);
      const { result, frames } = await transition(c.chatId, (tx, emit, chat) =>
        closeChatTransition(tx, emit, chat, { by: path.by(c.agent.id), reason: path.reason }),
      );
      const after = await row(c.chatId);
      expect(after).toMatchObject({ status: 'closed', queuedAt: null });
      expect(after.closedAt).toBeInstanceOf(Date);
      expect(result).toMatchObject({ id: c.chatId, status: 'closed' });

      // The "chat ended" auto-reply comes before the chat's own frames, so the widget shows it last.
      const said = frames.filter((f) => f.type === 'message.created');
      expect(said.map((f) => f.data)).toEqual(
        path.toldItEnded
          ? [
              expect.objectContaining({
                author: expect.objectContaining({ kind: 'system' }),
                text: 'This chat has ended. Write again any time to start a new one.',
              }),
            ]
          : [],
      );
      expect(frames.findIndex((f) => f.type === 'message.created')).toBeLessThan(
        path.toldItEnded ? frames.findIndex((f) => f.type === 'chat.updated') : 0,
      );
      frames.splice(0, frames.length, ...frames.filter((f) => f.type !== 'message.created'));
      expect(frames.map((f) => f.type)).toEqual([
        'comments.cleared',
        'event.created',
        'chat.updated',
        'chat.ended',
      ]);
      expect(frames[1]!.data).toMatchObject({ type: path.event });
      // Whoever saw the chat before sees it leave: its agent's own room among them.
      expect(frames[2]!.rooms).toEqual(
        expect.arrayContaining([rooms.chat(c.chatId), rooms.staff(c.agent.id)]),
      );
      expect(frames[3]!.rooms).toEqual([widgetRoomOf(before)]);
      const types = await eventTypes(c.chatId);
      expect(types.filter((type) => type === path.event)).toHaveLength(1);
    });
  }

  it('keeps the wrap-up on the row only for a staff close', async () => {
    const c = await liveChat();
    await transition(c.chatId, (tx, emit, chat) =>
      closeChatTransition(tx, emit, chat, {
        by: staffActor(c.agent.id),
        reason: { kind: 'wrap-up', sentiment: 'negative', tag: 'refund' },
      }),
    );
    expect(await row(c.chatId)).toMatchObject({ sentiment: 'negative', wrapTag: 'refund' });
    const [closed] = await t.db
      .select()
      .from(events)
      .where(and(eq(events.chatId, c.chatId), eq(events.type, 'closed')));
    expect(closed?.data).toEqual({ sentiment: 'negative', tag: 'refund', withNote: false });
  });

  it('refuses staff a second close (409) and does nothing for the customer’s', async () => {
    const c = await liveChat();
    const end = (by: Actor) =>
      transition(c.chatId, (tx, emit, chat) =>
        closeChatTransition(tx, emit, chat, { by, reason: { kind: 'ended-by-customer' } }),
      );
    await end({ kind: 'customer' });
    const closedAt = (await row(c.chatId)).closedAt;

    const again = await end({ kind: 'customer' });
    expect(again.result).toBeUndefined();
    expect(again.frames).toEqual([]);
    await expect(end(staffActor(c.agent.id))).rejects.toMatchObject({
      status: 409,
      message: 'This chat is already closed.',
    });
    expect((await row(c.chatId)).closedAt).toEqual(closedAt);
    expect((await eventTypes(c.chatId)).filter((e) => e === 'ended_by_customer')).toHaveLength(1);
  });
});

describe('giving a chat to an agent', () => {
  it('takes a queued chat live, remembers the agent, says who gave it, and tells the department', async () => {
    const c = await queuedChat();
    const agent = await makeStaff(t.db, { departments: [c.department.name], name: 'Nomsa' });
    const { frames } = await transition(c.chatId, async (tx, emit, chat) =>
      assignChatTransition(tx, emit, chat, {
        agent: await lockAgent(tx, agent.id),
        by: { kind: 'system' },
      }),
    );
    expect(await row(c.chatId)).toMatchObject({ status: 'live', assigneeId: agent.id });
    const [customer] = await t.db
      .select()
      .from(customers)
      .where(eq(customers.id, (await row(c.chatId)).customerId));
    expect(customer?.lastAgentId).toBe(agent.id);
    // The customer hears who took the chat, and their widget who joined (widget.status.test.ts).
    expect(frames.map((f) => f.type)).toEqual([
      'event.created',
      'chat.updated',
      'widget.chat',
      'message.created',
    ]);
    expect(frames[3]!.data).toMatchObject({
      author: { kind: 'system' },
      text: "You're chatting with Nomsa.",
    });
    expect(frames[0]!.data).toMatchObject({
      type: 'assigned',
      data: { to: { id: agent.id, name: 'Nomsa' }, by: 'routing' },
    });
    // It leaves the department's queue, so the department hears it go.
    expect(frames[1]!.rooms).toEqual(
      expect.arrayContaining([rooms.department(c.department.id), rooms.staff(agent.id)]),
    );
  });

  it('refuses a closed chat (409)', async () => {
    const c = await liveChat();
    await t.db.update(chats).set({ status: 'closed' }).where(eq(chats.id, c.chatId));
    const other = await makeStaff(t.db, { departments: [c.department.name] });
    const assign = transition(c.chatId, async (tx, emit, chat) =>
      assignChatTransition(tx, emit, chat, {
        agent: await lockAgent(tx, other.id),
        by: staffActor(other.id),
      }),
    );
    await expect(assign).rejects.toMatchObject({
      status: 409,
      message: 'A closed chat cannot be assigned. Reopen it first.',
    });
    expect((await row(c.chatId)).assigneeId).toBe(c.agent.id);
  });

  it('keeps a flagged chat with its agent (409)', async () => {
    const c = await liveChat({ flagged: true });
    const other = await makeStaff(t.db, { departments: [c.department.name] });
    const assign = transition(c.chatId, async (tx, emit, chat) =>
      assignChatTransition(tx, emit, chat, {
        agent: await lockAgent(tx, other.id),
        by: { kind: 'system' },
      }),
    );
    await expect(assign).rejects.toMatchObject({ status: 409 });
    expect((await row(c.chatId)).assigneeId).toBe(c.agent.id);
  });

  it('never gives an agent more live chats than their capacity (409)', async () => {
    const first = await liveChat();
    await t.db.update(staff).set({ capacity: 1 }).where(eq(staff.id, first.agent.id));
    const c = await queuedChat();
    const assign = transition(c.chatId, async (tx, emit, chat) =>
      assignChatTransition(tx, emit, chat, {
        agent: await lockAgent(tx, first.agent.id),
        by: { kind: 'system' },
      }),
    );
    await expect(assign).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('already has 1 live chats'),
    });
    expect(await row(c.chatId)).toMatchObject({ status: 'queued', assigneeId: null });
  });
});
