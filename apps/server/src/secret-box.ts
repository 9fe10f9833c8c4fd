import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * Secrets at rest (channel secrets, webhook signing secrets). A value the server must use (to
 * sign, check a signature or call out)
 * is sealed with AES-256-GCM under PARLEY_SECRET_KEY: `v1.<key id>.<base64url(iv|tag|data)>`,
 * bound to its owner and name (the GCM additional data: a channel id, or `webhook` for signing
 * secrets of outbound webhooks), so a sealed value copied onto another channel does not open. A value that is only ever compared (the WhatsApp verify token) is kept as a
 * salted hash: `h1.<salt>.<hex sha256>`.
 *
 * The key ring is installed once at start-up (main.ts, the test harness), like the configuration
 * it comes from; older keys may stay in it so values sealed under them still open until the
 * start-up step re-seals them under the current key.
 */

const SEALED = /^v1\.([0-9a-f]{8})\.([A-Za-z0-9_-]+)$/;
const HASHED = /^h1\.([0-9a-f]{32})\.([0-9a-f]{64})$/;

export type KeyRing = { current: Buffer; previous?: Buffer[] };

type Installed = { currentId: string; keys: Map<string, Buffer> };
let installed: Installed | undefined;

/** A short, non-secret name for a key, so a value says which key sealed it. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('parley-key-id:').update(key).digest('hex').slice(0, 8);
}

export function installSecretKeys(ring: KeyRing): void {
  for (const key of [ring.current, ...(ring.previous ?? [])])
    if (key.length !== 32) throw new Error('A channel secret key must be 32 bytes.');
  const keys = new Map<string, Buffer>();
  for (const key of [...(ring.previous ?? []), ring.current]) keys.set(keyIdOf(key), key);
  installed = { currentId: keyIdOf(ring.current), keys };
}

function ring(): Installed {
  if (!installed) throw new Error('No channel secret key is installed (PARLEY_SECRET_KEY).');
  return installed;
}

/**
 * Keys for one purpose (signing file links), derived from the key ring so nothing more needs
 * configuring: the current key's first, then the previous keys', so a link signed before a key
 * rotation still checks until it expires.
 */
export function derivedKeys(purpose: string): Buffer[] {
  const { currentId, keys } = ring();
  const derive = (key: Buffer) =>
    createHmac('sha256', key).update(`parley-derive:${purpose}`).digest();
  return [
    derive(keys.get(currentId)!),
    ...[...keys].filter(([id]) => id !== currentId).map(([, key]) => derive(key)),
  ];
}

/** Where a sealed value belongs; a value only opens for the same owner and name. */
export type SealContext = { owner: string; name: string };
const aad = (context: SealContext) => Buffer.from(`${context.owner}\n${context.name}`);

export function sealSecret(plain: string, context: SealContext): string {
  const { currentId, keys } = ring();
  const key = keys.get(currentId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(context));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const packed = Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url');
  return `v1.${currentId}.${packed}`;
}

export function openSecret(sealed: string, context: SealContext): string {
  const match = SEALED.exec(sealed);
  if (!match) throw new Error(`The ${context.name} of ${context.owner} is not sealed.`);
  const key = ring().keys.get(match[1]!);
  if (!key)
    throw new Error(
      `The ${context.name} of ${context.owner} was sealed with key ${match[1]}, ` +
        'which is not configured (PARLEY_SECRET_KEY, PARLEY_SECRET_KEY_PREVIOUS).',
    );
  const packed = Buffer.from(match[2]!, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, packed.subarray(0, 12));
  decipher.setAAD(aad(context));
  decipher.setAuthTag(packed.subarray(12, 28));
  return Buffer.concat([decipher.update(packed.subarray(28)), decipher.final()]).toString('utf8');
}

/** Whether a sealed value needs re-sealing under the current key. */
export function sealedWithOldKey(sealed: string): boolean {
  const match = SEALED.exec(sealed);
  return match !== null && match[1] !== ring().currentId;
}

export const isSealed = (value: string) => SEALED.test(value);
export const isHashed = (value: string) => HASHED.test(value);

const digest = (salt: string, value: string) =>
  createHash('sha256').update(`${salt}.`).update(value).digest('hex');

export function hashSecret(value: string): string {
  const salt = randomBytes(16).toString('hex');
  return `h1.${salt}.${digest(salt, value)}`;
}

/** Compares a presented value with a stored hash in constant time; false for anything malformed. */
export function matchesHash(value: string, stored: string): boolean {
  const match = HASHED.exec(stored);
  if (!match) return false;
  const expected = Buffer.from(match[2]!, 'hex');
  const given = Buffer.from(digest(match[1]!, value), 'hex');
  return timingSafeEqual(expected, given);
}

/** A generated secret: 32 random bytes, URL-safe, with a prefix naming what it is. */
export const generateSecret = (prefix: string) =>
  `${prefix}_${randomBytes(32).toString('base64url')}`;
