import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  attachments,
  chats,
  customers,
  events,
  messages,
  outbox,
  realtimeFrames,
} from '../../db/schema.ts';
import { rooms } from '../../realtime/rooms.ts';
import { makeChannel, testApp, type TestApp, uniquePhone } from '../../test/harness.ts';
import type { InboundInput } from './inbound.service.ts';
import { receiveInbound } from './inbound.service.ts';

/*
 * Messages that are more than text: files waiting to be fetched, quotes, and reactions, edits,
 * deletions and number changes that act on what is already stored.
 */

let t: TestApp;
const deps = () => ({ db: t.db, notifier: { wake: () => undefined }, presence: t.presence });
const mid = () => `wamid.${Math.random().toString(36).slice(2)}`;
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

beforeAll(async () => {
  t = await testApp();
});

async function conversation() {
  const { channel } = await makeChannel(t.db);
  const from = uniquePhone();
  const say = (input: Partial<InboundInput> & { text: string }) =>
    receiveInbound(deps(), {
      channelId: channel.id,
      providerMessageId: mid(),
      from,
      sentAt: minutesAgo(10),
      ...input,
    });
  const first = await say({
    text: 'Hello',
    providerMessageId: 'wamid.first',
    sentAt: minutesAgo(30),
  });
  const row = async (providerMessageId: string) => {
    const [found] = await t.db
      .select()
      .from(messages)
      .where(
        and(eq(messages.channelId, channel.id), eq(messages.providerMessageId, providerMessageId)),
      );
    return found;
  };
  return { channel, from, say, chatId: first.chatId, row };
}

const react = (target: string, emoji: string | null, minutes: number) => ({
  text: emoji ? `${emoji} Reacted to an earlier message` : 'Took back a reaction',
  content: { kind: 'reaction' as const, emoji, messageId: null },
  action: { kind: 'react' as const, target, emoji },
  sentAt: minutesAgo(minutes),
});

describe('a customer’s message that is more than text', () => {
  it('shows each file at once as downloading and queues its fetch', async () => {
    const c = await conversation();
    const reply = await c.say({
      providerMessageId: 'wamid.photo',
      text: '📷 Photo',
      content: { kind: 'image', caption: null },
      media: [
        {
          source: { provider: 'whatsapp', mediaId: 'media-1', declaredType: null, sha256: null },
          name: null,
          declaredType: null,
        },
      ],
    });
    expect(reply).toMatchObject({ accepted: true, duplicate: false, chatId: c.chatId });
    const message = await c.row('wamid.photo');
    const [file] = await t.db
      .select()
      .from(attachments)
      .where(eq(attachments.messageId, message!.id));
    expect(file).toMatchObject({
      chatId: c.chatId,
      name: 'photo',
      contentType: 'application/octet-stream',
      state: 'downloading',
      size: 0,
    });
    expect(await t.db.select().from(outbox).where(eq(outbox.attachmentId, file!.id))).toEqual([
      expect.objectContaining({ messageId: null, state: 'pending' }),
    ]);
  });

  it('keeps keywords to plain text: a button titled //stop or //end neither opts out nor ends', async () => {
    const c = await conversation();
    for (const word of ['//stop', '//end'])
      await c.say({
        text: word,
        content: {
          kind: 'interactive',
          source: 'button',
          replyId: null,
          title: word,
          description: null,
        },
      });
    const [chat] = await t.db.select().from(chats).where(eq(chats.id, c.chatId));
    expect(chat?.status).not.toBe('closed');
    const [customer] = await t.db
      .select()
      .from(customers)
      .where(eq(customers.id, chat!.customerId));
    expect(customer?.optedOutAt).toBeNull();
  });

  it('quotes a message it does not have as "an earlier message"', async () => {
    const c = await conversation();
    await c.say({
      providerMessageId: 'wamid.quoting',
      text: 'About that',
      replyTo: { providerMessageId: 'wamid.never-seen', fallback: null },
    });
    expect((await c.row('wamid.quoting'))?.context?.replyTo).toEqual({
      messageId: null,
      text: 'an earlier message',
    });
  });

  it('quotes an earlier message as one short line', async () => {
    const c = await conversation();
    await c.say({ providerMessageId: 'wamid.long', text: `Line one\nline two ${'x'.repeat(300)}` });
    await c.say({
      providerMessageId: 'wamid.quoting-long',
      text: 'This',
      replyTo: { providerMessageId: 'wamid.long', fallback: null },
    });
    const quote = (await c.row('wamid.quoting-long'))?.context?.replyTo;
    expect(quote?.messageId).toBe((await c.row('wamid.long'))?.id);
    expect(quote?.text).toMatch(/^Line one line two x+…$/);
    expect(quote?.text).toHaveLength(200);
  });

  it('never quotes or reacts to another customer’s message', async () => {
    const c = await conversation();
    const other = uniquePhone();
    await receiveInbound(deps(), {
      channelId: c.channel.id,
      providerMessageId: 'wamid.theirs',
      from: other,
      text: 'My secret address',
    });
    await c.say({
      providerMessageId: 'wamid.nosy',
      text: 'About that',
      replyTo: { providerMessageId: 'wamid.theirs', fallback: null },
    });
    expect((await c.row('wamid.nosy'))?.context?.replyTo?.text).toBe('an earlier message');
    await c.say({ providerMessageId: 'wamid.nosy-react', ...react('wamid.theirs', '👍', 5) });
    expect((await c.row('wamid.theirs'))?.reactions).toEqual([]);
    await c.say({
      providerMessageId: 'wamid.nosy-revoke',
      text: '🗑 The customer deleted a message',
      action: { kind: 'revoke', target: 'wamid.theirs' },
    });
    expect((await c.row('wamid.theirs'))?.revokedAt).toBeNull();
  });
});

