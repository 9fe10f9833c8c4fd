import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { FolderLockedError, lockFolder } from './folder-lock.ts';
import { runPrepared } from './pglite-prepared.ts';
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

/**
 * The transaction whose callback is running, if any. A query on the database itself from inside
 * that callback is a mistake: on PostgreSQL it reads outside the transaction's snapshot and can
 * wait on the transaction's own row locks; on the embedded database, which has one connection, it
 * waits for the transaction to end, and the transaction waits for it: the process stops answering.
 */
const openTransaction = new AsyncLocalStorage<{ open: boolean }>();
/**
 * The check costs every promise a little (async context tracking), so production leaves it out:
 * development, the tests and the demo run with it.
 */
const checkTransactions = process.env.NODE_ENV !== 'production';

export class QueryOutsideTransactionError extends Error {
  constructor() {
    super(
      'A query went to the database itself while a transaction was open in the same call: ' +
        'pass the transaction (tx) instead, or do the read before the transaction starts.',
    );
    this.name = 'QueryOutsideTransactionError';
  }
}

/** Throws when called from inside an open transaction's callback; cached reads call it first. */
export function assertNoOpenTransaction(): void {
  if (openTransaction.getStore()?.open) throw new QueryOutsideTransactionError();
}

/** Embedded-database transactions and the client they run on, for prepared statements. */
const pgliteTransactions = new WeakMap<object, PGlite>();

/**
 * Marks every transaction of `db` as open while its callback runs (see `openTransaction`), and
 * remembers which embedded database each transaction belongs to.
 */
function trackTransactions(db: Db, pglite?: PGlite): void {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => {
    const state = { open: true };
    const body: typeof fn = pglite
      ? (tx) => {
          pgliteTransactions.set(tx, pglite);
          return fn(tx);
        }
      : fn;
    if (!checkTransactions) return transaction(body, config);
    return openTransaction
      .run(state, () => transaction(body, config))
      .finally(() => {
        state.open = false;
      });
  }) as Db['transaction'];
}

/** Makes the root query methods of a driver object refuse to run inside an open transaction. */
function guardRootQueries<T extends object>(target: T, methods: (keyof T & string)[]): void {
  if (!checkTransactions) return;
  for (const name of methods) {
    const method = target[name] as unknown as (...args: unknown[]) => unknown;
    (target as Record<string, unknown>)[name] = function guarded(
      this: unknown,
      ...args: unknown[]
    ) {
      if (openTransaction.getStore()?.open)
        return Promise.reject(new QueryOutsideTransactionError());
      return method.apply(this, args);
    };
  }
}

// node-postgres would parse bigint (int8) as a string and PGlite as a number; timestamps stay Date.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // A pool error (a server restart) must not crash the process; queries will report it.
  pool.on('error', () => undefined);
  guardRootQueries(pool, ['query']);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  trackTransactions(db);
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
      release = await lockFolder(dataDir, (err) => {
        // Someone took the folder from under us: writes would be lost, so stop at once.
        console.error(`Lost the lock on ${dataDir}: ${err.message}`);
        process.exit(1);
      });
    } catch (err) {
      if (err instanceof FolderLockedError) throw new DataDirLockedError(dataDir);
      throw err;
    }
    client = new PGlite(path.join(dataDir, 'pg'));
  }
  await client.waitReady;
  return pgliteDatabase(client, release);
}

/** A ready PGlite client as a Database; `release` gives up the folder's lock after closing. */
export function pgliteDatabase(client: PGlite, release?: () => Promise<void>): Database {
  guardRootQueries(client, ['query', 'exec', 'sql']);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  trackTransactions(db, client);
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

// Timestamps, dates and intervals stay text, as drizzle's own execute() leaves them on both
// drivers: callers of queryRows convert what they need.
const TEXT_TYPES = new Set([1082, 1114, 1184, 1186, 1182, 1115, 1185, 1187, 1231]);
const keepText = (value: string) => value;
const pgliteParsers = Object.fromEntries([...TEXT_TYPES].map((id) => [id, keepText]));
const pgTypes = {
  getTypeParser: (id: number, format?: 'text' | 'binary') =>
    TEXT_TYPES.has(id) ? keepText : pg.types.getTypeParser(id, format),
};

type DriverClient = {
  query(...args: unknown[]): Promise<{ rows: unknown[] }>;
  release?: unknown;
};

/**
 * The driver object under a database or transaction handle: the PGlite instance or its open
 * transaction, the pg pool or the pool client holding the transaction.
 */
function driverOf(db: Db): { pg: boolean; client: DriverClient } {
  const client = (db as unknown as { session: { client: DriverClient } }).session.client;
  return { pg: client instanceof pg.Pool || typeof client.release === 'function', client };
}

/** Whether `db` is the embedded database (or a transaction on it). */
export const isEmbedded = (db: Db): boolean => !driverOf(db).pg;

/**
 * Rows of a statement written out as text with $1… parameters, sent straight to the driver. The
 * hot paths use it: drizzle's query object costs about as much again as the query on the embedded
 * database (docs/benchmarks.md). A `name` prepares the statement once per connection and reuses
 * its plan (on the embedded database, inside a transaction only); one name, one text.
 */
export async function rawRows<T>(
  db: Db,
  text: string,
  params: unknown[] = [],
  name?: string,
): Promise<T[]> {
  const { pg: isPg, client } = driverOf(db);
  if (isPg) {
    const result = await client.query({ name, text, values: params, types: pgTypes });
    return result.rows as T[];
  }
  const root = name ? pgliteTransactions.get(db) : undefined;
  if (root && name) return runPrepared<T>(root, name, text, params, pgliteParsers);
  const result = await client.query(text, params, { parsers: pgliteParsers });
  return result.rows as T[];
}

/** Rows of a raw SQL query, with the query built by drizzle's `sql` template. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const dialect = (
    db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }
  ).dialect;
  const { sql: text, params } = dialect.sqlToQuery(query);
  return rawRows<T>(db, text, params);
}
