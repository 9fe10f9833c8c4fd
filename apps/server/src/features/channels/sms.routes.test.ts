import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { customers, messages, smsParts } from '../../db/schema.ts';
import { testApp, type TestApp, uniquePhone } from '../../test/harness.ts';
import { flushStaleSmsParts, PART_WAIT_MS } from './sms-inbound.service.ts';
import { concatenationUdh, MISSING_PART } from './sms-segments.ts';
import { CALLBACK_SECRET, makeSmsChannel, TWILIO_SID, twilioPost } from './sms.test-support.ts';
import { makeQueuedReply } from './test-support.ts';

const PUBLIC = 'https://desk.example.com';
let t: TestApp;
let twilio: Awaited<ReturnType<typeof makeSmsChannel>>;
let clickatell: Awaited<ReturnType<typeof makeSmsChannel>>;

beforeAll(async () => {
  t = await testApp({ publicUrl: PUBLIC });
  twilio = await makeSmsChannel(t.db, 'twilio');
  clickatell = await makeSmsChannel(t.db, 'clickatell');
});

const storedIn = (channelId: string, providerMessageId: string) =>
  t.db
    .select()
    .from(messages)
    .where(
      and(eq(messages.channelId, channelId), eq(messages.providerMessageId, providerMessageId)),
    );

let sidCounter = 0;
const newSid = () => `SM${String(++sidCounter).padStart(32, '0')}`;

/** Posts to the Twilio route, signed for the public URL unless a signature is given. */
function postTwilio(
  fields: Record<string, string>,
  opts: { path?: string; signature?: string | null; channelId?: string; signFor?: string } = {},
) {
  const path = `/api/inbound/${opts.channelId ?? twilio.id}/twilio${opts.path ?? ''}`;
  const signed = twilioPost(`${opts.signFor ?? PUBLIC}${path}`, fields);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    host: 'internal:3000',
  };
  if (opts.signature !== null) headers['x-twilio-signature'] = opts.signature ?? signed.signature;
  return t.app.inject({ method: 'POST', url: path, payload: signed.payload, headers });
}

const twilioSms = (from: string, body: string, sid = newSid()) => ({
  ToCountry: 'ZA',
  SmsMessageSid: sid,
  NumMedia: '0',
  SmsSid: sid,
  SmsStatus: 'received',
  Body: body,
  To: '+27870001111',
  NumSegments: '1',
  MessageSid: sid,
  AccountSid: TWILIO_SID,
  From: from,
  ApiVersion: '2010-04-01',
});

