import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chats, customers, messages, realtimeFrames, staff } from '../../db/schema.ts';
import type { CommittedFrame } from '../../realtime/frames.ts';
import { chatAudience, customerVisibleRooms, rooms, widgetRoomOf } from '../../realtime/rooms.ts';
import { makeChannel, makeStaff, testApp, type TestApp, uniquePhone } from '../../test/harness.ts';
import { randomUUID } from 'node:crypto';
import { findChat, toMessages } from './chat-payloads.repo.ts';
import { appendToOpenChatInOneStatement } from './inbound-fast-path.repo.ts';
import { receiveInbound } from './inbound.service.ts';

/*
 * The one-statement customer write builds its frames in SQL (docs/adr/0010-sql-built-frames.md). Whatever it sends must be what the
 * TypeScript builders say for the same rows (toMessages for the message, toChat through findChat
 * for the chat),
 * or the desk would show one thing live and another after a reload; and it must address them to
 * the rooms realtime/rooms.ts names (customerVisibleRooms, chatAudience).
 */

let t: TestApp;
const mid = () => `fast-${Math.random().toString(36).slice(2)}`;

beforeAll(async () => {
  t = await testApp();
});

/**
 * The one-statement write, handed what receiveInbound hands it: the number's customer id and
 * the widget room `widgetRoomOf` names for that customer's chats on the channel.
 */
async function appendAsReceiveWould(
  db: typeof t.db,
  m: Omit<Parameters<typeof appendToOpenChatInOneStatement>[1], 'customerId' | 'widgetRoom'>,
) {
  const [customer] = await db.select().from(customers).where(eq(customers.phone, m.phone));
  const customerId = customer?.id ?? randomUUID();
  const room = widgetRoomOf({
    customerId,
    channelId: m.channel.id,
    unverified: false,
    widgetSessionId: null,
  });
  return appendToOpenChatInOneStatement(db, { ...m, customerId, widgetRoom: room });
}

const normal = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/** A chat with one message in it, written by the full path; queued unless `agent` takes it. */
async function openChat(opts: { name?: string; agent?: boolean } = {}) {
  const { channel, department } = await makeChannel(t.db);
  let agentId: string | undefined;
  if (opts.agent) {
    const agent = await makeStaff(t.db, { departments: [department.name], name: 'Fast Agent' });
    await t.db.update(staff).set({ available: true }).where(eq(staff.id, agent.id));
    await t.presence.connected(agent.id);
    agentId = agent.id;
  }
  const phone = uniquePhone();
  const first = await receiveInbound(
    { db: t.db, presence: t.presence, notifier: { wake: () => undefined } },
    {
      channelId: channel.id,
      providerMessageId: mid(),
      from: phone,
      text: 'first',
      name: opts.name,
    },
  );
  if (agentId) await t.presence.disconnected(agentId);
  return { channel, department, phone, chatId: first.chatId, agentId };
}

async function expectFramesMatch(chatId: string, frames: CommittedFrame[]) {
  expect(frames.map((f) => f.type)).toEqual(['message.created', 'chat.updated']);
  const [messageFrame, chatFrame] = frames as [CommittedFrame, CommittedFrame];
  expect(chatFrame.id).toBe(messageFrame.id + 1);

  const [row] = await t.db
    .select()
    .from(messages)
    .where(eq(messages.id, (messageFrame.data as { id: string }).id));
  const [chat] = await t.db.select().from(chats).where(eq(chats.id, chatId));
  const [customer] = await t.db.select().from(customers).where(eq(customers.id, chat!.customerId));
  const [expectedMessage] = await toMessages(t.db, [row!], customer!.name);
  expect(messageFrame.data).toEqual(normal(expectedMessage));
  expect(new Set(messageFrame.rooms)).toEqual(new Set(customerVisibleRooms(chat!)));
  expect(new Set(chatFrame.rooms)).toEqual(new Set(chatAudience(chat!)));
  expect(chatFrame.data).toEqual(normal(await findChat(t.db, chatId)));

  // What was sent is what is kept for resumes and other nodes, under the same ids.
  const stored = await t.db
    .select()
    .from(realtimeFrames)
    .where(
      inArray(
        realtimeFrames.id,
        frames.map((f) => f.id),
      ),
    );
  for (const f of frames) {
    const kept = stored.find((s) => s.id === f.id);
    expect(kept).toMatchObject({ type: f.type, rooms: f.rooms });
    expect(kept?.data).toEqual(f.data);
    expect(JSON.parse(f.json)).toEqual(f.data);
  }
}

