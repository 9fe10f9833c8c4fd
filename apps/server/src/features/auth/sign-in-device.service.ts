import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { findOrCreateDeviceSecret } from './sign-in.repo.ts';

/**
 * A browser that signed in to an account before carries a device cookie for that account, so a
 * hold on the account (someone else guessing its password) does not keep its owner out (ADR 6).
 * The cookie is `<staffId>.<nonce>.<issued unix seconds>.<HMAC>`; the key lives in system_state,
 * made once per database so every node signs and checks alike.
 */
export const DEVICE_DAYS = 90;

const keys = new WeakMap<Db, Promise<Buffer>>();

function deviceSecret(db: Db): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = loadOrCreateSecret(db);
    // A failed read is retried next time rather than cached.
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

async function loadOrCreateSecret(db: Db): Promise<Buffer> {
  const secret = await findOrCreateDeviceSecret(db, randomBytes(32).toString('base64url'));
  return Buffer.from(secret, 'base64url');
}

const mac = (secret: Buffer, body: string) =>
  createHmac('sha256', secret).update(body).digest('base64url');

export async function issueDeviceToken(db: Db, staffId: string): Promise<string> {
  const body = `${staffId}.${randomBytes(12).toString('base64url')}.${Math.floor(Date.now() / 1000)}`;
  return `${body}.${mac(await deviceSecret(db), body)}`;
}

/** The device's id when the cookie is genuine, recent and issued for this account; else undefined. */
export async function knownDeviceOf(
  db: Db,
  token: string | undefined,
  staffId: string,
): Promise<string | undefined> {
  const parts = token?.split('.') ?? [];
  if (parts.length !== 4) return undefined;
  const [owner, nonce, issued, given] = parts as [string, string, string, string];
  if (owner !== staffId || !/^\d{1,12}$/.test(issued)) return undefined;
  if (Date.now() / 1000 - Number(issued) > DEVICE_DAYS * 86_400) return undefined;
  const expected = Buffer.from(mac(await deviceSecret(db), `${owner}.${nonce}.${issued}`));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
  return `${owner}:${nonce}`;
}
