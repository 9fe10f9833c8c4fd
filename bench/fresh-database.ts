import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../apps/server/src/db/client.ts';

/**
 * An empty database for one bench run: on the PostgreSQL server (DATABASE_URL) a database of its
 * own, `name`, dropped and made again; on the embedded engine a new temporary folder (`folder`).
 */
export async function freshBenchDatabase(
  engine: string,
  name: string,
  poolSize: number,
): Promise<{ database: Database; folder?: string }> {
  if (engine === 'postgres') {
    const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    return { database: await openPostgres(u.toString(), poolSize) };
  }
  const folder = mkdtempSync(path.join(os.tmpdir(), `${name.replaceAll('_', '-')}-`));
  return { folder, database: await openPglite(folder) };
}
