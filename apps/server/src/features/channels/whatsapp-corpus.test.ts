import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MessageContentKind } from '@parley/contract';
import { queryRows } from '../../db/client.ts';
import { attachments, chats, customers, events, messages, outbox } from '../../db/schema.ts';
import { rooms } from '../../realtime/rooms.ts';
import type { TestApp } from '../../test/harness.ts';
import { channelTestApp, makeChannel, makeQueuedReply, uniquePhone } from './test-support.ts';

/*
 * Real-shaped Cloud API notifications, one per message type (whatsapp-corpus/*.json, built from
 * Meta's documented examples with one customer and consistent ids), posted in order as Meta
 * would: each is answered 200, stored once as what it is, and a replay stores nothing new.
 */

const dir = new URL('./whatsapp-corpus/', import.meta.url);
const corpus = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({
    name: name.replace(/\.json$/, ''),
    raw: readFileSync(new URL(name, dir), 'utf8'),
  }));

const CUSTOMER = '16505551234';
const NEW_NUMBER = '16505559876';
const PHONE_NUMBER_ID = '106540352242922';
const OUTBOUND_ID = 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUFE37RjI4QjUyQTAwMEEyRUE3RjkA';
const settings = {
  verifyToken: 'verify-me',
  appSecret: 'corpus-app-secret',
  accessToken: 'EAAG-test',
  phoneNumberId: PHONE_NUMBER_ID,
};

type Stored = { kind: MessageContentKind | null; text: string | RegExp; media?: boolean };
type Lands = { on: string; check: 'reaction' | 'unreaction' | 'edit' | 'revoke' };

/** What each notification must become. A corpus file without an entry fails the run. */
const expected: Record<string, Stored | Lands> = {
  '01-text': { kind: null, text: 'Hi, my order 4512 arrived but the box is broken' },
  '02-text-reply': { kind: null, text: "That's the order number, 4512" },
  '03-text-forwarded': { kind: null, text: 'Courier notice: your parcel is delayed' },
  '04-text-referral': { kind: null, text: 'Hi! I saw your ad about free delivery' },
  '05-image': { kind: 'image', text: '📷 Photo: the box arrived broken', media: true },
  '06-video': { kind: 'video', text: '🎬 Video: opening it', media: true },
  '07-audio': { kind: 'audio', text: '🎵 Audio', media: true },
  '08-voice': { kind: 'audio', text: '🎤 Voice message', media: true },
  '09-document': { kind: 'document', text: '📄 invoice.pdf: invoice for May', media: true },
  '10-sticker': { kind: 'sticker', text: '💟 Sticker', media: true },
  '11-sticker-animated': { kind: 'sticker', text: '💟 Animated sticker', media: true },
  '12-location': { kind: 'location', text: '📍 Location: -26.1075, 28.0567' },
  '13-location-place': {
    kind: 'location',
    text: '📍 Location: Shop 4, Main Rd, Claremont, Cape Town',
  },
  '14-contacts': { kind: 'contact', text: '👤 Contact: Sipho Dube +27 82 555 0101' },
  '15-order': { kind: 'order', text: '🛒 Order: 3 items (Please gift wrap)' },
  '16-interactive-button-reply': { kind: 'interactive', text: '↩ Yes, cancel it' },
  '17-interactive-list-reply': { kind: 'interactive', text: '↩ Tuesday morning' },
  '18-interactive-nfm-reply': { kind: 'interactive', text: '↩ Sent' },
  '19-button': { kind: 'interactive', text: '↩ Track my order' },
  '20-reaction': { on: '05-image', check: 'reaction' },
  '21-unreaction': { on: '05-image', check: 'unreaction' },
  '22-edit': { on: '01-text', check: 'edit' },
  '23-revoke': { on: '06-video', check: 'revoke' },
  '24-unsupported': { kind: 'unsupported', text: 'Unsupported message (poll_creation)' },
  '25-unknown-type': { kind: 'unsupported', text: 'Unsupported message (request_welcome)' },
  '26-system-identity-changed': { kind: 'system', text: '🔐 The customer’s security code changed' },
  '27-system-number-changed': {
    kind: 'system',
    text: /^📱 The customer changed their number to \+/,
  },
};

let t: TestApp;
let channel: Awaited<ReturnType<typeof makeChannel>>;
/** The corpus's customer and new number, made unique to this run. */
const phone = uniquePhone();
const newPhone = uniquePhone();
const bodies = new Map<string, string>();
const ids = new Map<string, string>();

