import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

describe('createRateLimiter', () => {
  it('allows the limit per window, then says how long to wait, then allows again', () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 });
    expect(limiter.take('a', 0)).toBeUndefined();
    expect(limiter.take('a', 1_000)).toBeUndefined();
    expect(limiter.take('a', 15_000)).toBe(45);
    expect(limiter.take('b', 15_000)).toBeUndefined();
    expect(limiter.take('a', 60_000)).toBeUndefined();
  });

  it('forgets old keys instead of growing without bound', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 3 });
    for (const key of ['a', 'b', 'c', 'd']) limiter.take(key, 0);
    // "a" was forgotten to make room, so it starts a fresh window.
    expect(limiter.take('a', 1)).toBeUndefined();
    expect(limiter.take('d', 1)).toBeDefined();
  });
});
