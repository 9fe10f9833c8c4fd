import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { channelSecrets, channels, customers, departments, messages } from '../../db/schema.ts';
import { emptyDatabase, TEST_SECRET_KEY, testApp, type TestApp } from '../../test/harness.ts';
import { signedIn } from '../audit/admin.test-support.ts';
import { signIdentity } from '../widget/widget-identity.ts';
import { installSecretKeys, isSealed, keyIdOf, openSecret, sealSecret } from '../../secret-box.ts';
import { sealLegacySecrets } from './secret-upgrade.ts';
import { signPayload } from './signature.ts';
import { uniquePhone } from './test-support.ts';

let t: TestApp;
let adminHeaders: Record<string, string>;
let departmentId: string;

/** A built console of two pages, so the widget page route is there to answer. */
function fakeWebRoot() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'parley-web-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Desk</title>');
  writeFileSync(path.join(root, 'chat.html'), '<!doctype html><title>Chat</title>');
  return root;
}

beforeAll(async () => {
  t = await testApp({ webRoot: fakeWebRoot() });
  adminHeaders = { cookie: (await signedIn(t, 'admin')).cookie };
  const [row] = await t.db
    .insert(departments)
    .values({ name: `Secrets ${randomUUID().slice(0, 8)}` })
    .returning();
  departmentId = row!.id;
});

afterEach(() => {
  vi.useRealTimers();
});

async function createChannel(payload: object) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/admin/channels',
    headers: adminHeaders,
    payload: { departmentId, region: 'ZA', name: 'Secrets test', ...payload },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const rotate = async (id: string, payload: object = {}) => {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/admin/channels/${id}/rotate-secret`,
    headers: adminHeaders,
    payload,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const admin = (id: string, verb: 'disable' | 'enable') =>
  t.app.inject({ method: 'POST', url: `/api/admin/channels/${id}/${verb}`, headers: adminHeaders });

function postWebhook(channelId: string, secret: string) {
  const raw = JSON.stringify({
    messageId: `m-${randomUUID()}`,
    from: uniquePhone(),
    text: 'Hello there',
  });
  const timestamp = Math.floor(Date.now() / 1000);
  return t.app.inject({
    method: 'POST',
    url: `/api/inbound/${channelId}`,
    payload: raw,
    headers: {
      'content-type': 'application/json',
      'x-parley-timestamp': String(timestamp),
      'x-parley-signature': signPayload(secret, raw, timestamp),
    },
  });
}

function postWhatsApp(channelId: string, appSecret: string, phoneNumberId = '100200300') {
  const raw = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'waba',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { phone_number_id: phoneNumberId },
              messages: [
                {
                  from: uniquePhone().slice(1),
                  id: `wamid.${randomUUID()}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: 'Hi from WhatsApp' },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  return t.app.inject({
    method: 'POST',
    url: `/api/inbound/${channelId}/whatsapp`,
    payload: raw,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`,
    },
  });
}

const whatsapp = () => ({
  kind: 'whatsapp',
  phoneNumberId: '100200300',
  accessToken: `EAAG-${randomUUID()}`,
  appSecret: `app-${randomUUID()}`,
});

const HOUR = 3_600_000;
/** Moves only the clock (Date), so the database and sockets keep their timers. */
const clockAt = (ms: number) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ms);
};

describe('sealing', () => {
  it('seals with a key id prefix and opens only for the same channel and name', () => {
    const sealed = sealSecret('s3cret', { owner: 'wh-1', name: 'secret' });
    expect(sealed.startsWith(`v1.${keyIdOf(TEST_SECRET_KEY)}.`)).toBe(true);
    expect(sealed).not.toContain('s3cret');
    expect(openSecret(sealed, { owner: 'wh-1', name: 'secret' })).toBe('s3cret');
    expect(() => openSecret(sealed, { owner: 'wh-2', name: 'secret' })).toThrow();
    expect(() => openSecret(sealed, { owner: 'wh-1', name: 'appSecret' })).toThrow();
  });
});

describe('rotation grace', () => {
  it('accepts the old webhook secret until 24 hours after the rotation, not after', async () => {
    const channel = await createChannel({ kind: 'webhook' });
    const old = channel.shownOnce.secret as string;
    const rotatedAt = Date.now();
    const { value } = await rotate(channel.id);
    expect((await postWebhook(channel.id, value)).statusCode).toBe(200);
    expect((await postWebhook(channel.id, old)).statusCode).toBe(200);
    clockAt(rotatedAt + 23 * HOUR + 59 * 60_000);
    expect((await postWebhook(channel.id, old)).statusCode).toBe(200);
    clockAt(rotatedAt + 24 * HOUR + 60_000);
    expect((await postWebhook(channel.id, old)).statusCode).toBe(401);
    expect((await postWebhook(channel.id, value)).statusCode).toBe(200);
  });

  it('accepts the old WhatsApp app secret until 24 hours after the rotation, not after', async () => {
    const input = whatsapp();
    const channel = await createChannel(input);
    const rotatedAt = Date.now();
    await rotate(channel.id, { name: 'appSecret', value: 'new-app-secret' });
    expect((await postWhatsApp(channel.id, 'new-app-secret')).statusCode).toBe(200);
    clockAt(rotatedAt + 23 * HOUR + 59 * 60_000);
    expect((await postWhatsApp(channel.id, input.appSecret)).statusCode).toBe(200);
    clockAt(rotatedAt + 24 * HOUR + 60_000);
    expect((await postWhatsApp(channel.id, input.appSecret)).statusCode).toBe(401);
    expect((await postWhatsApp(channel.id, 'new-app-secret')).statusCode).toBe(200);
  });

  it('answers the verify handshake with the current token and, in grace, the previous', async () => {
    const channel = await createChannel(whatsapp());
    const first = channel.shownOnce.verifyToken as string;
    const handshake = (token: string) =>
      t.app.inject({
        url: `/api/inbound/${channel.id}/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=42`,
      });
    expect((await handshake(first)).body).toBe('42');
    const rotatedAt = Date.now();
    const { value } = await rotate(channel.id, { name: 'verifyToken' });
    expect((await handshake(value)).statusCode).toBe(200);
    expect((await handshake(first)).statusCode).toBe(200);
    clockAt(rotatedAt + 24 * HOUR + 60_000);
    expect((await handshake(first)).statusCode).toBe(403);
    expect((await handshake('guess')).statusCode).toBe(403);
  });

  it('takes a web-chat identity signed with the current or, in grace, the previous secret', async () => {
    const channel = await createChannel({ kind: 'webchat' });
    const old = channel.shownOnce.identitySecret as string;
    const { value } = await rotate(channel.id);
    const start = (secret: string) => {
      const phone = uniquePhone();
      const expires = Math.floor(Date.now() / 1000) + 600;
      return t.app.inject({
        method: 'POST',
        url: `/api/widget/${channel.id}/session`,
        payload: { identity: { phone, expires, signature: signIdentity(secret, phone, expires) } },
        remoteAddress: `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      });
    };
    expect((await start(value)).statusCode).toBe(201);
    expect((await start(old)).statusCode).toBe(201);
    expect((await start('not-the-secret')).statusCode).toBe(401);
  });
});

