import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// Any constant; it only has to be the same on every node.
const MIGRATION_LOCK = 724_311_905;

/**
 * Applies pending migrations. On a server, several nodes may start together: an advisory lock held
 * on one connection makes them take turns, and the later ones find nothing left to do.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.raw.kind === 'pglite') {
    await migratePglite(drizzlePglite(database.raw.client), { migrationsFolder });
    return;
  }
  const client = await database.raw.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migratePg(drizzlePg(client), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