beforeAll(async () => {
  t = await channelTestApp();
  channel = await makeChannel(t.db, { kind: 'whatsapp', secret: null, settings });
  for (const file of corpus) {
    const raw = file.raw
      .replaceAll(CUSTOMER, phone.slice(1))
      .replaceAll(NEW_NUMBER, newPhone.slice(1));
    bodies.set(file.name, raw);
    const parsed = JSON.parse(raw) as {
      entry: { changes: { value: { messages: { id: string }[] } }[] }[];
    };
    ids.set(file.name, parsed.entry[0]!.changes[0]!.value.messages[0]!.id);
  }
});

function post(raw: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/inbound/${channel.id}/whatsapp`,
    payload: raw,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', settings.appSecret).update(raw).digest('hex')}`,
    },
  });
}

const storedAs = (providerMessageId: string) =>
  t.db
    .select()
    .from(messages)
    .where(
      and(eq(messages.channelId, channel.id), eq(messages.providerMessageId, providerMessageId)),
    );

async function storedOnce(name: string) {
  const rows = await storedAs(ids.get(name)!);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** Everything the channel's notifications can write, counted: a replay must change none of it. */
async function counts() {
  const chatRows = await t.db
    .select({ id: chats.id, customerId: chats.customerId })
    .from(chats)
    .where(eq(chats.channelId, channel.id));
  const chatIds = chatRows.map((c) => c.id);
  const watched = [
    ...chatIds.map((id) => rooms.chat(id)),
    ...chatRows.map((c) => rooms.customer(c.customerId)),
  ];
  const [frames] = await queryRows<{ n: number | string }>(
    t.db,
    sql`select count(*) as n from realtime_frames where rooms && ${sql.param(watched)}::text[]`,
  );
  const [frameData] = await queryRows<{ data: string | null }>(
    t.db,
    sql`select string_agg(data::text, '|' order by id) as data from realtime_frames where rooms && ${sql.param(watched)}::text[]`,
  );
  const files =
    chatIds.length > 0
      ? await t.db.select().from(attachments).where(inArray(attachments.chatId, chatIds))
      : [];
  const fetches =
    files.length > 0
      ? await t.db
          .select()
          .from(outbox)
          .where(
            inArray(
              outbox.attachmentId,
              files.map((f) => f.id),
            ),
          )
      : [];
  const eventRows =
    chatIds.length > 0
      ? await t.db.select().from(events).where(inArray(events.chatId, chatIds))
      : [];
  const messageRows = await t.db.select().from(messages).where(eq(messages.channelId, channel.id));
  return {
    chats: chatIds.length,
    messages: messageRows.length,
    // What the stored messages say (texts, reactions, marks), so a replay changes none of it.
    said: JSON.stringify(
      messageRows
        .map((m) => [m.id, m.text, m.reactions, m.editedAt, m.originalText, m.revokedAt])
        .sort(),
    ),
    attachments: files.length,
    fetches: fetches.length,
    events: eventRows.length,
    frames: Number(frames?.n ?? 0),
    frameData: frameData?.data ?? '',
  };
}

async function latestFrame(type: string, messageId: string) {
  const [row] = await queryRows<{ rooms: string[]; data: Record<string, unknown> }>(
    t.db,
    sql`select rooms, data from realtime_frames where type = ${type} and data->>'id' = ${messageId} order by id desc limit 1`,
  );
  return row;
}

describe('the WhatsApp corpus', () => {
  it('names an expectation for every corpus file', () => {
    expect(corpus.map((f) => f.name).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(corpus.map((f) => f.name))(
    '%s is stored once as what it is, and a replay changes nothing',
    async (name) => {
      const body = bodies.get(name)!;
      const expectation = expected[name]!;
      const res = await post(body);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ accepted: true });

      if (name === '01-text') {
        // The business's interactive message the later replies answer.
        const first = await storedOnce('01-text');
        await makeQueuedReply(t.db, channel, {
          chatId: first.chatId,
          providerMessageId: OUTBOUND_ID,
          status: 'delivered',
          text: 'Shall we cancel order 4512?',
          withOutbox: false,
        });
      }

      if ('kind' in expectation) {
        const row = await storedOnce(name);
        expect(row.content?.kind ?? null).toBe(expectation.kind);
        expect(row.text.trim()).not.toBe('');
        if (typeof expectation.text === 'string') expect(row.text).toBe(expectation.text);
        else expect(row.text).toMatch(expectation.text);
        const created = await latestFrame('message.created', row.id);
        expect(created?.data).toMatchObject({ id: row.id, text: row.text });
        const files = await t.db
          .select()
          .from(attachments)
          .where(eq(attachments.messageId, row.id));
        if (expectation.media) {
          expect(files).toHaveLength(1);
          const file = files[0]!;
          const raw = JSON.parse(body) as {
            entry: {
              changes: {
                value: {
                  messages: Record<string, { id: string; mime_type: string; sha256: string }>[];
                };
              }[];
            }[];
          };
          const media = raw.entry[0]!.changes[0]!.value.messages[0]![row.content!.kind]!;
          expect(file).toMatchObject({
            chatId: row.chatId,
            state: 'downloading',
            contentType: media.mime_type,
            source: {
              provider: 'whatsapp',
              mediaId: media.id,
              declaredType: media.mime_type,
              sha256: media.sha256,
            },
          });
          const fetches = await t.db.select().from(outbox).where(eq(outbox.attachmentId, file.id));
          expect(fetches).toEqual([
            expect.objectContaining({ messageId: null, state: 'pending', attachmentId: file.id }),
          ]);
          expect(created?.data.attachments).toEqual([
            expect.objectContaining({ id: file.id, state: 'downloading', size: 0 }),
          ]);
        } else {
          expect(files).toHaveLength(0);
        }
      } else {
        // An action on an earlier message stores no row of its own.
        expect(await storedAs(ids.get(name)!)).toHaveLength(0);
        const target = await storedOnce(expectation.on);
        const updated = await latestFrame('message.updated', target.id);
        expect(updated?.rooms).toContain(rooms.chat(target.chatId));
        if (expectation.check === 'reaction') {
          expect(target.reactions).toEqual([
            { emoji: '❤️', by: 'customer', at: expect.any(String) },
          ]);
          expect(updated?.data.reactions).toEqual([expect.objectContaining({ emoji: '❤️' })]);
        } else if (expectation.check === 'unreaction') {
          expect(updated?.data.reactions).toEqual([]);
        } else if (expectation.check === 'edit') {
          expect(target).toMatchObject({
            text: 'Hi, my order 4521 arrived but the box is broken',
            originalText: 'Hi, my order 4512 arrived but the box is broken',
          });
          expect(target.editedAt).toBeInstanceOf(Date);
          expect(updated?.data).toMatchObject({
            text: target.text,
            originalText: target.originalText,
          });
        } else {
          expect(target.revokedAt).toBeInstanceOf(Date);
          expect(target.text).toBe('🎬 Video: opening it');
          expect(updated?.data.revokedAt).toEqual(expect.any(String));
        }
      }

      const before = await counts();
      const replay = await post(body);
      expect(replay.statusCode).toBe(200);
      expect(await counts()).toEqual(before);
    },
  );

  it('quotes the message replied to, and marks forwards and ads', async () => {
    const first = await storedOnce('01-text');
    expect((await storedOnce('02-text-reply')).context).toEqual({
      // The quote is what the message said when it was quoted.
      replyTo: { messageId: first.id, text: 'Hi, my order 4512 arrived but the box is broken' },
      forwarded: false,
      frequentlyForwarded: false,
      referral: null,
    });
    expect((await storedOnce('03-text-forwarded')).context).toMatchObject({
      forwarded: true,
      frequentlyForwarded: true,
    });
    expect((await storedOnce('04-text-referral')).context?.referral).toEqual({
      sourceUrl: 'https://fb.me/3cr4Wqqkv',
      sourceType: 'ad',
      headline: 'Winter sale',
      body: 'Free delivery on every order this week',
    });
    const [ours] = await storedAs(OUTBOUND_ID);
    expect((await storedOnce('16-interactive-button-reply')).context?.replyTo).toEqual({
      messageId: ours!.id,
      text: 'Shall we cancel order 4512?',
    });
  });

  it('moves the customer to the new number with an event, and records an identity change', async () => {
    const line = await storedOnce('27-system-number-changed');
    const [chat] = await t.db.select().from(chats).where(eq(chats.id, line.chatId));
    const [customer] = await t.db
      .select()
      .from(customers)
      .where(eq(customers.id, chat!.customerId));
    expect(customer?.phone).toBe(newPhone);
    const recorded = await t.db.select().from(events).where(eq(events.chatId, line.chatId));
    expect(recorded.filter((e) => e.type === 'customer_number_changed')).toEqual([
      expect.objectContaining({ data: { from: phone, to: newPhone, moved: true } }),
    ]);
    expect(recorded.filter((e) => e.type === 'customer_identity_changed')).toHaveLength(1);
    const [frame] = await queryRows<{ data: { phone: string } }>(
      t.db,
      sql`select data from realtime_frames where type = 'customer.updated' and ${rooms.customer(customer!.id)} = any(rooms)`,
    );
    expect(frame?.data.phone).toBe(newPhone);
  });
});
