import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../db/client.ts';
import { chats, outbox, widgetSessions } from '../../db/schema.ts';
import {
  emptyDatabase,
  makeChannel,
  testApp,
  type TestApp,
  uniquePhone,
} from '../../test/harness.ts';
import { startFakeProvider } from '../channels/test-support.ts';
import { type OutboxWorker, startOutboxWorker } from '../channels/index.ts';
import { signIdentity } from './widget-identity.ts';
import { nextAddress, textIs, widgetClient } from './widget.test-support.ts';

/*
 * Proving a number: a signed identity from the embedding site, or a one-time code sent over the
 * channel's WhatsApp or SMS link. A database of the file's own, so the outbox worker here sends
 * only this file's codes.
 */

let database: Database;
let t: TestApp;
let w: ReturnType<typeof widgetClient>;
let provider: Awaited<ReturnType<typeof startFakeProvider>>;
let worker: OutboxWorker;
const SECRET = 'identity-secret-for-tests';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  database = await emptyDatabase();
  t = await testApp({ database });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  w = widgetClient(t);
  provider = await startFakeProvider();
  worker = startOutboxWorker(
    { db: t.db, notifier: { wake: () => undefined }, log: silent },
    { intervalMs: 60_000 },
  );
});
afterEach(() => worker.drain());
afterAll(async () => {
  await worker.stop();
  await provider.close();
  await database.close();
});

/** A web chat whose codes go out over a webhook (SMS gateway) channel to the fake provider. */
async function verifiable(settings: Record<string, unknown> = {}) {
  const { channel: sms } = await makeChannel(t.db, {
    kind: 'webhook',
    secret: 'sms-secret',
    settings: { outboundUrl: `${provider.url}/sms` },
  });
  return w.webchat({ identitySecret: SECRET, verifyChannelId: sms.id, ...settings });
}

const identity = (phone: string, opts: { expires?: number; secret?: string } = {}) => {
  const expires = opts.expires ?? Math.floor(Date.now() / 1000) + 600;
  return { phone, expires, signature: signIdentity(opts.secret ?? SECRET, phone, expires) };
};

const requestCode = (channelId: string, cookie: string, phone: string, ip?: string) =>
  w.post(`/api/widget/${channelId}/verify`, cookie, { phone }, ip);
const confirm = (channelId: string, cookie: string, code: string) =>
  w.post(`/api/widget/${channelId}/verify/confirm`, cookie, { code });

/** The code the provider received for this number (sends are drained first). */
async function codeSentTo(phone: string) {
  await worker.drain();
  const sent = provider.requests
    .map((r) => JSON.parse(r.body) as { to: string; text: string })
    .filter((b) => b.to === phone);
  const code = /\b(\d{6})\b/.exec(sent.at(-1)?.text ?? '')?.[1];
  if (!code) throw new Error(`no code reached ${phone}`);
  return code;
}

describe('a signed identity from the embedding site', () => {
  it('starts a verified session that joins the customer’s own chat', async () => {
    const { channel } = await verifiable();
    const phone = uniquePhone();
    const first = await w.start(channel.id, { identity: identity(phone) });
    expect(first.res.statusCode).toBe(201);
    expect(first.res.json()).toMatchObject({ verified: true, canVerify: true, chat: null });
    const { chatId } = (await w.send(channel.id, first.cookie, 'Hi from my laptop', 'i-1')).json();
    const second = await w.start(channel.id, { identity: { ...identity(phone), name: 'Vuyo' } });
    expect(second.res.json()).toMatchObject({ verified: true, chat: { id: chatId } });
  });

  it('is refused (401) when the signature is wrong, has expired, lasts over a day, or the channel has no secret', async () => {
    const { channel } = await verifiable();
    const phone = uniquePhone();
    const forged = identity(phone, { secret: 'someone-elses-secret-16' });
    const expired = identity(phone, { expires: Math.floor(Date.now() / 1000) - 1 });
    // Correctly signed, but good for a year: a replayable credential, refused.
    const yearLong = identity(phone, { expires: Math.floor(Date.now() / 1000) + 365 * 86_400 });
    const otherNumber = { ...identity(phone), phone: uniquePhone() };
    for (const bad of [forged, expired, yearLong, otherNumber]) {
      const res = (await w.start(channel.id, { identity: bad })).res;
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.cookies).toHaveLength(0);
    }
    const plain = await w.webchat();
    expect((await w.start(plain.channel.id, { identity: identity(phone) })).res.statusCode).toBe(
      401,
    );
  });
});