describe('reactions', () => {
  it('keeps the customer’s latest reaction, ignores an older one, and a removal stays removed', async () => {
    const c = await conversation();
    const first = await c.say({ providerMessageId: 'wamid.r1', ...react('wamid.first', '👍', 5) });
    expect(first).toEqual({ accepted: true, duplicate: false, chatId: c.chatId });
    expect(await c.row('wamid.r1')).toBeUndefined();
    expect((await c.row('wamid.first'))?.reactions).toEqual([
      { emoji: '👍', by: 'customer', at: expect.any(String) },
    ]);
    // An older reaction arriving late changes nothing.
    const late = await c.say({ providerMessageId: 'wamid.r0', ...react('wamid.first', '😮', 8) });
    expect(late.duplicate).toBe(true);
    expect((await c.row('wamid.first'))?.reactions.map((r) => r.emoji)).toEqual(['👍']);
    // Taken back, and the first one replayed stays taken back.
    await c.say({ providerMessageId: 'wamid.r2', ...react('wamid.first', null, 3) });
    const replay = await c.say({ providerMessageId: 'wamid.r1', ...react('wamid.first', '👍', 5) });
    expect(replay.duplicate).toBe(true);
    expect((await c.row('wamid.first'))?.reactions.map((r) => r.emoji)).toEqual(['']);
  });

  it('lands on our reply too, and tells the chat’s room', async () => {
    const c = await conversation();
    await t.db.insert(messages).values({
      chatId: c.chatId,
      channelId: c.channel.id,
      direction: 'out',
      text: 'Your parcel left the depot',
      authorKind: 'staff',
      status: 'delivered',
      providerMessageId: 'wamid.ours',
    });
    await c.say({ providerMessageId: 'wamid.thanks', ...react('wamid.ours', '🙏', 1) });
    const ours = await c.row('wamid.ours');
    expect(ours?.reactions).toEqual([{ emoji: '🙏', by: 'customer', at: expect.any(String) }]);
    const [frame] = await t.db
      .select()
      .from(realtimeFrames)
      .where(
        and(
          eq(realtimeFrames.type, 'message.updated'),
          sql`${realtimeFrames.data}->>'id' = ${ours!.id}`,
        ),
      );
    expect(frame?.rooms).toContain(rooms.chat(c.chatId));
    expect(frame?.data).toMatchObject({ reactions: [{ emoji: '🙏', by: 'customer' }] });
  });

  it('stores a reaction to a message we do not have as its own message, once', async () => {
    const c = await conversation();
    const input = { providerMessageId: 'wamid.orphan', ...react('wamid.unknown', '🙏', 2) };
    expect((await c.say(input)).duplicate).toBe(false);
    expect((await c.say(input)).duplicate).toBe(true);
    expect(await c.row('wamid.orphan')).toMatchObject({
      text: '🙏 Reacted to an earlier message',
      content: { kind: 'reaction', emoji: '🙏', messageId: null },
    });
  });
});

