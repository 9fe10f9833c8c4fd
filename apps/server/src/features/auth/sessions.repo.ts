import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sessions, staff, staffDepartments } from '../../db/schema.ts';

export const SESSION_IDLE_HOURS = 24;

export type SessionOwner = {
  sessionId: string;
  staffId: string;
  role: 'admin' | 'supervisor' | 'agent';
  lastSeenAt: Date;
};

export async function insertSession(
  db: Db,
  values: { tokenHash: string; staffId: string; ip: string | null; userAgent: string | null },
): Promise<string> {
  const [row] = await db.insert(sessions).values(values).returning({ id: sessions.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** A live session: known, not idle past the limit, its staff member not disabled. */
export async function findLiveSession(
  db: Db,
  tokenHash: string,
): Promise<SessionOwner | undefined> {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      staffId: staff.id,
      role: staff.role,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(staff, eq(staff.id, sessions.staffId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(staff.disabledAt),
        gt(sessions.lastSeenAt, sql`now() - ${`${SESSION_IDLE_HOURS} hours`}::interval`),
      ),
    );
  return row;
}

export async function touchSession(db: Db, sessionId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(sessions.id, sessionId));
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteSessionsOf(db: Db, staffId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.staffId, staffId));
}

export async function deleteIdleSessions(db: Db): Promise<void> {
  await db
    .delete(sessions)
    .where(sql`${sessions.lastSeenAt} < now() - ${`${SESSION_IDLE_HOURS} hours`}::interval`);
}

export async function findDepartmentIds(db: Db, staffId: string): Promise<string[]> {
  const rows = await db
    .select({ id: staffDepartments.departmentId })
    .from(staffDepartments)
    .where(eq(staffDepartments.staffId, staffId));
  return rows.map((r) => r.id);
}
