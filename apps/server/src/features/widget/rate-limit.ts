/**
 * Counts attempts per key in fixed windows, in this process's memory. Each node counts on its
 * own, so a cluster of n nodes allows up to n times the limit: enough to stop a script from
 * minting sessions, which is all it is for.
 */
export function createRateLimiter(opts: { limit: number; windowMs: number; maxKeys?: number }) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const maxKeys = opts.maxKeys ?? 50_000;

  function sweep(now: number) {
    for (const [key, w] of windows) if (w.resetAt <= now) windows.delete(key);
    // Still full of live windows: forget the oldest rather than grow without bound.
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  }

  return {
    /** Counts one attempt; answers the seconds to wait when over the limit, else undefined. */
    take(key: string, now = Date.now()): number | undefined {
      let w = windows.get(key);
      if (!w || w.resetAt <= now) {
        if (windows.size >= maxKeys) sweep(now);
        w = { count: 0, resetAt: now + opts.windowMs };
        windows.set(key, w);
      }
      w.count += 1;
      return w.count > opts.limit ? Math.ceil((w.resetAt - now) / 1000) : undefined;
    },
  };
}
