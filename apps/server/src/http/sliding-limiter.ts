/**
 * Counts hits per key (failed signatures, widget sessions started) in a sliding window, in this
 * process's memory, and says how long a key over the limit must wait. Each node counts on its
 * own, so n nodes allow up to n times the limit: enough to hold off a script, which is its job.
 */
export function createSlidingLimiter(opts: { limit: number; windowMs: number; maxKeys?: number }) {
  const hits = new Map<string, number[]>();
  const maxKeys = opts.maxKeys ?? 10_000;
  const recent = (key: string, now: number) =>
    (hits.get(key) ?? []).filter((at) => now - at < opts.windowMs);
  return {
    /** Seconds to wait, or undefined when the key may try now. */
    retryAfter(key: string, now = Date.now()): number | undefined {
      const list = recent(key, now);
      if (list.length < opts.limit) return undefined;
      return Math.max(1, Math.ceil((list[0]! + opts.windowMs - now) / 1000));
    },
    hit(key: string, now = Date.now()) {
      if (hits.size >= maxKeys && !hits.has(key)) hits.clear();
      const list = recent(key, now);
      list.push(now);
      hits.set(key, list.slice(-opts.limit));
    },
  };
}
