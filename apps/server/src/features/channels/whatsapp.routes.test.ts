import { createHmac } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { chats, customers, messages } from '../../db/schema.ts';
import type { TestApp } from '../../test/harness.ts';
import { channelTestApp, makeChannel, makeQueuedReply, uniquePhone } from './test-support.ts';
import { rooms } from '../../realtime/rooms.ts';

let t: TestApp;
let channel: Awaited<ReturnType<typeof makeChannel>>;
const settings = {
  verifyToken: 'verify-me',
  appSecret: 'meta-app-secret',
  accessToken: 'EAAG-test',
  phoneNumberId: '109876543210',
};

beforeAll(async () => {
  t = await channelTestApp();
  channel = await makeChannel(t.db, { kind: 'whatsapp', secret: null, settings });
});

const hubSignature = (raw: string, key = settings.appSecret) =>
  `sha256=${createHmac('sha256', key).update(raw).digest('hex')}`;

function notify(payload: unknown, opts: { signature?: string; channelId?: string } = {}) {
  const raw = JSON.stringify(payload);
  return t.app.inject({
    method: 'POST',
    url: `/api/inbound/${opts.channelId ?? channel.id}/whatsapp`,
    payload: raw,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': opts.signature ?? hubSignature(raw),
    },
  });
}

/** A Cloud API notification as Meta sends it, with one change of field 'messages'. */
const envelope = (value: Record<string, unknown>, phoneNumberId = settings.phoneNumberId) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: 'WABA-1',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550001111', phone_number_id: phoneNumberId },
            ...value,
          },
        },
      ],
    },
  ],
});

const textMessage = (waId: string, body = 'Sawubona, where is my parcel?') => ({
  contacts: [{ profile: { name: 'Sipho Ndlovu' }, wa_id: waId }],
  messages: [
    {
      from: waId,
      id: `wamid.${Math.random().toString(36).slice(2)}`,
      timestamp: String(Math.floor(Date.now() / 1000) - 30),
      type: 'text',
      text: { body },
    },
  ],
});

const storedIn = (providerMessageId: string) =>
  t.db
    .select()
    .from(messages)
    .where(
      and(eq(messages.channelId, channel.id), eq(messages.providerMessageId, providerMessageId)),
    );

