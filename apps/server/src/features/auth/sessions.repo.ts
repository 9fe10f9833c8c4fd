import type { Role } from '@parley/contract';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { apiTokens, sessions, staff, staffDepartments } from '../../db/schema.ts';

export const SESSION_IDLE_HOURS = 24;
/** However busy, a session ends this long after sign-in: a stolen cookie does not last forever. */
export const SESSION_MAX_DAYS = 30;

/**
 * What makes a session live: used within the idle limit, younger than the absolute limit, its
 * staff member active. One rule for the sign-in check of every request and for the periodic
 * re-check of open sockets (`findLiveCredentials` below), so both end a session at the same moment.
 */
export const sessionIsLive = and(
  isNull(staff.disabledAt),
  gt(sessions.lastSeenAt, sql`now() - ${`${SESSION_IDLE_HOURS} hours`}::interval`),
  gt(sessions.createdAt, sql`now() - ${`${SESSION_MAX_DAYS} days`}::interval`),
)!;

/** What makes an API token live: not revoked, not past its expiry, its owner active. */
export const tokenIsLive = and(
  isNull(apiTokens.revokedAt),
  or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
  isNull(staff.disabledAt),
)!;

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

/** A live session (see sessionIsLive) by its cookie's hash. */
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
    .where(and(eq(sessions.tokenHash, tokenHash), sessionIsLive));
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
    .where(
      or(
        sql`${sessions.lastSeenAt} < now() - ${`${SESSION_IDLE_HOURS} hours`}::interval`,
        sql`${sessions.createdAt} < now() - ${`${SESSION_MAX_DAYS} days`}::interval`,
      ),
    );
}

export async function findDepartmentIds(db: Db, staffId: string): Promise<string[]> {
  const rows = await db
    .select({ id: staffDepartments.departmentId })
    .from(staffDepartments)
    .where(eq(staffDepartments.staffId, staffId));
  return rows.map((row) => row.id);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A malformed id would fail the uuid cast, and with it the whole batch: it simply matches nothing. */
const uuids = (ids: string[]) => sql.param(ids.filter((id) => UUID.test(id)));

export type LiveCredential = {
  kind: 'session' | 'token';
  id: string;
  staff_id: string;
  role: Role;
  departments: string[] | null;
};

/**
 * Which of these sessions and tokens are live now (sessionIsLive, tokenIsLive), with their
 * owners' current role and departments: one query, however many ids.
 */
export async function findLiveCredentials(
  db: Db,
  sessionIds: string[],
  tokenIds: string[],
): Promise<LiveCredential[]> {
  return queryRows<LiveCredential>(
    db,
    sql`select 'session' as kind, sessions.id::text as id, staff.id::text as staff_id, staff.role,
               array(select department_id::text from staff_departments
                      where staff_departments.staff_id = staff.id) as departments
          from sessions join staff on staff.id = sessions.staff_id
         where sessions.id = any(${uuids(sessionIds)}::uuid[])
           and ${sessionIsLive}
        union all
        select 'token', api_tokens.id::text, staff.id::text, staff.role,
               array(select department_id::text from staff_departments
                      where staff_departments.staff_id = staff.id)
          from api_tokens join staff on staff.id = api_tokens.staff_id
         where api_tokens.id = any(${uuids(tokenIds)}::uuid[])
           and ${tokenIsLive}`,
  );
}
