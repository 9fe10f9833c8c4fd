import type { Department } from '@parley/contract';
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { departments, staff, staffDepartments } from '../../db/schema.ts';
import type { StaffRow } from './staff.repo.ts';

/** Every staff member, deactivated ones too, by name; `q` matches part of a name or email. */
export async function findStaffForAdmin(db: Db, q?: string): Promise<StaffRow[]> {
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return db
    .select()
    .from(staff)
    .where(like ? sql`(${staff.name} ilike ${like} or ${staff.email} ilike ${like})` : undefined)
    .orderBy(asc(sql`lower(${staff.name})`), asc(staff.id));
}

/** The departments of each of these staff members, by name. */
export async function findDepartmentsOfMany(
  db: Db,
  staffIds: string[],
): Promise<Map<string, Department[]>> {
  const byStaff = new Map<string, Department[]>(staffIds.map((id) => [id, []]));
  if (staffIds.length === 0) return byStaff;
  const rows = await db
    .select({
      staffId: staffDepartments.staffId,
      id: departments.id,
      name: departments.name,
    })
    .from(staffDepartments)
    .innerJoin(departments, eq(departments.id, staffDepartments.departmentId))
    .where(inArray(staffDepartments.staffId, staffIds))
    .orderBy(asc(departments.name));
  for (const { staffId, ...department } of rows) byStaff.get(staffId)?.push(department);
  return byStaff;
}

/**
 * Locks one staff row for the rest of the transaction. "No key update": the audit row written
 * after names its actor, whose key-share check must not wait on an admin editing that actor.
 */
export async function lockStaffRow(tx: Db, id: string): Promise<StaffRow | undefined> {
  const [row] = await tx.select().from(staff).where(eq(staff.id, id)).for('no key update');
  return row;
}

/**
 * Changes that could leave the desk without an active admin (a demotion, a deactivation) take
 * turns on this lock, so two admins demoting each other at once cannot both pass the count.
 */
export async function lockAdminCount(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADMIN_COUNT_LOCK})`);
}
const ADMIN_COUNT_LOCK = 724_311_911;

/** How many active admins there are other than this one. */
export async function countOtherActiveAdmins(tx: Db, exceptId: string): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(staff)
    .where(and(eq(staff.role, 'admin'), isNull(staff.disabledAt), ne(staff.id, exceptId)));
  return row?.count ?? 0;
}

/** Which of these ids are departments that are not archived. */
export async function findOpenDepartmentIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(inArray(departments.id, ids), isNull(departments.archivedAt)));
  return new Set(rows.map((r) => r.id));
}

export async function updateStaffRow(
  tx: Db,
  id: string,
  values: Partial<Pick<StaffRow, 'name' | 'role' | 'capacity'>>,
): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await tx.update(staff).set(values).where(eq(staff.id, id));
}

export async function markSignedIn(db: Db, id: string, at: Date): Promise<void> {
  await db.update(staff).set({ lastSignInAt: at }).where(eq(staff.id, id));
}