describe('a message to a live or queued chat, in one statement', () => {
  it('says of a queued chat exactly what the full path says, to the department', async () => {
    const c = await openChat({ name: 'Queued Qhawe' });
    const done = await appendAsReceiveWould(t.db, {
      phone: c.phone,
      name: null,
      channel: c.channel,
      text: 'second, with "quotes" and ünïcode ✓',
      providerMessageId: mid(),
      at: new Date(),
    });
    if (done.kind !== 'stored') throw new Error(`not stored: ${done.kind}`);
    expect(done.chatId).toBe(c.chatId);
    await expectFramesMatch(c.chatId, done.frames);
    const queued = {
      id: c.chatId,
      assigneeId: null,
      status: 'queued',
      departmentId: c.department.id,
    };
    expect(new Set(done.frames[1]!.rooms)).toEqual(new Set(chatAudience(queued)));
    expect(done.frames[1]!.rooms).toContain(rooms.department(c.department.id));
  });

  it('says of a live chat exactly what the full path says, to its agent, with no name as "Customer"', async () => {
    const c = await openChat({ agent: true });
    const [before] = await t.db.select().from(chats).where(eq(chats.id, c.chatId));
    expect(before).toMatchObject({ status: 'live', assigneeId: c.agentId });
    const done = await appendAsReceiveWould(t.db, {
      phone: c.phone,
      name: null,
      channel: c.channel,
      text: 'are you there?',
      providerMessageId: mid(),
      at: new Date(),
    });
    if (done.kind !== 'stored') throw new Error(`not stored: ${done.kind}`);
    await expectFramesMatch(c.chatId, done.frames);
    expect((done.frames[0]!.data as { author: { name: string } }).author.name).toBe('Customer');
    const live = {
      id: c.chatId,
      assigneeId: c.agentId!,
      status: 'live',
      departmentId: c.department.id,
    };
    expect(new Set(done.frames[1]!.rooms)).toEqual(new Set(chatAudience(live)));
    expect(done.frames[1]!.rooms).toContain(rooms.staff(c.agentId!));
  });

  it('stores a repeated provider id once and touches nothing the second time', async () => {
    const c = await openChat();
    const input = {
      phone: c.phone,
      name: null,
      channel: c.channel,
      text: 'once',
      providerMessageId: mid(),
      at: new Date(),
    };
    expect((await appendAsReceiveWould(t.db, input)).kind).toBe('stored');
    const [touched] = await t.db.select().from(chats).where(eq(chats.id, c.chatId));
    const later = { ...input, at: new Date(Date.now() + 60_000) };
    expect((await appendAsReceiveWould(t.db, later)).kind).toBe('duplicate');
    const [after] = await t.db.select().from(chats).where(eq(chats.id, c.chatId));
    expect(after?.lastActivityAt).toEqual(touched?.lastActivityAt);
    const rows = await t.db.select().from(messages).where(eq(messages.chatId, c.chatId));
    expect(rows.filter((r) => r.text === 'once')).toHaveLength(1);
  });

  it('leaves to the full path a customer without an open chat, one who opted out, or a pending chat', async () => {
    const { channel } = await makeChannel(t.db);
    const stranger = { channel, text: 'hi', name: null, at: new Date() };
    expect(
      (
        await appendAsReceiveWould(t.db, {
          ...stranger,
          phone: uniquePhone(),
          providerMessageId: mid(),
        })
      ).kind,
    ).toBe('needs-full-path');

    const optedOut = await openChat();
    await t.db
      .update(customers)
      .set({ optedOutAt: new Date() })
      .where(eq(customers.phone, optedOut.phone));
    const input = (c: typeof optedOut) => ({
      phone: c.phone,
      name: null,
      channel: c.channel,
      text: 'back again',
      providerMessageId: mid(),
      at: new Date(),
    });
    expect((await appendAsReceiveWould(t.db, input(optedOut))).kind).toBe('needs-full-path');

    const pending = await openChat({ agent: true });
    await t.db.update(chats).set({ status: 'pending' }).where(eq(chats.id, pending.chatId));
    expect((await appendAsReceiveWould(t.db, input(pending))).kind).toBe('needs-full-path');
    // Nothing was stored for either.
    for (const c of [optedOut, pending]) {
      const rows = await t.db.select().from(messages).where(eq(messages.chatId, c.chatId));
      expect(rows.filter((r) => r.authorKind !== 'system').map((r) => r.text)).toEqual(['first']);
    }
  });

  it('never writes into an unverified web-chat chat, whoever the number belongs to', async () => {
    const c = await openChat();
    await t.db.update(chats).set({ unverified: true }).where(eq(chats.id, c.chatId));
    const done = await appendAsReceiveWould(t.db, {
      phone: c.phone,
      name: null,
      channel: c.channel,
      text: 'not for that chat',
      providerMessageId: mid(),
      at: new Date(),
    });
    expect(done.kind).toBe('needs-full-path');
    const rows = await t.db.select().from(messages).where(eq(messages.chatId, c.chatId));
    // Besides the customer's message, only what Parley said (that the chat waits).
    expect(rows.filter((r) => r.authorKind !== 'system').map((r) => r.text)).toEqual(['first']);
  });
});
