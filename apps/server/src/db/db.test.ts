import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
  rawRows,
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

  it('is taken over at once from a holder that crashed, never from one still running', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-lock-'));
    // What a crash leaves: the lock folder, fresh, and the id of a process that has ended.
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    mkdirSync(path.join(dir, 'parley.lock'));
    writeFileSync(path.join(dir, 'parley.pid'), `${String(ended.stdout)}\n${os.hostname()}\n`);
    const database = await openPglite(dir);
    expect(readFileSync(path.join(dir, 'parley.pid'), 'utf8')).toBe(
      `${process.pid}\n${os.hostname()}\n`,
    );
    await database.close();
    expect(existsSync(path.join(dir, 'parley.pid'))).toBe(false);

    // A holder that is alive (this process's parent stands in for one) keeps the folder.
    mkdirSync(path.join(dir, 'parley.lock'));
    writeFileSync(path.join(dir, 'parley.pid'), `${process.ppid}\n${os.hostname()}\n`);
    await expect(openPglite(dir)).rejects.toBeInstanceOf(DataDirLockedError);
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
        sql`select count(*)::int as n from information_schema.tables where table_name in ('staff', 'sessions', 'realtime_frames', 'channels')`,
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

describe('prepared statements (rawRows with a name)', () => {
  it('answer what the unnamed statement answers, on every run, and fail as it fails', async () => {
    const database = await emptyDatabase();
    try {
      const { db } = database;
      await db.execute(
        sql`create table prepared_probe (id bigserial primary key, label text unique, tags text[], flag boolean, at timestamptz default now())`,
      );
      const insert = `insert into prepared_probe (label, tags, flag) values ($1, $2, $3) returning id, label, tags, flag, at`;
      const rows = await db.transaction(async (tx) => [
        ...(await rawRows(tx, insert, ['plain', ['a', 'b,c', 'd"e'], true])),
        ...(await rawRows(tx, insert, ['named 1', ['a', 'b,c', 'd"e'], true], 'probe_insert')),
        ...(await rawRows(tx, insert, ['named 2', null, false], 'probe_insert')),
      ]);
      const [plain, named1, named2] = rows as {
        id: number;
        label: string;
        tags: string[] | null;
        flag: boolean;
        at: unknown;
      }[];
      expect(named1).toMatchObject({ label: 'named 1', tags: plain!.tags, flag: true });
      expect(plain!.tags).toEqual(['a', 'b,c', 'd"e']);
      expect(named2).toMatchObject({ label: 'named 2', tags: null, flag: false });
      expect(typeof named1!.id).toBe(typeof plain!.id);
      expect(Number(named2!.id)).toBe(Number(named1!.id) + 1);
      // Timestamps stay text, as every raw query leaves them.
      expect(typeof named1!.at).toBe('string');
      expect(typeof plain!.at).toBe('string');

      // A constraint failure surfaces with its code, and the transaction rolls back whole.
      const failed = db.transaction(async (tx) => {
        await rawRows(tx, insert, ['rolled back', null, true], 'probe_insert');
        await rawRows(tx, insert, ['named 1', null, true], 'probe_insert');
      });
      await expect(failed).rejects.toMatchObject({ code: '23505' });
      const left = await rawRows<{ label: string }>(
        db,
        'select label from prepared_probe order by id',
      );
      expect(left.map((r) => r.label)).toEqual(['plain', 'named 1', 'named 2']);

      // One name, one text.
      if (database.kind === 'pglite')
        await expect(
          db.transaction((tx) => rawRows(tx, 'select 1 as one', [], 'probe_insert')),
        ).rejects.toThrow(/different text/);
    } finally {
      await database.close();
    }
  });
});
