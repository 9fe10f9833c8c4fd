import { and, eq, gt, inArray, lt, min, sql, count } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { signInFailures } from '../../db/schema.ts';

/**
 * Failed sign-ins are counted in the database so every node sees the same numbers: a guesser
 * cannot spread attempts over nodes. An account is held after a few failures; an address after
 * more, since many people may share one (an office NAT).
 */
export const THROTTLE = {
  windowSeconds: 15 * 60,
  perAccount: 5,
  perAddress: 30,
};

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (ip: string) => `address:${ip}`;

/** Seconds until another attempt is allowed, or undefined when it is allowed now. */
export async function retryAfter(db: Db, email: string, ip: string): Promise<number | undefined> {
  const window = sql`now() - ${`${THROTTLE.windowSeconds} seconds`}::interval`;
  const rows = await db
    .select({
      key: signInFailures.key,
      n: count(),
      oldest: min(signInFailures.at),
      now: sql<Date>`now()`,
    })
    .from(signInFailures)
    .where(
      and(
        inArray(signInFailures.key, [accountKey(email), addressKey(ip)]),
        gt(signInFailures.at, window),
      ),
    )
    .groupBy(signInFailures.key);
  let wait: number | undefined;
  for (const row of rows) {
    const limit = row.key.startsWith('account:') ? THROTTLE.perAccount : THROTTLE.perAddress;
    if (row.n < limit || !row.oldest) continue;
    const seconds =
      (new Date(row.oldest).getTime() +
        THROTTLE.windowSeconds * 1000 -
        new Date(row.now).getTime()) /
      1000;
    wait = Math.max(wait ?? 0, seconds, 1);
  }
  return wait;
}

export async function recordFailure(db: Db, email: string, ip: string): Promise<void> {
  await db.insert(signInFailures).values([{ key: accountKey(email) }, { key: addressKey(ip) }]);
}

export async function clearAccountFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.key, accountKey(email)));
}

export async function pruneFailures(db: Db): Promise<void> {
  await db
    .delete(signInFailures)
    .where(lt(signInFailures.at, sql`now() - ${`${THROTTLE.windowSeconds} seconds`}::interval`));
}
