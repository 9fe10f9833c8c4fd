import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chats, customers, messages } from '../../db/schema.ts';
import type { TestApp } from '../../test/harness.ts';
import { signPayload } from './signature.ts';
import { channelTestApp, makeChannel, uniquePhone } from './test-support.ts';

let t: TestApp;
let channel: Awaited<ReturnType<typeof makeChannel>>;
const secret = 'webhook-test-secret';

beforeAll(async () => {
  t = await channelTestApp();
  channel = await makeChannel(t.db, { kind: 'webhook', secret });
});

const now = () => Math.floor(Date.now() / 1000);

/** POSTs `body` (an object, or exact text) signed as an integration would sign it. */
function post(
  body: object | string,
  opts: {
    channelId?: string;
    key?: string;
    timestamp?: number;
    headers?: Record<string, string>;
  } = {},
) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const timestamp = opts.timestamp ?? now();
  return t.app.inject({
    method: 'POST',
    url: `/api/inbound/${opts.channelId ?? channel.id}`,
    payload: raw,
    headers: {
      'content-type': 'application/json',
      'x-parley-timestamp': String(timestamp),
      'x-parley-signature': signPayload(opts.key ?? secret, raw, timestamp),
      ...opts.headers,
    },
  });
}

const inbound = (over: Record<string, unknown> = {}) => ({
  messageId: `msg-${Math.random().toString(36).slice(2)}`,
  from: uniquePhone(),
  text: 'Hi, my order has not arrived',
  ...over,
});

const storedWith = (messageId: string) =>
  t.db
    .select()
    .from(messages)
    .where(and(eq(messages.channelId, channel.id), eq(messages.providerMessageId, messageId)));

describe('POST /api/inbound/:channelId', () => {
  it('accepts a signed message: a customer, a queued chat and the message exist', async () => {
    const sentAt = new Date(Date.now() - 60_000).toISOString();
    const body = inbound({
      name: 'Lerato Mokoena',
      sentAt,
    });
    const res = await post(body);
    expect(res.statusCode).toBe(200);
    const reply = res.json();
    expect(reply).toEqual({ accepted: true, duplicate: false, chatId: expect.any(String) });
    const [chat] = await t.db.select().from(chats).where(eq(chats.id, reply.chatId));
    expect(chat).toMatchObject({ channelId: channel.id, status: 'queued' });
    const [customer] = await t.db
      .select()
      .from(customers)
      .where(eq(customers.id, chat!.customerId));
    expect(customer).toMatchObject({ phone: body.from, name: 'Lerato Mokoena' });
    const stored = await storedWith(body.messageId);
    expect(stored).toEqual([
      expect.objectContaining({
        chatId: reply.chatId,
        direction: 'in',
        text: body.text,
        status: 'received',
      }),
    ]);
    expect(stored[0]?.createdAt.toISOString()).toBe(sentAt);
  });

  it('verifies the exact bytes sent, however the JSON is formatted', async () => {
    const body = inbound();
    const res = await post(
      `{\n  "messageId" : "${body.messageId}",\n  "from": "${body.from}",\n  "text":"Hello"\n}`,
    );
    expect(res.statusCode).toBe(200);
    expect(await storedWith(body.messageId)).toHaveLength(1);
  });

  it('answers duplicate: true for a repeated messageId and stores nothing new', async () => {
    const body = inbound();
    const first = await post(body);
    const again = await post(body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ accepted: true, duplicate: true, chatId: first.json().chatId });
    expect(await storedWith(body.messageId)).toHaveLength(1);
  });

  it.each([
    ['missing', { 'x-parley-signature': '', 'x-parley-timestamp': '' }, /not signed/],
    ['malformed', { 'x-parley-signature': 'md5=abc' }, /malformed/],
  ])('refuses a %s signature with 401 and stores nothing', async (_label, headers, detail) => {
    const body = inbound();
    const res = await post(body, { headers });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 401, detail: expect.stringMatching(detail) });
    expect(await storedWith(body.messageId)).toHaveLength(0);
  });

  it('refuses a request without signature headers at all', async () => {
    const body = inbound();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/inbound/${channel.id}`,
      payload: body,
    });
    expect(res.statusCode).toBe(401);
    expect(await storedWith(body.messageId)).toHaveLength(0);
  });

  it('refuses a signature made with another secret', async () => {
    const body = inbound();
    const res = await post(body, { key: 'not-the-secret' });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toMatch(/does not match/);
    expect(await storedWith(body.messageId)).toHaveLength(0);
  });

  it('refuses a signature older than 5 minutes', async () => {
    const body = inbound();
    const res = await post(body, { timestamp: now() - 6 * 60 });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toMatch(/more than 5 minutes old/);
    expect(await storedWith(body.messageId)).toHaveLength(0);
  });

  it('refuses a captured body replayed under a new timestamp', async () => {
    const body = inbound();
    const raw = JSON.stringify(body);
    const then = now() - 10 * 60;
    const res = await post(raw, {
      headers: {
        'x-parley-timestamp': String(now()),
        'x-parley-signature': signPayload(secret, raw, then),
      },
    });
    expect(res.statusCode).toBe(401);
    expect(await storedWith(body.messageId)).toHaveLength(0);
  });

  it('answers 400 with the rejected fields for a signed body of the wrong shape', async () => {
    const body = inbound({ text: '' });
    const res = await post(body);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.text' })]);
    expect(await storedWith(body.messageId)).toHaveLength(0);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await post('{"messageId": "m-1", ');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toMatch(/not valid JSON/);
  });

  it('answers 422 for a sender number it cannot read, and stores nothing', async () => {
    const body = inbound({ from: '12345' });
    const res = await post(body);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'from' })]);
    expect(await storedWith(body.messageId)).toHaveLength(0);
  });

  it('keeps its JSON parser to itself: the rest of the API is on the default one', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: '',
      headers: { 'content-type': 'application/json' },
      remoteAddress: '10.77.1.1',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).not.toMatch(/not valid JSON/);
  });

  it('answers 413 for a body over the 256 KB limit', async () => {
    const res = await post(inbound({ text: 'x'.repeat(300 * 1024) }));
    expect(res.statusCode).toBe(413);
  });

  it('is described in the OpenAPI document, without a session requirement', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const route = doc.paths['/api/inbound/{channelId}'].post;
    expect(route.security).toEqual([]);
    expect(route.requestBody.content['application/json'].schema.$ref).toMatch(/InboundBody/);
    expect(route.parameters.map((p: { name: string }) => p.name)).toContain('x-parley-signature');
    expect(doc.paths['/api/inbound/{channelId}/whatsapp']).toHaveProperty('get');
    expect(doc.paths['/api/inbound/{channelId}/whatsapp']).toHaveProperty('post');
  });
});
