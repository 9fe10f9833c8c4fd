import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, staff, webhookDeliveries, webhookSubscriptions } from '../../db/schema.ts';
import { widgetRoomOf } from '../../realtime/rooms.ts';
import {
  emptyDatabase,
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { appendToOpenChatInOneStatement } from '../chats/inbound-fast-path.repo.ts';
import { receiveInbound } from '../chats/index.ts';
import { deliveriesOf, makeSubscription } from './webhooks.test-support.ts';

/*
 * Each change that reports an event queues exactly one delivery per active subscription that
 * wants it, in the change's transaction. A database of this file's own: subscriptions here must
 * not see other files' chats, and "no subscription" must mean none at all.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ database: await emptyDatabase() });
});
afterAll(() => t.database.close());

const mid = () => `wh-${randomUUID().slice(0, 12)}`;
const deps = () => ({ db: t.db, presence: t.presence, notifier: { wake: () => undefined } });

/** Deliveries of one type about one object (a chat, message or customer id), per subscription. */
async function deliveriesAbout(subscriptionId: string, type: string, dataId: string) {
  return (await deliveriesOf(t.db, subscriptionId)).filter(
    (d) => d.eventType === type && (d.data as { id?: string }).id === dataId,
  );
}

async function expectOneEach(subs: { id: string }[], type: string, dataId: string) {
  const found = await Promise.all(subs.map((s) => deliveriesAbout(s.id, type, dataId)));
  expect(found.map((f) => f.length)).toEqual(subs.map(() => 1));
  // One event: every subscription gets the same id to dedupe on.
  expect(new Set(found.map((f) => f[0]!.eventId)).size).toBe(1);
  return found[0]![0]!;
}

/** A queued chat started by a customer's first message (the full path). */
async function newChat() {
  const { channel, department } = await makeChannel(t.db);
  const phone = uniquePhone();
  const first = await receiveInbound(deps(), {
    channelId: channel.id,
    providerMessageId: mid(),
    from: phone,
    text: 'hello',
    name: 'Lerato',
  });
  return { channel, department, phone, chatId: first.chatId };
}

describe('webhook events queued with the change they report', () => {
  it('queues nothing when no subscription exists, on every path', async () => {
    await t.db.delete(webhookSubscriptions);
    const { channel, phone, chatId } = await newChat();
    const again = await receiveInbound(deps(), {
      channelId: channel.id,
      providerMessageId: mid(),
      from: phone,
      text: 'still there?',
    });
    expect(again.chatId).toBe(chatId);
    const [{ n }] = (await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookDeliveries)) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('chat.created and message.in: one each per subscription, the chat and message as the desk sees them', async () => {
    const subs = [await makeSubscription(t.db), await makeSubscription(t.db)];
    const onlyClosed = await makeSubscription(t.db, { events: ['chat.closed'] });
    const paused = await makeSubscription(t.db, { active: false });
    const { chatId, channel } = await newChat();
    const created = await expectOneEach(subs, 'chat.created', chatId);
    expect(created.data).toMatchObject({
      id: chatId,
      status: 'queued',
      channel: { id: channel.id },
      customer: { name: 'Lerato' },
    });
    const [message] = (await deliveriesOf(t.db, subs[0]!.id)).filter(
      (d) => d.eventType === 'message.in' && (d.data as { chatId: string }).chatId === chatId,
    );
    expect(message?.data).toMatchObject({ chatId, direction: 'in', text: 'hello' });
    await expectOneEach(subs, 'message.in', (message!.data as { id: string }).id);
    expect(await deliveriesOf(t.db, onlyClosed.id)).toHaveLength(0);
    expect(await deliveriesOf(t.db, paused.id)).toHaveLength(0);
  });

  it('message.in on the one-statement fast path: one per subscription, equal to the full path’s payload', async () => {
    const subs = [await makeSubscription(t.db), await makeSubscription(t.db)];
    const other = await makeSubscription(t.db, { events: ['chat.closed'] });
    const { channel, phone, chatId } = await newChat();
    const [customer] = await t.db.select().from(customers).where(eq(customers.phone, phone));
    const done = await appendToOpenChatInOneStatement(t.db, {
      phone,
      name: null,
      customerId: customer!.id,
      widgetRoom: widgetRoomOf({
        customerId: customer!.id,
        channelId: channel.id,
        unverified: false,
        widgetSessionId: null,
      }),
      channel,
      text: 'fast one',
      providerMessageId: mid(),
      at: new Date(),
    });
    expect(done.kind).toBe('stored');
    const frame = (done as { frames: { type: string; data: { id: string } }[] }).frames.find(
      (f) => f.type === 'message.created',
    )!;
    const delivery = await expectOneEach(subs, 'message.in', frame.data.id);
    expect(delivery.data).toEqual(frame.data);
    expect(delivery.data).toMatchObject({ chatId, text: 'fast one', direction: 'in' });
    expect(await deliveriesOf(t.db, other.id)).toHaveLength(0);
    // Through receiveInbound too, which takes the fast path for a number it has seen.
    const next = await receiveInbound(deps(), {
      channelId: channel.id,
      providerMessageId: mid(),
      from: phone,
      text: 'and again',
    });
    expect(next.chatId).toBe(chatId);
    const second = (await deliveriesOf(t.db, subs[0]!.id)).filter(
      (d) => (d.data as { text?: string }).text === 'and again',
    );
    expect(second).toHaveLength(1);
    // A repeated provider id stores nothing and queues nothing.
    const before = (await deliveriesOf(t.db, subs[0]!.id)).length;
    const [stored] = await t.db
      .select({ pid: sql<string>`provider_message_id` })
      .from(sql`messages`)
      .where(sql`text = 'and again'`);
    const repeat = await receiveInbound(deps(), {
      channelId: channel.id,
      providerMessageId: stored!.pid,
      from: phone,
      text: 'and again',
    });
    expect(repeat.duplicate).toBe(true);
    expect(await deliveriesOf(t.db, subs[0]!.id)).toHaveLength(before);
  });

  it('message.out and chat.closed from the desk; customer.updated from a profile edit', async () => {
    const subs = [await makeSubscription(t.db), await makeSubscription(t.db)];
    const { channel, department } = await makeChannel(t.db);
    const agent = await makeStaff(t.db, { departments: [department.name] });
    await t.db.update(staff).set({ available: true }).where(eq(staff.id, agent.id));
    await t.presence.connected(agent.id);
    const { chatId } = await receiveInbound(deps(), {
      channelId: channel.id,
      providerMessageId: mid(),
      from: uniquePhone(),
      text: 'help',
    });
    await t.presence.disconnected(agent.id);
    const cookie = await signIn(t.app, agent.email);

    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/chats/${chatId}/messages`,
      headers: { cookie },
      payload: { text: 'On it', clientId: randomUUID() },
    });
    expect(sent.statusCode).toBe(201);
    const out = await expectOneEach(subs, 'message.out', sent.json().id);
    expect(out.data).toMatchObject({ chatId, direction: 'out', text: 'On it' });

    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/chats/${chatId}/close`,
      headers: { cookie },
      payload: { sentiment: 'positive' },
    });
    expect(closed.statusCode).toBe(200);
    const close = await expectOneEach(subs, 'chat.closed', chatId);
    expect(close.data).toMatchObject({ id: chatId, status: 'closed' });

    const { customer } = (
      await t.app.inject({ url: `/api/chats/${chatId}`, headers: { cookie } })
    ).json();
    const profile = await t.app.inject({
      url: `/api/customers/${customer.id}`,
      headers: { cookie },
    });
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/customers/${customer.id}`,
      headers: { cookie, 'if-match': profile.headers.etag as string },
      payload: { name: 'Thandi Nkosi' },
    });
    expect(edited.statusCode).toBe(200);
    const updated = await expectOneEach(subs, 'customer.updated', customer.id);
    expect(updated.data).toMatchObject({ id: customer.id, name: 'Thandi Nkosi' });
  });

  it('queues nothing when the change is refused: the delivery rolls back with it', async () => {
    const sub = await makeSubscription(t.db);
    const { chatId } = await newChat();
    const admin = await makeStaff(t.db, { role: 'admin' });
    const cookie = await signIn(t.app, admin.email);
    await t.app.inject({ method: 'POST', url: `/api/chats/${chatId}/flag`, headers: { cookie } });
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/chats/${chatId}/close`,
      headers: { cookie },
      payload: { sentiment: 'neutral' },
    });
    expect(refused.statusCode).toBe(409);
    expect(await deliveriesAbout(sub.id, 'chat.closed', chatId)).toHaveLength(0);
  });

  it('stops queueing for a subscription once it is deleted', async () => {
    const sub = await makeSubscription(t.db);
    await t.db.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, sub.id));
    const { chatId } = await newChat();
    expect(await deliveriesAbout(sub.id, 'chat.created', chatId)).toHaveLength(0);
  });
});
