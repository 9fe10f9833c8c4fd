import { createHmac, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { customers, messages, notes } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { signPayload } from '../features/channels/signature.ts';
import { makeCustomer } from '../features/customers/customers.test-support.ts';
import { createStaff } from '../features/auth/staff.service.ts';
import { createLocalPresence } from '../realtime/presence.ts';
import { systemPrincipal } from '../principal.ts';
import {
  makeChannel,
  makeStaff,
  signIn,
  testApp,
  type TestApp,
  uniqueEmail,
  uniquePhone,
} from '../test/harness.ts';

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await testApp();
  cookie = await signIn(t.app, (await makeStaff(t.db)).email);
});

const addNote = (customerId: string, payload: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: `/api/customers/${customerId}/notes`,
    headers: { cookie },
    payload,
  });
const patchProfile = (customerId: string, payload: Record<string, unknown>) =>
  t.app.inject({
    method: 'PATCH',
    url: `/api/customers/${customerId}`,
    headers: { cookie, 'if-match': '"1"' },
    payload,
  });
const notesOf = (customerId: string) =>
  t.db.select().from(notes).where(eq(notes.customerId, customerId));
const profileOf = async (customerId: string) =>
  (await t.db.select().from(customers).where(eq(customers.id, customerId)))[0];

describe('control characters in JSON bodies', () => {
  it.each([
    ['NUL', 'before\u0000after'],
    ['a bell (C0)', 'ring\u0007'],
    ['an escape (C0)', '\u001b[31mred'],
    ['DEL', 'x\u007fy'],
    ['a C1 control', 'next\u0085line'],
  ])('refuses %s with 422 naming the field, and stores nothing', async (_label, body) => {
    const c = await makeCustomer(t.db);
    const res = await addNote(c.id, { body });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.body' })]);
    expect(await notesOf(c.id)).toHaveLength(0);
  });

  it('names a nested field and changes nothing', async () => {
    const c = await makeCustomer(t.db, { name: 'Before' });
    const res = await patchProfile(c.id, {
      name: 'After',
      customFields: { account: 'AC\u00001' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ field: 'body.customFields.account' }),
    ]);
    expect(await profileOf(c.id)).toMatchObject({ name: 'Before', version: 1 });
  });

  it('keeps tabs, line breaks and carriage returns', async () => {
    const c = await makeCustomer(t.db);
    const res = await addNote(c.id, { body: 'Line one\r\n\tLine two\nLine three' });
    expect(res.statusCode).toBe(201);
    expect((await notesOf(c.id))[0]?.body).toBe('Line one\r\n\tLine two\nLine three');
  });

  it('stores text NFC-normalised, and counts lengths after normalising', async () => {
    const c = await makeCustomer(t.db);
    const res = await addNote(c.id, { body: 'Cafe\u0301 au lait' });
    expect(res.statusCode).toBe(201);
    expect((await notesOf(c.id))[0]?.body).toBe('Caf\u00e9 au lait');
    // 100 letters, 200 code units before normalising: within the 100-character limit.
    const saved = await patchProfile(c.id, { name: 'e\u0301'.repeat(100) });
    expect(saved.statusCode).toBe(200);
    expect((await profileOf(c.id))?.name).toBe('\u00e9'.repeat(100));
  });
});

describe('names', () => {
  it.each([
    ['a right-to-left override', 'Thandi\u202Egnp.exe'],
    ['a left-to-right embedding', '\u202AThandi'],
    ['an isolate', 'Thandi\u2067 Admin\u2069'],
    ['only zero-width characters', '\u200B\u200C\u200D'],
    ['only invisible fillers', '\u2060\uFEFF\u3164'],
  ])('refuses a customer name with %s (422)', async (_label, name) => {
    const c = await makeCustomer(t.db, { name: 'Before' });
    const res = await patchProfile(c.id, { name });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'name' })]);
    expect(await profileOf(c.id)).toMatchObject({ name: 'Before', version: 1 });
  });

  it('refuses a widget visitor name with a bidi override or nothing visible (422)', async () => {
    const { channel } = await makeChannel(t.db, { kind: 'webchat' });
    for (const name of ['Naledi\u202E', '\u200B\u200B']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/widget/${channel.id}/session`,
        payload: { phone: uniquePhone(), name },
        remoteAddress: `10.42.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.name' })]);
    }
  });

  it('refuses a staff name with an isolate or nothing visible (422)', async () => {
    for (const name of ['Lerato\u2066', '\u200D']) {
      const err = await createStaff(
        { db: t.db, notifier: { wake: () => undefined }, presence: createLocalPresence() },
        systemPrincipal('test'),
        {
          email: uniqueEmail(),
          name,
          role: 'agent',
          departments: [],
          password: 'correct horse battery',
        },
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(422);
      expect((err as AppError).errors).toEqual([expect.objectContaining({ field: 'name' })]);
    }
  });

  it('still takes names in any script', async () => {
    const c = await makeCustomer(t.db);
    const res = await patchProfile(c.id, { name: 'محمد Ndlovu 王' });
    expect(res.statusCode).toBe(200);
  });
});

