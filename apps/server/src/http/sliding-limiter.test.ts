import { describe, expect, it } from 'vitest';
import { createSlidingLimiter } from './sliding-limiter.ts';

describe('createSlidingLimiter', () => {
  it('holds a key after the limit within the window, and lets it go after', () => {
    const limiter = createSlidingLimiter({ limit: 3, windowMs: 60_000 });
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter('a', t0 + i)).toBeUndefined();
      limiter.hit('a', t0 + i);
    }
    expect(limiter.retryAfter('a', t0 + 10)).toBe(60);
    expect(limiter.retryAfter('b', t0 + 10)).toBeUndefined();
    expect(limiter.retryAfter('a', t0 + 60_001)).toBeUndefined();
  });
});
