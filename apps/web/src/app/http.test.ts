import { describe, expect, it } from 'vitest';
import { Me } from '@parley/contract';
import { json, mockFetch, problem } from '../test/http.ts';
import { buildMe } from '../test/fixtures.ts';
import { ApiError, describeError, http, httpNoContent, NetworkError } from './http.ts';
import { parseRetryAfter } from '../ui/http.ts';

describe('http', () => {
  it('parses and validates a JSON answer', async () => {
    const me = buildMe();
    const { requests } = mockFetch([{ path: '/api/me', reply: () => json({ ...me, extra: 1 }) }]);
    await expect(http('/api/me', { parse: Me })).resolves.toEqual(me);
    expect(requests[0]?.headers.get('accept')).toBe('application/json');
  });

  it('turns problem+json into an ApiError with status, detail, field errors and Retry-After', async () => {
    mockFetch([
      {
        method: 'POST',
        path: '/api/session',
        reply: () =>
          problem(429, 'Too many attempts.', {
            errors: [{ field: 'email', message: 'Required' }],
            headers: { 'Retry-After': '90' },
          }),
      },
    ]);
    const error = await http('/api/session', { method: 'POST', body: {}, parse: Me }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      detail: 'Too many attempts.',
      fieldErrors: [{ field: 'email', message: 'Required' }],
      retryAfterSeconds: 90,
    });
  });

  it('still reports the status when the error body is not JSON', async () => {
    mockFetch([
      {
        path: '/api/staff',
        reply: () =>
          new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }),
      },
    ]);
    const error = await http('/api/staff', { parse: Me }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, title: 'Bad Gateway' });
    expect(describeError(error)).toBe('Something went wrong on our side (502). Try again.');
  });

  it('wraps a failed fetch in a NetworkError', async () => {
    mockFetch([
      { method: 'DELETE', path: '/api/session', reply: () => Promise.reject(new TypeError('x')) },
    ]);
    await expect(httpNoContent('/api/session', { method: 'DELETE' })).rejects.toBeInstanceOf(
      NetworkError,
    );
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
