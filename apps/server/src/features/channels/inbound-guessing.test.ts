import { createHmac, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/harness.ts';
import { signPayload } from './signature.ts';
import { channelTestApp, makeChannel, uniquePhone } from './test-support.ts';

// Two threats on the provider endpoints: learning which channel ids exist from how a bad request
// is answered, and a guesser's failures holding off the provider's own (good) requests.

let t: TestApp;
const secret = 'guessing-test-secret';
const waSettings = {
  verifyToken: 'verify-guessing',
  appSecret: 'meta-guessing-secret',
  accessToken: 'EAAG-test',
  phoneNumberId: '100200300',
};

beforeAll(async () => {
  t = await channelTestApp();
});

const now = () => Math.floor(Date.now() / 1000);
const uniqueAddress = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const message = () => ({ messageId: `m-${randomUUID()}`, from: uniquePhone(), text: 'Hello' });

function postWebhook(
  channelId: string,
  opts: { key?: string; headers?: Record<string, string>; remoteAddress?: string } = {},
) {
  const raw = JSON.stringify(message());
  const timestamp = now();
  return t.app.inject({
    method: 'POST',
    url: `/api/inbound/${channelId}`,
    payload: raw,
    remoteAddress: opts.remoteAddress ?? '127.0.0.1',
    headers: {
      'content-type': 'application/json',
      'x-parley-timestamp': String(timestamp),
      'x-parley-signature': signPayload(opts.key ?? secret, raw, timestamp),
      ...opts.headers,
    },
  });
}

const waBody = () =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { statuses: [] } }] }],
  });

function postWhatsApp(
  channelId: string,
  opts: { key?: string; signature?: string; remoteAddress?: string } = {},
) {
  const raw = waBody();
  const signature =
    opts.signature ??
    `sha256=${createHmac('sha256', opts.key ?? waSettings.appSecret)
      .update(raw)
      .digest('hex')}`;
  return t.app.inject({
    method: 'POST',
    url: `/api/inbound/${channelId}/whatsapp`,
    payload: raw,
    remoteAddress: opts.remoteAddress ?? '127.0.0.1',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
  });
}

const handshake = (channelId: string, token: string, remoteAddress = '127.0.0.1') =>
  t.app.inject({
    url: `/api/inbound/${channelId}/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=42`,
    remoteAddress,
  });

/** What a caller can compare between two answers. */
const seen = (res: { statusCode: number; headers: Record<string, unknown>; body: string }) => ({
  status: res.statusCode,
  type: res.headers['content-type'],
  body: res.body,
});

describe('unknown and known channels answer a bad request alike', () => {
  it.each([
    ['a wrong signature', { key: 'not-the-secret' }],
    ['a malformed signature', { headers: { 'x-parley-signature': 'md5=abc' } }],
    ['no signature', { headers: { 'x-parley-signature': '', 'x-parley-timestamp': '' } }],
  ])('generic webhook, %s: same status and body', async (_label, opts) => {
    const known = await makeChannel(t.db, { kind: 'webhook', secret });
    const whatsapp = await makeChannel(t.db, { kind: 'whatsapp', secret, settings: waSettings });
    const noSecret = await makeChannel(t.db, { kind: 'webhook', secret: null });
    const answers = await Promise.all(
      [known.id, `no-such-${randomUUID()}`, whatsapp.id, noSecret.id].map(async (id) =>
        seen(await postWebhook(id, { ...opts, remoteAddress: uniqueAddress() })),
      ),
    );
    expect(answers[0]?.status).toBe(401);
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
  });

  it('WhatsApp notifications with a wrong signature: same status and body', async () => {
    const known = await makeChannel(t.db, { kind: 'whatsapp', secret: null, settings: waSettings });
    const webhook = await makeChannel(t.db, { kind: 'webhook', secret });
    const answers = await Promise.all(
      [known.id, `no-such-${randomUUID()}`, webhook.id].map(async (id) =>
        seen(await postWhatsApp(id, { key: 'wrong', remoteAddress: uniqueAddress() })),
      ),
    );
    expect(answers[0]?.status).toBe(401);
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
    const missing = await Promise.all(
      [known.id, `no-such-${randomUUID()}`].map(async (id) =>
        seen(await postWhatsApp(id, { signature: '', remoteAddress: uniqueAddress() })),
      ),
    );
    expect(missing[1]).toEqual(missing[0]);
  });

  it('the WhatsApp verify handshake with a wrong token: same status and body', async () => {
    const known = await makeChannel(t.db, { kind: 'whatsapp', secret: null, settings: waSettings });
    const webhook = await makeChannel(t.db, { kind: 'webhook', secret });
    const answers = await Promise.all(
      [known.id, `no-such-${randomUUID()}`, webhook.id].map(async (id) =>
        seen(await handshake(id, 'guess', uniqueAddress())),
      ),
    );
    expect(answers[0]?.status).toBe(403);
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
  });
});