describe('providers are never refused for their text', () => {
  it('stores a webhook message with control characters replaced, and strips a name’s bidi controls', async () => {
    const { channel } = await makeChannel(t.db, { secret: 'hygiene-secret' });
    const messageId = `m-${randomUUID()}`;
    const from = uniquePhone();
    const raw = JSON.stringify({
      messageId,
      from,
      text: 'Order\u0000 12\u0085',
      name: 'Ali\u202Ecba\u2069',
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/inbound/${channel.id}`,
      payload: raw,
      headers: {
        'content-type': 'application/json',
        'x-parley-timestamp': String(timestamp),
        'x-parley-signature': signPayload('hygiene-secret', raw, timestamp),
      },
    });
    expect(res.statusCode).toBe(200);
    const [stored] = await t.db
      .select()
      .from(messages)
      .where(and(eq(messages.channelId, channel.id), eq(messages.providerMessageId, messageId)));
    expect(stored?.text).toBe('Order\uFFFD 12\uFFFD');
    const [customer] = await t.db.select().from(customers).where(eq(customers.phone, from));
    expect(customer?.name).toBe('Alicba');
  });

  it('stores a webhook message whose name is only invisible characters, without the name', async () => {
    const { channel } = await makeChannel(t.db, { secret: 'hygiene-secret' });
    const from = uniquePhone();
    const raw = JSON.stringify({
      messageId: `m-${randomUUID()}`,
      from,
      text: 'Hi',
      name: '\u200B',
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/inbound/${channel.id}`,
      payload: raw,
      headers: {
        'content-type': 'application/json',
        'x-parley-timestamp': String(timestamp),
        'x-parley-signature': signPayload('hygiene-secret', raw, timestamp),
      },
    });
    expect(res.statusCode).toBe(200);
    const [customer] = await t.db.select().from(customers).where(eq(customers.phone, from));
    expect(customer?.name).toBeNull();
  });

  it('stores a WhatsApp message with control characters replaced', async () => {
    const settings = {
      verifyToken: 'v',
      appSecret: 'hygiene-app-secret',
      accessToken: 'EAAG-test',
      phoneNumberId: '555',
    };
    const { channel } = await makeChannel(t.db, { kind: 'whatsapp', settings });
    const waId = uniquePhone().slice(1);
    const id = `wamid.${randomUUID()}`;
    const raw = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA',
          changes: [
            {
              field: 'messages',
              value: {
                metadata: { phone_number_id: '555' },
                contacts: [{ profile: { name: 'Sipho\u202E' }, wa_id: waId }],
                messages: [
                  {
                    from: waId,
                    id,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: 'text',
                    text: { body: 'Hello\u0007 there' },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/inbound/${channel.id}/whatsapp`,
      payload: raw,
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': `sha256=${createHmac('sha256', settings.appSecret).update(raw).digest('hex')}`,
      },
    });
    expect(res.statusCode).toBe(200);
    const [stored] = await t.db
      .select()
      .from(messages)
      .where(and(eq(messages.channelId, channel.id), eq(messages.providerMessageId, id)));
    expect(stored?.text).toBe('Hello\uFFFD there');
    const [customer] = await t.db
      .select()
      .from(customers)
      .where(eq(customers.phone, `+${waId}`));
    expect(customer?.name).toBe('Sipho');
  });
});