describe('GET /api/inbound/:channelId/whatsapp (verify handshake)', () => {
  const handshake = (query: string, channelId = channel.id) =>
    t.app.inject({ method: 'GET', url: `/api/inbound/${channelId}/whatsapp?${query}` });

  it('echoes the challenge as plain text when the verify token matches', async () => {
    const res = await handshake(
      'hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444',
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toBe('1158201444');
  });

  it('answers 403 for a wrong token or another mode', async () => {
    const wrong = await handshake('hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    const mode = await handshake('hub.mode=unsubscribe&hub.verify_token=verify-me&hub.challenge=1');
    expect(mode.statusCode).toBe(403);
    expect((await handshake('')).statusCode).toBe(403);
  });
});

describe('POST /api/inbound/:channelId/whatsapp', () => {
  it('stores a signed text message under the contact profile name', async () => {
    const waId = uniquePhone().slice(1);
    const value = textMessage(waId);
    const res = await notify(envelope(value));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: true });
    const [stored] = await storedIn(value.messages[0]!.id);
    expect(stored).toMatchObject({ direction: 'in', text: 'Sawubona, where is my parcel?' });
    expect(stored?.createdAt.getTime()).toBe(Number(value.messages[0]!.timestamp) * 1000);
    const [chat] = await t.db.select().from(chats).where(eq(chats.id, stored!.chatId));
    const [customer] = await t.db
      .select()
      .from(customers)
      .where(eq(customers.id, chat!.customerId));
    expect(customer).toMatchObject({ phone: `+${waId}`, name: 'Sipho Ndlovu' });
  });

  it('stores a redelivered notification once', async () => {
    const value = textMessage(uniquePhone().slice(1));
    expect((await notify(envelope(value))).statusCode).toBe(200);
    expect((await notify(envelope(value))).statusCode).toBe(200);
    expect(await storedIn(value.messages[0]!.id)).toHaveLength(1);
  });

  it('stores every message type, and acknowledges an unreadable sender storing nothing', async () => {
    const image = {
      messages: [
        {
          from: uniquePhone().slice(1),
          id: 'wamid.image-1',
          timestamp: '1700000000',
          type: 'image',
          image: { id: 'media-1' },
        },
      ],
    };
    const unreadable = textMessage('12345');
    expect((await notify(envelope(image))).statusCode).toBe(200);
    expect((await notify(envelope(unreadable))).statusCode).toBe(200);
    expect(await storedIn('wamid.image-1')).toEqual([
      expect.objectContaining({ text: '📷 Photo', content: { kind: 'image', caption: null } }),
    ]);
    expect(await storedIn(unreadable.messages[0]!.id)).toHaveLength(0);
  });

  it('skips notifications addressed to another phone number of the account', async () => {
    const value = textMessage(uniquePhone().slice(1));
    expect((await notify(envelope(value, '999999'))).statusCode).toBe(200);
    expect(await storedIn(value.messages[0]!.id)).toHaveLength(0);
  });

  it('refuses a wrong or missing X-Hub-Signature-256 with 401 and stores nothing', async () => {
    const value = textMessage(uniquePhone().slice(1));
    const wrong = await notify(envelope(value), { signature: hubSignature('{}') });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().detail).toMatch(/does not match/);
    const missing = await notify(envelope(value), { signature: '' });
    expect(missing.statusCode).toBe(401);
    expect(await storedIn(value.messages[0]!.id)).toHaveLength(0);
  });

  it('answers 400 for a signed notification of the wrong shape', async () => {
    const res = await notify({ object: 'whatsapp_business_account', entry: 'nope' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.entry' })]);
    const inner = await notify(envelope({ messages: [{ id: 'x' }] }));
    expect(inner.statusCode).toBe(400);
  });

  it('moves our reply forward through delivered and read, never back', async () => {
    const wamid = `wamid.out-${Math.random().toString(36).slice(2)}`;
    const { message, chatId, phone } = await makeQueuedReply(t.db, channel, {
      status: 'sent',
      providerMessageId: wamid,
      withOutbox: false,
    });
    const status = (s: string) =>
      envelope({
        statuses: [{ id: wamid, status: s, timestamp: '1700000000', recipient_id: phone.slice(1) }],
      });
    const statusOf = async () =>
      (await t.db.select().from(messages).where(eq(messages.id, message.id)))[0]?.status;

    expect((await notify(status('delivered'))).statusCode).toBe(200);
    expect(await statusOf()).toBe('delivered');
    expect((await notify(status('read'))).statusCode).toBe(200);
    expect(await statusOf()).toBe('read');
    // Meta does not promise order: a late "delivered" must not undo "read".
    expect((await notify(status('delivered'))).statusCode).toBe(200);
    expect(await statusOf()).toBe('read');

    const frames = await queryRows<{ data: { id: string; status: string } }>(
      t.db,
      sql`select data from realtime_frames where type = 'message.updated' and ${rooms.chat(chatId)} = any(rooms) order by id`,
    );
    expect(frames.map((f) => f.data.status)).toEqual(['delivered', 'read']);
  });

  it('marks our reply failed with the reason WhatsApp gives', async () => {
    const wamid = `wamid.out-${Math.random().toString(36).slice(2)}`;
    const { message } = await makeQueuedReply(t.db, channel, {
      status: 'sent',
      providerMessageId: wamid,
      withOutbox: false,
    });
    const res = await notify(
      envelope({
        statuses: [
          {
            id: wamid,
            status: 'failed',
            timestamp: '1700000000',
            recipient_id: '27820000000',
            errors: [
              {
                code: 131047,
                title: 'Re-engagement message',
                error_data: {
                  details: 'More than 24 hours have passed since the customer last replied.',
                },
              },
            ],
          },
        ],
      }),
    );
    expect(res.statusCode).toBe(200);
    const [row] = await t.db.select().from(messages).where(eq(messages.id, message.id));
    expect(row?.status).toBe('failed');
    expect(row?.failureReason).toBe(
      'WhatsApp could not deliver it: Re-engagement message: More than 24 hours have passed since the customer last replied (code 131047).',
    );
  });

  it('ignores a status for a message that is not ours', async () => {
    const res = await notify(envelope({ statuses: [{ id: 'wamid.unknown', status: 'read' }] }));
    expect(res.statusCode).toBe(200);
  });
});
