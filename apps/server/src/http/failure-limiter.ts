/**
 * Counts failures (bad signatures, bad tokens) per key in a sliding window, in memory. Legitimate
 * providers never fail a signature, so a flood of failures is somebody guessing: they are held
 * off with 429 while good traffic from other addresses flows. Each node counts on its own.
 */
export function createFailureLimiter(opts: { limit: number; windowMs: number; maxKeys?: number }) {
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
    fail(key: string, now = Date.now()) {
      if (hits.size >= maxKeys && !hits.has(key)) hits.clear();
      const list = recent(key, now);
      list.push(now);
      hits.set(key, list.slice(-opts.limit));
    },
  };
}