describe('Twilio messages', () => {
  it('stores a signed SMS and answers empty TwiML', async () => {
    const from = uniquePhone();
    const fields = twilioSms(from, 'Hello, my order has not come');
    const res = await postTwilio(fields);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/xml');
    expect(res.body).toContain('<Response/>');
    const [stored] = await storedIn(twilio.id, fields.MessageSid);
    expect(stored).toMatchObject({ direction: 'in', text: 'Hello, my order has not come' });
    const [customer] = await t.db.select().from(customers).where(eq(customers.phone, from));
    expect(customer).toBeDefined();
  });

  it('accepts a signature over the URL the request itself shows when no public URL matches', async () => {
    const fields = twilioSms(uniquePhone(), 'Signed for the internal address');
    const res = await postTwilio(fields, { signFor: 'http://internal:3000' });
    expect(res.statusCode).toBe(200);
    expect(await storedIn(twilio.id, fields.MessageSid)).toHaveLength(1);
  });

  it('refuses a wrong, missing or differently keyed signature with 401 and stores nothing', async () => {
    const fields = twilioSms(uniquePhone(), 'Forged');
    const wrong = await postTwilio(fields, { signature: 'bm90IGEgc2lnbmF0dXJl' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect((await postTwilio(fields, { signature: null })).statusCode).toBe(401);
    // Signed for another URL (another channel's): the URL is part of what is signed.
    expect((await postTwilio(fields, { signFor: 'https://elsewhere.example' })).statusCode).toBe(
      401,
    );
    // A field changed after signing.
    const signed = twilioPost(`${PUBLIC}/api/inbound/${twilio.id}/twilio`, fields);
    const tampered = await t.app.inject({
      method: 'POST',
      url: `/api/inbound/${twilio.id}/twilio`,
      payload: signed.payload.replace('Forged', 'Changed'),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signed.signature,
      },
    });
    expect(tampered.statusCode).toBe(401);
    expect(await storedIn(twilio.id, fields.MessageSid)).toHaveLength(0);
  });

  it('answers an unknown channel, or a Clickatell one, as it answers a wrong signature', async () => {
    const fields = twilioSms(uniquePhone(), 'Anyone there?');
    const unknown = await postTwilio(fields, { channelId: 'sms-nope' });
    const other = await postTwilio(fields, { channelId: clickatell.id });
    expect(unknown.statusCode).toBe(401);
    expect(other.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(other.json().detail);
  });

  it('stores a replayed request once', async () => {
    const fields = twilioSms(uniquePhone(), 'Twice?');
    expect((await postTwilio(fields)).statusCode).toBe(200);
    expect((await postTwilio(fields)).statusCode).toBe(200);
    expect(await storedIn(twilio.id, fields.MessageSid)).toHaveLength(1);
  });

  it('reads form fields with repeats, pluses and unicode exactly as signed', async () => {
    const fields = twilioSms(uniquePhone(), 'Cost: R100 + VAT & 😀 ∑ “quotes”');
    const res = await postTwilio(fields);
    expect(res.statusCode).toBe(200);
    const [stored] = await storedIn(twilio.id, fields.MessageSid);
    expect(stored?.text).toBe('Cost: R100 + VAT & 😀 ∑ “quotes”');
  });

  it('answers 400 for a signed request without a sender or id', async () => {
    const { From: _from, ...noSender } = twilioSms(uniquePhone(), 'Who am I?');
    const res = await postTwilio(noSender);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.From' })]);
  });

  it('stores an MMS without text as its files, readable in one line', async () => {
    const sid = `MM${'b'.repeat(32)}`;
    const fields = {
      ...twilioSms(uniquePhone(), '', sid),
      NumMedia: '2',
      MediaUrl0: `https://api.twilio.com/2010-04-01/Accounts/${TWILIO_SID}/Messages/${sid}/Media/ME1`,
      MediaContentType0: 'image/jpeg',
      MediaUrl1: `https://api.twilio.com/2010-04-01/Accounts/${TWILIO_SID}/Messages/${sid}/Media/ME2`,
      MediaContentType1: 'application/pdf',
    };
    const res = await postTwilio(fields);
    expect(res.statusCode).toBe(200);
    const [stored] = await storedIn(twilio.id, sid);
    expect(stored?.text).toBe('📷 Photo (+1 more)');
  });

  it('treats //stop as the customer opting out', async () => {
    const from = uniquePhone();
    expect((await postTwilio(twilioSms(from, 'Hi'))).statusCode).toBe(200);
    expect((await postTwilio(twilioSms(from, '//stop'))).statusCode).toBe(200);
    const [customer] = await t.db.select().from(customers).where(eq(customers.phone, from));
    expect(customer?.optedOutAt).not.toBeNull();
  });
});

describe('Twilio status callbacks', () => {
  it('moves a reply to delivered, and to failed with the error code', async () => {
    const sid = newSid();
    const { message } = await makeQueuedReply(t.db, twilio, {
      status: 'sent',
      providerMessageId: sid,
      withOutbox: false,
    });
    const status = (MessageStatus: string, extra: Record<string, string> = {}) =>
      postTwilio(
        { MessageSid: sid, MessageStatus, AccountSid: TWILIO_SID, ...extra },
        { path: '/status' },
      );
    const statusOf = async () =>
      (await t.db.select().from(messages).where(eq(messages.id, message.id)))[0];
    expect((await status('queued')).statusCode).toBe(200);
    expect((await statusOf())?.status).toBe('sent');
    expect((await status('delivered')).statusCode).toBe(200);
    expect((await statusOf())?.status).toBe('delivered');

    const failing = newSid();
    const { message: other } = await makeQueuedReply(t.db, twilio, {
      status: 'sent',
      providerMessageId: failing,
      withOutbox: false,
    });
    const res = await postTwilio(
      { MessageSid: failing, MessageStatus: 'undelivered', ErrorCode: '30003' },
      { path: '/status' },
    );
    expect(res.statusCode).toBe(200);
    const [failed] = await t.db.select().from(messages).where(eq(messages.id, other.id));
    expect(failed).toMatchObject({ status: 'failed' });
    expect(JSON.stringify(failed)).toContain('30003');
  });

  it('refuses an unsigned status callback', async () => {
    const res = await postTwilio(
      { MessageSid: newSid(), MessageStatus: 'delivered' },
      { path: '/status', signature: null },
    );
    expect(res.statusCode).toBe(401);
  });
});

const reply = (from: string, text: string, extra: Record<string, unknown> = {}) => ({
  integrationId: 'int-1',
  messageId: `ct-${Math.random().toString(36).slice(2)}`,
  replyMessageId: null,
  fromNumber: from.replace(/^\+/, ''),
  toNumber: '27870002222',
  timestamp: Date.now() - 5_000,
  text,
  charset: 'UTF-8',
  udh: '',
  network: 'Vodacom',
  keyword: text.split(' ')[0],
  channel: 'sms',
  ...extra,
});

function postClickatell(
  body: unknown,
  opts: { secret?: string; path?: string; channelId?: string } = {},
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/inbound/${opts.channelId ?? clickatell.id}/clickatell/${opts.secret ?? CALLBACK_SECRET}${opts.path ?? ''}`,
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

describe('Clickatell replies', () => {
  it('stores a reply, reading its number as international', async () => {
    const from = uniquePhone();
    const body = reply(from, 'Good morning, I need help');
    const res = await postClickatell(body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: true });
    const [stored] = await storedIn(clickatell.id, body.messageId);
    expect(stored).toMatchObject({ text: 'Good morning, I need help' });
    const [customer] = await t.db.select().from(customers).where(eq(customers.phone, from));
    expect(customer).toBeDefined();
  });

  it('refuses a wrong secret, an unknown channel and a Twilio channel alike with 401', async () => {
    const body = reply(uniquePhone(), 'Let me in');
    const wrong = await postClickatell(body, { secret: 'cbsec_guess' });
    const unknown = await postClickatell(body, { channelId: 'sms-nope' });
    const other = await postClickatell(body, { channelId: twilio.id });
    for (const res of [wrong, unknown, other]) expect(res.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(await storedIn(clickatell.id, body.messageId)).toHaveLength(0);
  });

  it('stores a repeated callback once, and answers 400 for a body of the wrong shape', async () => {
    const body = reply(uniquePhone(), 'Once only');
    expect((await postClickatell(body)).statusCode).toBe(200);
    expect((await postClickatell(body)).statusCode).toBe(200);
    expect(await storedIn(clickatell.id, body.messageId)).toHaveLength(1);
    const bad = await postClickatell({ messageId: 'x', text: 'no sender' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'body.fromNumber' })]);
  });

  it('joins the parts of a long message in order, whatever order and however often they come', async () => {
    const from = uniquePhone();
    const texts = ['The box arrived ', 'crushed and the ', 'glass is broken.'];
    const parts = texts.map((text, i) =>
      reply(from, text, { udh: concatenationUdh({ reference: 77, total: 3, sequence: i + 1 }) }),
    );
    for (const part of [parts[2]!, parts[0]!, parts[2]!]) {
      expect((await postClickatell(part)).statusCode).toBe(200);
      expect(await storedIn(clickatell.id, parts[0]!.messageId)).toHaveLength(0);
    }
    expect((await postClickatell(parts[1]!)).statusCode).toBe(200);
    const [stored] = await storedIn(clickatell.id, parts[0]!.messageId);
    expect(stored?.text).toBe('The box arrived crushed and the glass is broken.');
    // A late repeat of any part stores nothing more.
    expect((await postClickatell(parts[1]!)).statusCode).toBe(200);
    const all = await t.db.select().from(messages).where(eq(messages.channelId, clickatell.id));
    expect(all.filter((m) => m.text.includes('crushed'))).toHaveLength(1);
    // The same reference used again later starts a new message.
    const again = [1, 2].map((sequence) =>
      reply(from, `again ${sequence} `, {
        udh: concatenationUdh({ reference: 77, total: 2, sequence }),
      }),
    );
    for (const part of again) await postClickatell(part);
    const [second] = await storedIn(clickatell.id, again[0]!.messageId);
    expect(second?.text).toBe('again 1 again 2 ');
  });

  it('stores a set whose parts stopped coming once it has waited long enough, gaps marked', async () => {
    const from = uniquePhone();
    const lone = reply(from, 'only the middle', {
      udh: concatenationUdh({ reference: 9, total: 3, sequence: 2 }),
    });
    expect((await postClickatell(lone)).statusCode).toBe(200);
    const deps = { db: t.db, presence: t.presence, notifier: { wake: () => t.app.hub.wake() } };
    expect(await flushStaleSmsParts(deps, new Date())).toBe(0);
    expect(await storedIn(clickatell.id, lone.messageId)).toHaveLength(0);
    expect(await flushStaleSmsParts(deps, new Date(Date.now() + PART_WAIT_MS + 1000))).toBe(1);
    const [stored] = await storedIn(clickatell.id, lone.messageId);
    expect(stored?.text).toBe(`${MISSING_PART} only the middle ${MISSING_PART}`);
    const [part] = await t.db
      .select()
      .from(smsParts)
      .where(eq(smsParts.providerMessageId, lone.messageId));
    expect(part?.joinedAt).not.toBeNull();
  });
});

describe('Clickatell status callbacks', () => {
  it('moves a reply on by status name or code, and refuses a wrong secret', async () => {
    const id = `ct-out-${Math.random().toString(36).slice(2)}`;
    const { message } = await makeQueuedReply(t.db, clickatell, {
      status: 'sent',
      providerMessageId: id,
      withOutbox: false,
    });
    const statusOf = async () =>
      (await t.db.select().from(messages).where(eq(messages.id, message.id)))[0]?.status;
    const forged = await postClickatell(
      { messageId: id, status: 'RECEIVED_BY_RECIPIENT' },
      { path: '/status', secret: 'nope' },
    );
    expect(forged.statusCode).toBe(401);
    expect(await statusOf()).toBe('sent');
    const res = await postClickatell(
      { messageId: id, statusCode: 4, timestamp: Date.now() },
      { path: '/status' },
    );
    expect(res.statusCode).toBe(200);
    expect(await statusOf()).toBe('delivered');

    const failing = `ct-out-${Math.random().toString(36).slice(2)}`;
    const { message: other } = await makeQueuedReply(t.db, clickatell, {
      status: 'sent',
      providerMessageId: failing,
      withOutbox: false,
    });
    await postClickatell(
      { messageId: failing, status: 'ERROR_DELIVERING', statusCode: 7 },
      { path: '/status' },
    );
    const [failed] = await t.db.select().from(messages).where(eq(messages.id, other.id));
    expect(failed?.status).toBe('failed');
    expect(JSON.stringify(failed)).toContain('error delivering');
  });
});
