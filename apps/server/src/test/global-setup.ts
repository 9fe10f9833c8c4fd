import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string;
  }
}

/**
 * Each run's server database is named after its process, so two runs on one server (two
 * checkouts, or CI beside a developer) never drop each other's database mid-run.
 */
const RUN_DB_PREFIX = 'parley_run_';

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Drops run databases left by runs on this machine that are gone (killed before teardown). */
async function dropAbandoned(admin: pg.Client) {
  const { rows } = await admin.query<{ name: string }>(
    `select datname as name from pg_database where datname like '${RUN_DB_PREFIX}%'`,
  );
  for (const { name } of rows) {
    const pid = Number(name.slice(RUN_DB_PREFIX.length));
    if (Number.isInteger(pid) && pid > 0 && !isRunning(pid))
      await admin.query(`drop database if exists ${name} with (force)`);
  }
}

/** Once per run: a migrated embedded database to copy, and a fresh migrated server database. */
export default async function setup(project: TestProject) {
  const engine = process.env.PARLEY_TEST_ENGINE ?? project.config.env?.PARLEY_TEST_ENGINE;
  if (engine === 'postgres') {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('The postgres test project needs DATABASE_URL.');
    const name = `${RUN_DB_PREFIX}${process.pid}`;
    const testUrl = withDatabase(url, name);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await dropAbandoned(admin);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const database = await openPostgres(testUrl, 2);
    await migrateDatabase(database);
    await database.close();
    project.provide('postgresUrl', testUrl);
    project.provide('pgliteTemplate', '');
    return async () => {
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    };
  }
  const database = await openPglite(undefined);
  await migrateDatabase(database);
  if (database.raw.kind !== 'pglite') throw new Error('unreachable');
  const dump = await database.raw.client.dumpDataDir('none');
  await database.close();
  const dir = path.resolve('.tmp');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('postgresUrl', '');
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