describe('edits and deletions', () => {
  it('an edit of a message we do not have is stored as what it says, marked edited', async () => {
    const c = await conversation();
    await c.say({
      providerMessageId: 'wamid.edit-orphan',
      text: 'Parcel 42',
      action: { kind: 'edit', target: 'wamid.unknown' },
    });
    const row = await c.row('wamid.edit-orphan');
    expect(row).toMatchObject({ text: 'Parcel 42', originalText: null });
    expect(row?.editedAt).toBeInstanceOf(Date);
  });

  it('keeps the first wording through several edits and ignores an older edit', async () => {
    const c = await conversation();
    const edit = (text: string, minutes: number) =>
      c.say({
        providerMessageId: mid(),
        text,
        sentAt: minutesAgo(minutes),
        action: { kind: 'edit', target: 'wamid.first' },
      });
    await edit('Hello there', 5);
    await edit('Hello again', 4);
    expect((await edit('Hello from the past', 6)).duplicate).toBe(true);
    expect(await c.row('wamid.first')).toMatchObject({
      text: 'Hello again',
      originalText: 'Hello',
    });
  });

  it('a deletion marks the original once; of a message we do not have, it is a line of its own', async () => {
    const c = await conversation();
    const revoke = (target: string, id = mid()) =>
      c.say({
        providerMessageId: id,
        text: '🗑 The customer deleted a message',
        content: {
          kind: 'system',
          change: 'other',
          description: 'The customer deleted a message.',
        },
        action: { kind: 'revoke', target },
      });
    expect((await revoke('wamid.first')).duplicate).toBe(false);
    const marked = await c.row('wamid.first');
    expect(marked).toMatchObject({ text: 'Hello' });
    expect(marked?.revokedAt).toBeInstanceOf(Date);
    expect((await revoke('wamid.first')).duplicate).toBe(true);
    expect((await c.row('wamid.first'))?.revokedAt).toEqual(marked?.revokedAt);
    await revoke('wamid.unknown', 'wamid.revoke-orphan');
    expect(await c.row('wamid.revoke-orphan')).toMatchObject({
      text: '🗑 The customer deleted a message',
      content: { kind: 'system', change: 'other' },
    });
  });
});

describe('number changes', () => {
  it('only records the change when another customer already has the new number', async () => {
    const c = await conversation();
    const taken = uniquePhone();
    await t.db.insert(customers).values({ phone: taken });
    await c.say({
      providerMessageId: 'wamid.moved',
      text: `📱 The customer changed their number to ${taken}`,
      content: { kind: 'system', change: 'number', description: 'changed' },
      action: { kind: 'number-changed', to: taken },
    });
    const [chat] = await t.db.select().from(chats).where(eq(chats.id, c.chatId));
    const [customer] = await t.db
      .select()
      .from(customers)
      .where(eq(customers.id, chat!.customerId));
    expect(customer?.phone).toBe(c.from);
    const recorded = await t.db
      .select()
      .from(events)
      .where(and(eq(events.chatId, c.chatId), eq(events.type, 'customer_number_changed')));
    expect(recorded.map((e) => e.data)).toEqual([{ from: c.from, to: taken, moved: false }]);
  });
});
