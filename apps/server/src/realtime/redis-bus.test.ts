import { afterAll, describe, expect, it } from 'vitest';
import type { BusMessage } from './bus.ts';
import { createRedisBus, type RedisBus } from './redis-bus.ts';

const url = process.env.REDIS_URL;
// CI must run this suite: there a missing REDIS_URL is a failure, not a skip.
const required = process.env.CI === 'true';

describe.runIf(url || required)('the Redis bus between nodes', () => {
  const buses: RedisBus[] = [];
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
  });

  it('carries a message from one node to every other', async () => {
    if (!url) throw new Error('REDIS_URL must be set in CI');
    const a = await createRedisBus(url);
    const b = await createRedisBus(url);
    buses.push(a, b);
    const received = new Promise<BusMessage>((resolve) => {
      b.subscribe((m) => {
        if (m.kind === 'session-ended' && m.sessionId === 'from-a') resolve(m);
      });
    });
    await a.publish({ kind: 'session-ended', sessionId: 'from-a' });
    expect(await received).toEqual({ kind: 'session-ended', sessionId: 'from-a' });
    await expect(a.ping()).resolves.toBeUndefined();
  });
});