describe('a disabled channel', () => {
  const stored = async () => {
    const [m] = await t.db.select({ n: count() }).from(messages);
    const [c] = await t.db.select({ n: count() }).from(customers);
    return [m?.n, c?.n];
  };

  it('answers 404 on every inbound path and stores nothing, until enabled again', async () => {
    const hook = await createChannel({ kind: 'webhook' });
    const waInput = whatsapp();
    const wa = await createChannel(waInput);
    const chat = await createChannel({ kind: 'webchat' });
    for (const c of [hook, wa, chat]) expect((await admin(c.id, 'disable')).statusCode).toBe(200);
    const before = await stored();

    expect((await postWebhook(hook.id, hook.shownOnce.secret)).statusCode).toBe(404);
    expect((await postWhatsApp(wa.id, waInput.appSecret)).statusCode).toBe(404);
    const handshake = await t.app.inject({
      url: `/api/inbound/${wa.id}/whatsapp?hub.mode=subscribe&hub.verify_token=${wa.shownOnce.verifyToken}&hub.challenge=1`,
    });
    expect(handshake.statusCode).toBe(404);
    const page = await t.app.inject({ url: `/chat/${chat.id}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/widget/${chat.id}/config` })).statusCode).toBe(404);
    const session = await t.app.inject({
      method: 'POST',
      url: `/api/widget/${chat.id}/session`,
      payload: { phone: uniquePhone(), name: 'Visitor' },
      remoteAddress: '10.78.0.1',
    });
    expect(session.statusCode).toBe(404);
    expect(await stored()).toEqual(before);

    for (const c of [hook, wa, chat]) await admin(c.id, 'enable');
    expect((await postWebhook(hook.id, hook.shownOnce.secret)).statusCode).toBe(200);
    expect((await postWhatsApp(wa.id, waInput.appSecret)).statusCode).toBe(200);
    expect(
      (await t.app.inject({ url: `/chat/${chat.id}`, headers: { accept: 'text/html' } }))
        .statusCode,
    ).toBe(200);
  });
});

