import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Checked against when a request names no channel we could verify for (unknown, another kind, no
 * secret), so its answer and timing are those of a wrong signature on a real channel and channel
 * ids cannot be enumerated. Random per process: nobody can produce a signature that matches it.
 */
export const UNKNOWN_CHANNEL_SECRET = randomBytes(32).toString('hex');

/** How far a signed timestamp may be from our clock, either way, before we refuse it. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SignatureFailure = 'missing' | 'malformed' | 'wrong' | 'expired' | 'future';
export type SignatureCheck = { ok: true } | { ok: false; reason: SignatureFailure };

/** Words for a refused signature, for the 401's detail: enough for an integrator to fix it. */
export const signatureFailureDetail: Record<SignatureFailure, string> = {
  missing: 'The request is not signed: send X-Parley-Timestamp and X-Parley-Signature.',
  malformed:
    'The signature headers are malformed: X-Parley-Timestamp is unix seconds and ' +
    'X-Parley-Signature is "sha256=" followed by 64 hex digits.',
  wrong: 'The signature does not match this request and the channel secret.',
  expired: 'The signature is more than 5 minutes old; sign each request when you send it.',
  future:
    "The signature timestamp is more than 5 minutes ahead of our clock; check the sender's clock.",
};

export type HubSignatureFailure = 'missing' | 'malformed' | 'wrong';

export const hubSignatureFailureDetail: Record<HubSignatureFailure, string> = {
  missing: 'The notification is not signed: X-Hub-Signature-256 is missing.',
  malformed: 'X-Hub-Signature-256 is malformed: expected "sha256=" followed by 64 hex digits.',
  wrong: "X-Hub-Signature-256 does not match this body and the channel's app secret.",
};

type HeaderValue = string | string[] | undefined;

const hmacHex = (key: string, ...parts: (string | Buffer)[]) => {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest('hex');
};

/** Compares two hex digests in constant time; callers have checked both are 64 hex digits. */
const sameDigest = (one: string, other: string) => {
  const left = Buffer.from(one.toLowerCase(), 'hex');
  const right = Buffer.from(other.toLowerCase(), 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
};

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

/** The X-Parley-Signature value for a body sent at `timestamp` (unix seconds). */
export function signPayload(secret: string, body: string | Buffer, timestamp: number): string {
  return `sha256=${hmacHex(secret, `${timestamp}.`, body)}`;
}

/**
 * Checks a generic webhook signature over the exact bytes received. The timestamp is inside the
 * MAC, so a captured body replayed later under a fresh timestamp does not verify, and an old one
 * is refused by the time window.
 */
export function verifyWebhookSignature(
  secret: string,
  rawBody: Buffer | string,
  headers: { timestamp: HeaderValue; signature: HeaderValue },
  nowMs: number = Date.now(),
): SignatureCheck {
  const { timestamp, signature } = headers;
  if (timestamp === undefined || signature === undefined || timestamp === '' || signature === '')
    return { ok: false, reason: 'missing' };
  if (typeof timestamp !== 'string' || typeof signature !== 'string')
    return { ok: false, reason: 'malformed' };
  const given = SIGNATURE.exec(signature.trim());
  if (!/^\d{1,12}$/.test(timestamp.trim()) || !given?.[1])
    return { ok: false, reason: 'malformed' };
  const seconds = Number(timestamp.trim());
  const expected = hmacHex(secret, `${seconds}.`, rawBody);
  if (!sameDigest(expected, given[1])) return { ok: false, reason: 'wrong' };
  const age = nowMs / 1000 - seconds;
  if (age > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'expired' };
  if (age < -SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'future' };
  return { ok: true };
}

/**
 * Checks WhatsApp's X-Hub-Signature-256 (HMAC of the raw body with the app secret). Meta signs
 * no timestamp, so replays are caught by message-id de-duplication instead.
 */
export function verifyHubSignature(
  appSecret: string,
  rawBody: Buffer | string,
  header: HeaderValue,
): { ok: true } | { ok: false; reason: HubSignatureFailure } {
  if (header === undefined || header === '') return { ok: false, reason: 'missing' };
  if (typeof header !== 'string') return { ok: false, reason: 'malformed' };
  const given = SIGNATURE.exec(header.trim());
  if (!given?.[1]) return { ok: false, reason: 'malformed' };
  return sameDigest(hmacHex(appSecret, rawBody), given[1])
    ? { ok: true }
    : { ok: false, reason: 'wrong' };
}

/** Compares two secrets of any length in constant time (HMAC both so lengths always match). */
export function sameSecret(one: string, other: string): boolean {
  const key = 'parley-compare';
  return timingSafeEqual(
    Buffer.from(hmacHex(key, one), 'hex'),
    Buffer.from(hmacHex(key, other), 'hex'),
  );
}
