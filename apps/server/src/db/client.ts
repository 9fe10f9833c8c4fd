import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A database or a transaction: repositories take either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type PoolStats = { total: number; idle: number; waiting: number };

export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  poolStats(): PoolStats;
  close(): Promise<void>;
  /** The raw driver, for migrations, baselines in benchmarks and test set-up. */
  raw: { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; pool: pg.Pool };
};

export class DataDirLockedError extends Error {
  constructor(dataDir: string) {
    super(
      `Another Parley process is already using the data folder ${path.resolve(dataDir)}. ` +
        'The embedded database allows one process at a time: stop the other one, set ' +
        'PARLEY_DATA_DIR to another folder, or use a PostgreSQL server with DATABASE_URL.',
    );
    this.name = 'DataDirLockedError';
  }
}

// node-postgres would parse bigint (int8) as a string and PGlite as a number; timestamps stay Date.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // A pool error (a server restart) must not crash the process; queries will report it.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    raw: { kind: 'postgres', pool },
    async ping() {
      await pool.query('select 1');
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
}

/**
 * The embedded database in `dataDir` (or in memory when dataDir is undefined). PGlite is one
 * connection in one process, and two processes on one folder silently lose writes, so the folder
 * is locked for as long as this process holds it.
 */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  let release: (() => Promise<void>) | undefined;
  let client: PGlite;
  if (dataDir === undefined) {
    client = new PGlite();
  } else {
    mkdirSync(dataDir, { recursive: true });
    try {
      release = await lockfile.lock(dataDir, {
        lockfilePath: path.join(dataDir, 'parley.lock'),
        stale: 15_000,
        update: 5_000,
        realpath: false,
        onCompromised: (err) => {
          // Someone took the folder from under us: writes would be lost, so stop at once.
          console.error(`Lost the lock on ${dataDir}: ${err.message}`);
          process.exit(1);
        },
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
      throw err;
    }
    client = new PGlite(path.join(dataDir, 'pg'));
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    raw: { kind: 'pglite', client },
    async ping() {
      await client.query('select 1');
    },
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    async close() {
      await client.close();
      await release?.();
    },
  };
}

export async function openDatabase(opts: {
  databaseUrl: string | undefined;
  dataDir: string | undefined;
}): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}

/** `now()` as the database sees it; used where app and database clocks must agree. */
export const dbNow = sql`now()`;

/** Rows of a raw SQL query; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
