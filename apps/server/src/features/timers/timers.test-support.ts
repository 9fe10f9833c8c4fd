import { afterAll } from 'vitest';
import { type Database, openPostgres } from '../../db/client.ts';
import type { CommittedFrame } from '../../realtime/frames.ts';
import { emptyDatabase } from '../../test/harness.ts';

/**
 * A database of the test file's own (timer workers fire whatever is due in the whole database, so
 * they must not see other files' chats) and a second connection to it: on PostgreSQL a pool of its
 * own, so two workers racing really race; PGlite is one connection in one process, so the same.
 */
export async function timerDatabases(): Promise<{ database: Database; second: Database }> {
  const database = await emptyDatabase();
  const second =
    database.raw.kind === 'postgres'
      ? await openPostgres(database.raw.pool.options.connectionString!, 2)
      : database;
  afterAll(async () => {
    if (second !== database) await second.close();
    await database.close();
  });
  return { database, second };
}

/** A clock the test moves: workers read `clock.now()`. */
export function testClock(start = new Date()) {
  let current = start;
  return {
    now: () => current,
    set(moment: Date) {
      current = moment;
    },
  };
}

/** A worker's log that keeps errors and warnings for the test to look at. */
export function keptLog() {
  const problems: { level: 'warn' | 'error'; obj: unknown; msg?: string }[] = [];
  return {
    problems,
    log: {
      info: () => undefined,
      warn: (obj: unknown, msg?: string) => void problems.push({ level: 'warn', obj, msg }),
      error: (obj: unknown, msg?: string) => void problems.push({ level: 'error', obj, msg }),
    } as never,
  };
}

/** A notifier that keeps every frame committed through it. */
export function keptFrames() {
  const frames: CommittedFrame[] = [];
  return {
    frames,
    notifier: { wake: (committed?: CommittedFrame[]) => frames.push(...(committed ?? [])) },
  };
}
