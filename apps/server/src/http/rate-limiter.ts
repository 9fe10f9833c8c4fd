import { createClient } from 'redis';

/** One limit: at most `limit` hits per key within any `windowMs`. `name` keeps rules apart. */
export type LimitRule = { name: string; limit: number; windowMs: number };

/** A hit to count against one rule, for one key (an address, a session id, a number). */
export type LimitHit = readonly [rule: LimitRule, key: string];

export type RateLimiter = {
  /**
   * Counts one hit against every rule given, all or none: when every key is under its limit they
   * are all counted and the answer is undefined; otherwise nothing is counted and the answer is
   * the seconds until the longest-held key may try again. The check and the count are one step,
   * so requests that arrive together cannot all slip under a limit.
   */
  take(hits: readonly LimitHit[]): Promise<number | undefined>;
  close(): Promise<void>;
};

const waitSeconds = (oldest: number, windowMs: number, now: number) =>
  Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));

/**
 * One process's limits, in memory. Enough for a single node (the embedded database allows only
 * one); with several nodes use the Redis limiter, or each node would allow the limit again.
 */
export function createMemoryRateLimiter(opts: { maxKeys?: number } = {}): RateLimiter {
  const hits = new Map<string, number[]>();
  const maxKeys = opts.maxKeys ?? 50_000;
  const recent = (id: string, windowMs: number, now: number) =>
    (hits.get(id) ?? []).filter((at) => now - at < windowMs);
  return {
    // Synchronous inside: no other request runs between the check and the count.
    async take(list) {
      const now = Date.now();
      let wait: number | undefined;
      const kept = list.map(([rule, key]) => {
        const id = `${rule.name}\n${key}`;
        const times = recent(id, rule.windowMs, now);
        if (times.length >= rule.limit)
          wait = Math.max(wait ?? 0, waitSeconds(times[0]!, rule.windowMs, now));
        return { id, rule, times };
      });
      if (wait !== undefined) return wait;
      // A flood of fresh keys (spoofed ids) drops the oldest-touched keys, not everyone's counts.
      while (hits.size >= maxKeys) hits.delete(hits.keys().next().value!);
      for (const { id, rule, times } of kept) {
        times.push(now);
        hits.delete(id);
        hits.set(id, times.slice(-rule.limit));
      }
      return undefined;
    },
    async close() {
      hits.clear();
    },
  };
}

/*
 * Sliding windows as sorted sets of hit times. KEYS are the sets; ARGV is now, a unique member,
 * then a limit and a window per key. Run as one script, so it is one step on every node's behalf.
 */
const TAKE = `
local now = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[1 + 2 * i])
  local window = tonumber(ARGV[2 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= limit then
    local oldest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
    local w = oldest + window - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, tonumber(ARGV[2 + 2 * i]))
end
return 0`;

/** Limits shared by every node through Redis, so n nodes still allow the limit once. */
export async function createRedisRateLimiter(url: string): Promise<RateLimiter> {
  const client = createClient({ url });
  // Errors surface on the call; the client reconnects by itself.
  client.on('error', () => undefined);
  await client.connect();
  let counter = 0;
  return {
    async take(list) {
      if (list.length === 0) return undefined;
      const now = Date.now();
      const member = `${now}:${process.pid}:${++counter}:${Math.random()}`;
      const keys = list.map(([rule, key]) => `parley:limit:${rule.name}:${key}`);
      const args = [String(now), member];
      for (const [rule] of list) args.push(String(rule.limit), String(rule.windowMs));
      const waitMs = Number(await client.eval(TAKE, { keys, arguments: args }));
      return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : undefined;
    },
    async close() {
      await client.quit().catch(() => undefined);
    },
  };
}
