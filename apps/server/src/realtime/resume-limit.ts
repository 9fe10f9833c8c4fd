/** Resumes one socket may ask for in a window: a reconnecting client needs one. */
export const RESUME_LIMIT = 5;
export const RESUME_WINDOW_MS = 10_000;

/**
 * A socket's allowance of resumes. Each resume reads up to MAX_REPLAY rows from the table and
 * re-authorises them, so a client sending them in a loop would load the database for everyone.
 */
export function createResumeLimit(limit = RESUME_LIMIT, windowMs = RESUME_WINDOW_MS) {
  let times: number[] = [];
  return {
    /** Undefined when this resume may go ahead (and counts it), else the seconds to wait. */
    take(now = Date.now()): number | undefined {
      times = times.filter((at) => now - at < windowMs);
      if (times.length >= limit) return Math.max(1, Math.ceil((times[0]! + windowMs - now) / 1000));
      times.push(now);
      return undefined;
    },
  };
}