describe('a one-time code', () => {
  it('reaches the number through the outbox, leaves no text behind, and verifies the session', async () => {
    const { channel, agentCookie } = await verifiable();
    const phone = uniquePhone();
    const visitor = await w.start(channel.id, { phone, name: 'Naledi' });
    expect(visitor.res.json()).toMatchObject({ verified: false, canVerify: true });
    const { chatId } = (
      await w.send(channel.id, visitor.cookie, 'Where is my order?', 'c-1')
    ).json();

    const asked = await requestCode(channel.id, visitor.cookie, phone);
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({ expiresAt: expect.any(String) });
    const [row] = await t.db.select().from(outbox).where(eq(outbox.toPhone, phone));
    expect(row).toMatchObject({ messageId: null, state: 'pending' });
    const code = await codeSentTo(phone);
    const [sent] = await t.db.select().from(outbox).where(eq(outbox.id, row!.id));
    expect(sent).toMatchObject({ state: 'done', body: null });
    // Only a hash is kept on the session.
    const [session] = await t.db
      .select()
      .from(widgetSessions)
      .where(eq(widgetSessions.codePhone, phone));
    expect(session?.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(session?.codeHash).not.toContain(code);

    const done = await confirm(channel.id, visitor.cookie, code);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ verified: true, chat: { id: chatId } });
    // The visitor's chat is now the customer's: staff see it as verified, the room follows.
    const staff = await t.app.inject({
      url: `/api/chats/${chatId}`,
      headers: { cookie: agentCookie },
    });
    expect(staff.json().unverified).toBe(false);
    const socket = w.connect(channel.id, visitor.cookie);
    await socket.opened;
    await w.agentReply(chatId, agentCookie, 'It ships today.');
    await socket.next(textIs('It ships today.'));
    // A code works once.
    expect((await confirm(channel.id, visitor.cookie, code)).statusCode).toBe(409);
  });

  it('is refused after five wrong tries, even when the sixth is right', async () => {
    const { channel } = await verifiable();
    const phone = uniquePhone();
    const visitor = await w.start(channel.id, { phone, name: 'Naledi' });
    await requestCode(channel.id, visitor.cookie, phone);
    const code = await codeSentTo(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const tries = await Promise.all(
      Array.from({ length: 5 }, () => confirm(channel.id, visitor.cookie, wrong)),
    );
    expect(tries.map((r) => r.statusCode)).toEqual([422, 422, 422, 422, 422]);
    const right = await confirm(channel.id, visitor.cookie, code);
    expect(right.statusCode).toBe(409);
    expect(right.json().detail).toMatch(/new code/);
    expect((await w.get(channel.id, visitor.cookie)).json().verified).toBe(false);
  });

  it('is refused once expired', async () => {
    const { channel } = await verifiable();
    const phone = uniquePhone();
    const visitor = await w.start(channel.id, { phone, name: 'Naledi' });
    await requestCode(channel.id, visitor.cookie, phone);
    const code = await codeSentTo(phone);
    await t.db
      .update(widgetSessions)
      .set({ codeExpiresAt: sql`now() - interval '1 second'` })
      .where(eq(widgetSessions.codePhone, phone));
    const late = await confirm(channel.id, visitor.cookie, code);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/expired/);
  });

  it('answers 409 when the channel has no WhatsApp or SMS link to send codes over', async () => {
    const { channel } = await w.webchat();
    const visitor = await w.start(channel.id, { phone: uniquePhone(), name: 'Naledi' });
    expect(visitor.res.json().canVerify).toBe(false);
    const res = await requestCode(channel.id, visitor.cookie, uniquePhone());
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/cannot send verification codes/);
  });

  it('limits code requests per session and per number, even when they arrive together', async () => {
    const { channel } = await verifiable();
    const phone = uniquePhone();
    const visitor = await w.start(channel.id, { phone, name: 'Naledi' });
    const burst = await Promise.all(
      Array.from({ length: 6 }, () => requestCode(channel.id, visitor.cookie, phone)),
    );
    const codes = burst.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 200, 200, 429, 429, 429]);
    const limited = burst.find((r) => r.statusCode === 429)!;
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Other sessions cannot flood the same number either: five an hour reach it.
    const others = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const s = await w.start(channel.id, { phone: uniquePhone(), name: 'Bot' });
        return requestCode(channel.id, s.cookie, phone);
      }),
    );
    expect(others.map((r) => r.statusCode).sort()).toEqual([200, 200, 429, 429]);
    const rows = await queryRows<{ n: number | string }>(
      t.db,
      sql`select count(*) as n from outbox where to_phone = ${phone}`,
    );
    expect(Number(rows[0]?.n)).toBe(5);
  });
});

describe('widget message limits', () => {
  it('answers 429 with Retry-After past 20 messages in 10 s from one session', async () => {
    const { channel } = await verifiable();
    const visitor = await w.start(channel.id, { phone: uniquePhone(), name: 'Naledi' });
    const sends = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        w.send(channel.id, visitor.cookie, `message ${i}`, `burst-${i}`),
      ),
    );
    const ok = sends.filter((r) => r.statusCode === 200);
    const limited = sends.filter((r) => r.statusCode === 429);
    expect([ok.length, limited.length]).toEqual([20, 5]);
    expect(Number(limited[0]!.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited[0]!.json().detail).toMatch(/too fast/);
    const [chat] = await t.db
      .select()
      .from(chats)
      .where(eq(chats.id, ok[0]!.json().chatId as string));
    expect(chat?.unverified).toBe(true);
  });

  it('answers 429 past 60 messages in 10 s from one address, across sessions', async () => {
    const { channel } = await verifiable();
    const ip = nextAddress();
    const sessions = await Promise.all(
      Array.from({ length: 4 }, () => w.start(channel.id, { phone: uniquePhone(), name: 'Bot' })),
    );
    const sends = await Promise.all(
      sessions.flatMap((s, n) =>
        Array.from({ length: 18 }, (_, i) =>
          w.send(channel.id, s.cookie, `hi ${i}`, `a-${n}-${i}`, ip),
        ),
      ),
    );
    const counts = sends.map((r) => r.statusCode);
    expect(counts.filter((c) => c === 200)).toHaveLength(60);
    expect(counts.filter((c) => c === 429)).toHaveLength(12);
  });
});
