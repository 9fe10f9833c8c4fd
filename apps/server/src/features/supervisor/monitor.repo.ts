import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { monitorSessions } from '../../db/schema.ts';

export type MonitorSessionRow = typeof monitorSessions.$inferSelect;

export async function insertMonitorSession(
  db: Db,
  values: { chatId: string; staffId: string; at: Date },
): Promise<MonitorSessionRow> {
  const [row] = await db
    .insert(monitorSessions)
    .values({
      chatId: values.chatId,
      staffId: values.staffId,
      startedAt: values.at,
      lastSeenAt: values.at,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** One session, locked for the rest of the transaction when `lock` (ending it, a heartbeat). */
export async function findMonitorSession(
  db: Db,
  id: string,
  lock = false,
): Promise<MonitorSessionRow | undefined> {
  const query = db.select().from(monitorSessions).where(eq(monitorSessions.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** The owner was seen: the session lives another 90 s. */
export async function touchMonitorSession(db: Db, id: string, at: Date): Promise<void> {
  await db.update(monitorSessions).set({ lastSeenAt: at }).where(eq(monitorSessions.id, id));
}

export async function endMonitorSession(db: Db, id: string, at: Date): Promise<void> {
  await db.update(monitorSessions).set({ endedAt: at }).where(eq(monitorSessions.id, id));
}

/** Open sessions last seen at or before `seenBy`, longest silent first (the partial index). */
export async function findSilentMonitorSessions(
  db: Db,
  seenBy: Date,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .select({ id: monitorSessions.id })
    .from(monitorSessions)
    .where(and(isNull(monitorSessions.endedAt), lte(monitorSessions.lastSeenAt, seenBy)))
    .orderBy(asc(monitorSessions.lastSeenAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
