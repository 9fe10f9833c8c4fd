import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emptyDatabase, engine } from '../test/harness.ts';
import {
  DataDirLockedError,
  QueryOutsideTransactionError,
  openPglite,
  queryRows,
} from './client.ts';
import { migrateDatabase } from './migrate.ts';

describe.runIf(engine === 'pglite')('the embedded database folder', () => {
  it('is held by one process: a second open is refused with a clear message', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-lock-'));
    const first = await openPglite(dir);
    try {
      const second = openPglite(dir);
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(/already using the data folder/);
    } finally {
      await first.close();
    }
    // Released on close: the folder can be opened again, with its data.
    const again = await openPglite(dir);
    await again.close();
  }, 90_000);
});

describe('migrations', () => {
  it('apply to an empty database and find nothing to do the second time', async () => {
    const database = await emptyDatabase();
    try {
      await migrateDatabase(database);
      await migrateDatabase(database);
      const [row] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from information_schema.tables where table_name in ('staff', 'sessions', 'realtime_events', 'channels')`,
      );
      expect(row?.n).toBe(4);
    } finally {
      await database.close();
    }
  });
});

describe('a query on the database itself inside an open transaction', () => {
  it('is refused at once instead of waiting for the transaction, which waits for it', async () => {
    const database = await emptyDatabase();
    try {
      const { db } = database;
      const inside = db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        await db.execute(sql`select 2`);
      });
      // drizzle wraps the driver's error in its own, with the driver's as the cause.
      const error = await inside.then(
        () => undefined,
        (err: unknown) => err as Error,
      );
      expect(error?.cause).toBeInstanceOf(QueryOutsideTransactionError);
      // The transaction rolled back and released the connection; the database still answers,
      // and a query started after the transaction ended is not mistaken for one inside it.
      let later: Promise<unknown> = Promise.resolve();
      await db.transaction(async (tx) => {
        await tx.execute(sql`select 3`);
        later = new Promise((resolve) => setTimeout(resolve, 20)).then(() =>
          db.execute(sql`select 4`),
        );
      });
      await expect(later).resolves.toBeDefined();
      const rows = await queryRows<{ n: number }>(db, sql`select 5 as n`);
      expect(rows[0]?.n).toBe(5);
    } finally {
      await database.close();
    }
  });
});
