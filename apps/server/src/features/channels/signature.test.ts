import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  sameSecret,
  signPayload,
  verifyHubSignature,
  verifyWebhookSignature,
} from './signature.ts';

const secret = 'channel-secret';
const body = '{"messageId":"m-1","from":"+27821234567","text":"Hello"}';
const now = 1_760_000_000_000;
const nowSeconds = now / 1000;

const headersFor = (payload: string, timestamp: number, key = secret) => ({
  timestamp: String(timestamp),
  signature: signPayload(key, payload, timestamp),
});

describe('verifyWebhookSignature', () => {
  it('accepts a correct signature made now', () => {
    expect(verifyWebhookSignature(secret, body, headersFor(body, nowSeconds), now)).toEqual({
      ok: true,
    });
  });

  it('accepts the same bytes given as a Buffer, and upper-case hex', () => {
    const headers = headersFor(body, nowSeconds);
    const upper = { ...headers, signature: `sha256=${headers.signature.slice(7).toUpperCase()}` };
    expect(verifyWebhookSignature(secret, Buffer.from(body), upper, now).ok).toBe(true);
  });

  it('signs "<timestamp>.<body>" with HMAC-SHA256, as documented for integrators', () => {
    const expected = createHmac('sha256', secret).update(`${nowSeconds}.${body}`).digest('hex');
    expect(signPayload(secret, body, nowSeconds)).toBe(`sha256=${expected}`);
  });

  it.each([
    ['no headers', { timestamp: undefined, signature: undefined }],
    ['no timestamp', { timestamp: undefined, signature: signPayload(secret, body, nowSeconds) }],
    ['no signature', { timestamp: String(nowSeconds), signature: undefined }],
    ['empty headers', { timestamp: '', signature: '' }],
  ])('refuses a request with %s as missing', (_label, headers) => {
    expect(verifyWebhookSignature(secret, body, headers, now)).toEqual({
      ok: false,
      reason: 'missing',
    });
  });

  it.each([
    ['a timestamp that is not a number', { timestamp: 'yesterday' }],
    ['a fractional timestamp', { timestamp: `${nowSeconds}.5` }],
    ['no sha256= prefix', { signature: 'a'.repeat(64) }],
    ['a short digest', { signature: `sha256=${'a'.repeat(63)}` }],
    ['a non-hex digest', { signature: `sha256=${'g'.repeat(64)}` }],
    ['a repeated header', { signature: ['sha256=a', 'sha256=b'] }],
  ])('refuses %s as malformed', (_label, change) => {
    const headers = { ...headersFor(body, nowSeconds), ...change };
    expect(verifyWebhookSignature(secret, body, headers, now)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('refuses a signature made with another secret', () => {
    const headers = headersFor(body, nowSeconds, 'another-secret');
    expect(verifyWebhookSignature(secret, body, headers, now)).toEqual({
      ok: false,
      reason: 'wrong',
    });
  });

  it('refuses a body changed after signing', () => {
    const headers = headersFor(body, nowSeconds);
    const tampered = body.replace('Hello', 'Hellp');
    expect(verifyWebhookSignature(secret, tampered, headers, now).ok).toBe(false);
  });

  it('refuses a signed body replayed under a new timestamp', () => {
    const captured = headersFor(body, nowSeconds - 3600);
    const replay = { ...captured, timestamp: String(nowSeconds) };
    expect(verifyWebhookSignature(secret, body, replay, now)).toEqual({
      ok: false,
      reason: 'wrong',
    });
  });

  it('refuses a correct signature older than 5 minutes, accepts one just inside', () => {
    const old = headersFor(body, nowSeconds - 301);
    expect(verifyWebhookSignature(secret, body, old, now)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyWebhookSignature(secret, body, headersFor(body, nowSeconds - 299), now).ok).toBe(
      true,
    );
  });

  it('refuses a correct signature more than 5 minutes in the future', () => {
    const ahead = headersFor(body, nowSeconds + 301);
    expect(verifyWebhookSignature(secret, body, ahead, now)).toEqual({
      ok: false,
      reason: 'future',
    });
  });
});

describe('verifyHubSignature (WhatsApp)', () => {
  const appSecret = 'meta-app-secret';
  const hub = (payload: string, key = appSecret) =>
    `sha256=${createHmac('sha256', key).update(payload).digest('hex')}`;

  it('accepts the HMAC of the raw body with the app secret', () => {
    expect(verifyHubSignature(appSecret, Buffer.from(body), hub(body))).toEqual({ ok: true });
  });

  it('refuses a missing, malformed or wrong header', () => {
    expect(verifyHubSignature(appSecret, body, undefined)).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(verifyHubSignature(appSecret, body, 'sha1=abc')).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyHubSignature(appSecret, body, hub(body, 'other'))).toEqual({
      ok: false,
      reason: 'wrong',
    });
    expect(verifyHubSignature(appSecret, `${body} `, hub(body))).toEqual({
      ok: false,
      reason: 'wrong',
    });
  });
});

describe('sameSecret', () => {
  it('compares secrets of any length', () => {
    expect(sameSecret('token', 'token')).toBe(true);
    expect(sameSecret('token', 'token-longer')).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
  });
});
