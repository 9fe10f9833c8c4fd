import type { Db } from '../../db/client.ts';
import {
  countRecentFailures,
  deleteFailures,
  deleteFailuresOlderThan,
  insertFailures,
  lockFailureCounter,
} from './sign-in.repo.ts';

/**
 * Sign-in attempts are counted in the database so every node sees the same numbers: a guesser
 * cannot spread attempts over nodes. An account is held after a few failures; an address after
 * more, since many people may share one (an office NAT).
 */
export const THROTTLE = {
  windowSeconds: 15 * 60,
  perAccount: 5,
  perAddress: 30,
  /** A browser that signed in to the account before has its own count (ADR 6). */
  perDevice: 5,
};

/** A counter an attempt is charged to, and how many it may hold in the window. */
export type ThrottleKey = { key: string; limit: number };

export const accountKey = (email: string): ThrottleKey => ({
  key: `account:${email.trim().toLowerCase()}`,
  limit: THROTTLE.perAccount,
});
export const addressKey = (ip: string): ThrottleKey => ({
  key: `address:${ip}`,
  limit: THROTTLE.perAddress,
});
export const deviceKey = (deviceId: string): ThrottleKey => ({
  key: `device:${deviceId}`,
  limit: THROTTLE.perDevice,
});

/** The attempt's failure rows, and the keys this attempt filled (a failure now holds them). */
export type Reservation = { ids: number[]; fills: string[] };

/**
 * Charges one attempt to every key before the password is checked, or answers how many seconds to
 * wait when a key is full. Locking the keys, counting and inserting happen in one short
 * transaction, so parallel attempts (on any node) are admitted one at a time and can never pass
 * the limit together. Settle the reservation with `settleSuccess`; a failure simply keeps it.
 */
export async function reserveAttempt(
  db: Db,
  keys: ThrottleKey[],
): Promise<{ reservation: Reservation } | { retryAfter: number }> {
  // One global lock order (by key) so two attempts sharing keys can never wait on each other.
  const sorted = [...keys].sort((one, other) => one.key.localeCompare(other.key));
  const names = sorted.map(({ key }) => key);
  return db.transaction(async (tx) => {
    for (const key of names) await lockFailureCounter(tx, key);
    const counts = await countRecentFailures(tx, names, THROTTLE.windowSeconds);
    let wait: number | undefined;
    for (const row of counts) {
      const limit = sorted.find(({ key }) => key === row.key)?.limit ?? 0;
      if (row.n < limit || !row.oldest) continue;
      const seconds =
        (new Date(row.oldest).getTime() +
          THROTTLE.windowSeconds * 1000 -
          new Date(row.now).getTime()) /
        1000;
      wait = Math.max(wait ?? 0, Math.ceil(seconds), 1);
    }
    if (wait !== undefined) return { retryAfter: wait };
    const before = new Map(counts.map((row) => [row.key, row.n]));
    const fills = sorted
      .filter(({ key, limit }) => (before.get(key) ?? 0) + 1 === limit)
      .map(({ key }) => key);
    return { reservation: { ids: await insertFailures(tx, names), fills } };
  });
}

/** A right password: the attempt was no failure, and the account's earlier failures are forgiven. */
export async function settleSuccess(
  db: Db,
  reservation: Reservation,
  account: ThrottleKey,
): Promise<void> {
  await deleteFailures(db, reservation.ids, account.key);
}

/** Failures older than the window count against nobody any more. */
export async function pruneFailures(db: Db): Promise<void> {
  await deleteFailuresOlderThan(db, THROTTLE.windowSeconds);
}