describe('failed signatures are limited per channel and address, never the good ones', () => {
  it('generic webhook: 50 bad guesses at once, then the provider’s good request is accepted', async () => {
    const target = await makeChannel(t.db, { kind: 'webhook', secret });
    const other = await makeChannel(t.db, { kind: 'webhook', secret });
    const address = uniqueAddress();
    const bad = await Promise.all(
      Array.from({ length: 50 }, () =>
        postWebhook(target.id, { key: 'guess', remoteAddress: address }),
      ),
    );
    const statuses = bad.map((r) => r.statusCode);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(30);
    const held = bad.find((r) => r.statusCode === 429);
    expect(held?.headers['content-type']).toContain('application/problem+json');
    expect(Number(held?.headers['retry-after'])).toBeGreaterThan(0);

    expect(
      (await postWebhook(target.id, { key: 'guess', remoteAddress: address })).statusCode,
    ).toBe(429);
    expect((await postWebhook(target.id, { remoteAddress: address })).statusCode).toBe(200);
    // Another channel from the same address is judged on its own.
    expect((await postWebhook(other.id, { key: 'guess', remoteAddress: address })).statusCode).toBe(
      401,
    );
    expect((await postWebhook(other.id, { remoteAddress: address })).statusCode).toBe(200);
  });

  it('WhatsApp: 50 bad signatures at once, then Meta’s good notification is accepted', async () => {
    const target = await makeChannel(t.db, {
      kind: 'whatsapp',
      secret: null,
      settings: waSettings,
    });
    const other = await makeChannel(t.db, { kind: 'whatsapp', secret: null, settings: waSettings });
    const address = uniqueAddress();
    const bad = await Promise.all(
      Array.from({ length: 50 }, () =>
        postWhatsApp(target.id, { key: 'guess', remoteAddress: address }),
      ),
    );
    expect(bad.some((r) => r.statusCode === 429)).toBe(true);
    expect(bad.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);
    expect((await postWhatsApp(target.id, { remoteAddress: address })).statusCode).toBe(200);
    expect(
      (await postWhatsApp(other.id, { key: 'guess', remoteAddress: address })).statusCode,
    ).toBe(401);
  });

  it('the verify handshake: a guessing address is held off, Meta’s handshake from elsewhere is not', async () => {
    const target = await makeChannel(t.db, {
      kind: 'whatsapp',
      secret: null,
      settings: waSettings,
    });
    const guesser = uniqueAddress();
    const bad = await Promise.all(
      Array.from({ length: 50 }, (_, i) => handshake(target.id, `guess-${i}`, guesser)),
    );
    expect(bad.some((r) => r.statusCode === 429)).toBe(true);
    const meta = await handshake(target.id, waSettings.verifyToken, uniqueAddress());
    expect(meta.statusCode).toBe(200);
    expect(meta.body).toBe('42');
  });
});
