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

export const TEST_DB_NAME = 'parley_test';

/** Once per run: a migrated embedded database to copy, and a fresh migrated server database. */
export default async function setup(project: TestProject) {
  const engine = process.env.PARLEY_TEST_ENGINE ?? project.config.env?.PARLEY_TEST_ENGINE;
  if (engine === 'postgres') {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('The postgres test project needs DATABASE_URL.');
    const testUrl = withDatabase(url, TEST_DB_NAME);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${TEST_DB_NAME} with (force)`);
    await admin.query(`create database ${TEST_DB_NAME}`);
    await admin.end();
    const database = await openPostgres(testUrl, 2);
    await migrateDatabase(database);
    await database.close();
    project.provide('postgresUrl', testUrl);
    project.provide('pgliteTemplate', '');
    return;
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
