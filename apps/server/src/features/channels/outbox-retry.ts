import { DeliveryError } from './adapters.ts';

const MAX_DELAY_MS = 5 * 60_000;

/** Exponential backoff with "equal jitter": between half and all of base·2^attempts, capped. */
export function backoffDelay(attemptsBefore: number, baseDelayMs: number, random = Math.random) {
  const ceiling = Math.min(baseDelayMs * 2 ** attemptsBefore, MAX_DELAY_MS);
  return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * Sorts a failed attempt into retry later or give up, as the attempts so far allow. `exhausted`
 * words the reason when a retryable failure has used up its attempts.
 */
export function judgeFailure(
  err: unknown,
  attemptsBefore: number,
  maxAttempts: number,
  exhausted: (attempts: number, reason: string) => string,
) {
  const failure =
    err instanceof DeliveryError ? err : new DeliveryError(`Sending failed: ${String(err)}`, true);
  const attempts = attemptsBefore + 1;
  if (!failure.retryable) return { giveUp: failure.reason, attempts, failure };
  if (attempts >= maxAttempts)
    return { giveUp: exhausted(attempts, failure.reason), attempts, failure };
  return { giveUp: undefined, attempts, failure };
}
