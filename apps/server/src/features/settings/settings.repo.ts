import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { settings } from '../../db/schema.ts';

export async function findSettingRows(db: Db): Promise<{ key: string; value: unknown }[]> {
  return db.select({ key: settings.key, value: settings.value }).from(settings);
}

/** Settings changes take turns, so two saves cannot together break a rule neither broke alone. */
export async function lockSettings(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SETTINGS_LOCK})`);
}
const SETTINGS_LOCK = 724_311_911;

export async function upsertSettings(
  tx: Db,
  values: { key: string; value: unknown }[],
  updatedBy: string | null,
): Promise<void> {
  if (values.length === 0) return;
  await tx
    .insert(settings)
    .values(values.map((v) => ({ ...v, updatedBy })))
    .onConflictDoUpdate({
      target: settings.key,
      set: { value: sql`excluded.value`, updatedBy, updatedAt: sql`now()` },
    });
}