/** Every text of every table, to look for a secret written in plain text anywhere. */
async function everyTableAsText(): Promise<string> {
  const tables = await queryRows<{ name: string }>(
    t.db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const texts: string[] = [];
  for (const { name } of tables) {
    const rows = await queryRows<{ row: string }>(
      t.db,
      sql.raw(`select t::text as row from "${name}" t`),
    );
    texts.push(...rows.map((r) => r.row));
  }
  return texts.join('\n');
}

describe('secrets at rest', () => {
  it('never appear in plain text in any table, after creation and after rotation', async () => {
    const input = whatsapp();
    const wa = await createChannel(input);
    const hook = await createChannel({ kind: 'webhook' });
    const chat = await createChannel({ kind: 'webchat' });
    const rotated = [
      (await rotate(hook.id)).value,
      (await rotate(chat.id)).value,
      (await rotate(wa.id, { name: 'verifyToken' })).value,
    ];
    await rotate(wa.id, { name: 'accessToken', value: 'EAAG-rotated-access-token' });
    await rotate(wa.id, { name: 'appSecret', value: 'rotated-app-secret-value' });
    const secrets = [
      input.accessToken,
      input.appSecret,
      wa.shownOnce.verifyToken,
      hook.shownOnce.secret,
      chat.shownOnce.identitySecret,
      ...rotated,
      'EAAG-rotated-access-token',
      'rotated-app-secret-value',
    ];
    const everything = await everyTableAsText();
    expect(everything).toContain(hook.id);
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});

describe('the start-up step for plaintext secrets', () => {
  it('seals what an older version stored in plain text, removes it, and is idempotent', async () => {
    const database = await emptyDatabase();
    try {
      const db = database.db;
      const [dept] = await db.insert(departments).values({ name: 'Legacy' }).returning();
      await db.insert(channels).values([
        {
          id: 'old-hook',
          kind: 'webhook',
          name: 'Old hook',
          departmentId: dept!.id,
          defaultRegion: 'ZA',
          secret: 'plain-hook-secret',
          settings: { outboundUrl: 'https://example.test/out' },
        },
        {
          id: 'old-wa',
          kind: 'whatsapp',
          name: 'Old WhatsApp',
          departmentId: dept!.id,
          defaultRegion: 'ZA',
          settings: {
            verifyToken: 'plain-verify',
            appSecret: 'plain-app-secret',
            accessToken: 'plain-access-token',
            phoneNumberId: '1',
          },
        },
      ]);
      expect(await sealLegacySecrets(db)).toEqual({ sealed: 2, resealed: 0 });
      expect(await sealLegacySecrets(db)).toEqual({ sealed: 0, resealed: 0 });

      const rows = await db.select().from(channels);
      expect(rows.every((r) => r.secret === null)).toBe(true);
      expect(JSON.stringify(rows)).not.toMatch(/plain-/);
      expect(rows.find((r) => r.id === 'old-hook')?.settings).toEqual({
        outboundUrl: 'https://example.test/out',
      });
      const stored = await db.select().from(channelSecrets);
      expect(stored.map((s) => s.name).sort()).toEqual([
        'accessToken',
        'appSecret',
        'secret',
        'verifyToken',
      ]);
      expect(JSON.stringify(stored)).not.toMatch(/plain-/);
      const hook = stored.find((s) => s.channelId === 'old-hook')!;
      expect(openSecret(hook.current, { owner: 'old-hook', name: 'secret' })).toBe(
        'plain-hook-secret',
      );
      expect(stored.find((s) => s.name === 'verifyToken')!.current).toMatch(/^h1\./);
    } finally {
      await database.close();
    }
  });

  it('re-seals values under a new key, keeping the old key only to open them', async () => {
    const database = await emptyDatabase();
    try {
      const db = database.db;
      const [dept] = await db.insert(departments).values({ name: 'Rekey' }).returning();
      await db.insert(channels).values({
        id: 'rekey-hook',
        kind: 'webhook',
        name: 'Rekey',
        departmentId: dept!.id,
        defaultRegion: 'ZA',
        secret: 'rekey-secret',
      });
      await sealLegacySecrets(db);
      const newKey = Buffer.alloc(32, 9);
      installSecretKeys({ current: newKey, previous: [TEST_SECRET_KEY] });
      expect(await sealLegacySecrets(db)).toEqual({ sealed: 0, resealed: 1 });
      expect(await sealLegacySecrets(db)).toEqual({ sealed: 0, resealed: 0 });
      const [row] = await db
        .select()
        .from(channelSecrets)
        .where(eq(channelSecrets.channelId, 'rekey-hook'));
      expect(isSealed(row!.current)).toBe(true);
      expect(row!.current.startsWith(`v1.${keyIdOf(newKey)}.`)).toBe(true);
      installSecretKeys({ current: newKey });
      expect(openSecret(row!.current, { owner: 'rekey-hook', name: 'secret' })).toBe(
        'rekey-secret',
      );
    } finally {
      installSecretKeys({ current: TEST_SECRET_KEY });
      await database.close();
    }
  });
});
