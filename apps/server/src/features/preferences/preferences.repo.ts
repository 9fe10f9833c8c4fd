import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { staff } from '../../db/schema.ts';

/** The stored preferences of one staff member: null when never saved, undefined when no such row. */
export async function findStoredPreferences(
  db: Db,
  staffId: string,
  lock = false,
): Promise<{ preferences: unknown } | undefined> {
  const q = db.select({ preferences: staff.preferences }).from(staff).where(eq(staff.id, staffId));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function storePreferences(db: Db, staffId: string, preferences: object) {
  await db
    .update(staff)
    .set({ preferences: preferences as Record<string, unknown> })
    .where(eq(staff.id, staffId));
}
