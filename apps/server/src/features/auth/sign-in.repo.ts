import { and, count, eq, gt, inArray, lt, min, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { signInFailures, systemState } from '../../db/schema.ts';

/** Namespaces our advisory locks (the two-key form) apart from the migration and demo locks. */
const LOCK_CLASS = 0x5349;

/**
 * Holds the counter's advisory lock until the transaction ends, so attempts on the same key (on
 * any node) count one at a time. Call it inside a transaction.
 */
export async function lockFailureCounter(tx: Db, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(${key}))`);
}

const windowStart = (windowSeconds: number) => sql`now() - ${`${windowSeconds} seconds`}::interval`;

export type FailureCount = { key: string; n: number; oldest: Date | null; now: Date };

/** Failures per key within the last `windowSeconds`, with the oldest one and the database's now. */
export async function countRecentFailures(
  db: Db,
  keys: string[],
  windowSeconds: number,
): Promise<FailureCount[]> {
  return db
    .select({
      key: signInFailures.key,
      n: count(),
      oldest: min(signInFailures.at),
      now: sql<Date>`now()`,
    })
    .from(signInFailures)
    .where(
      and(inArray(signInFailures.key, keys), gt(signInFailures.at, windowStart(windowSeconds))),
    )
    .groupBy(signInFailures.key);
}

/** One failure per key; the ids are the reservation a success takes back. */
export async function insertFailures(db: Db, keys: string[]): Promise<number[]> {
  const inserted = await db
    .insert(signInFailures)
    .values(keys.map((key) => ({ key })))
    .returning({ id: signInFailures.id });
  return inserted.map((row) => row.id);
}

/** Deletes these failures and every failure counted against `key`. */
export async function deleteFailures(db: Db, ids: number[], key: string): Promise<void> {
  await db
    .delete(signInFailures)
    .where(or(inArray(signInFailures.id, ids), eq(signInFailures.key, key)));
}

export async function deleteFailuresOlderThan(db: Db, windowSeconds: number): Promise<void> {
  await db.delete(signInFailures).where(lt(signInFailures.at, windowStart(windowSeconds)));
}

const DEVICE_KEY_STATE = 'sign-in-device-key';

/**
 * The key that signs device cookies, stored with `candidate` first if there is none yet. Two
 * nodes may race to create it: the first insert wins and both read the winner.
 */
export async function findOrCreateDeviceSecret(db: Db, candidate: string): Promise<string> {
  await db
    .insert(systemState)
    .values({ key: DEVICE_KEY_STATE, value: { secret: candidate } })
    .onConflictDoNothing();
  const [row] = await db.select().from(systemState).where(eq(systemState.key, DEVICE_KEY_STATE));
  const secret = (row?.value as { secret?: unknown } | undefined)?.secret;
  if (typeof secret !== 'string') throw new Error(`system_state ${DEVICE_KEY_STATE} has no secret`);
  return secret;
}
