import type { StaffSummary } from '@parley/contract';
import { and, asc, eq, inArray, isNull, ne, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { channels, departments, staff, staffDepartments } from '../../db/schema.ts';

export type DepartmentRow = typeof departments.$inferSelect & { channelCount: number };

// Spelled out: inside a select drizzle leaves columns unqualified, and "id" would be the channel's.
const channelCount = sql<number>`(select count(*)::int from channels c where c.department_id = departments.id)`;

function selectDepartments(db: Db) {
  return db
    .select({
      id: departments.id,
      name: departments.name,
      createdAt: departments.createdAt,
      archivedAt: departments.archivedAt,
      channelCount,
    })
    .from(departments);
}

export async function findAllDepartments(db: Db): Promise<DepartmentRow[]> {
  return selectDepartments(db).orderBy(asc(sql`lower(${departments.name})`), asc(departments.id));
}

export async function findDepartment(db: Db, id: string): Promise<DepartmentRow | undefined> {
  const [row] = await selectDepartments(db).where(eq(departments.id, id));
  return row;
}

/** A department that is not archived, or undefined. */
export async function findOpenDepartment(db: Db, id: string) {
  const [row] = await db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(and(eq(departments.id, id), isNull(departments.archivedAt)));
  return row;
}

/** Locks the department's row for the rest of the transaction; false when there is none. */
export async function lockDepartment(tx: Db, id: string): Promise<boolean> {
  const rows = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(eq(departments.id, id))
    .for('update');
  return rows.length > 0;
}

/**
 * Names are unique ignoring case, which the table's index does not know (it predates the rule
 * and staff creation relies on it as it is): name changes take turns on this lock instead.
 */
export async function lockDepartmentNames(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${DEPARTMENT_NAMES_LOCK})`);
}
const DEPARTMENT_NAMES_LOCK = 724_311_910;

export async function findDepartmentNamedLike(
  db: Db,
  name: string,
  exceptId?: string,
): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(
      and(
        sql`lower(${departments.name}) = lower(${name})`,
        exceptId ? ne(departments.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row;
}

export async function insertDepartment(tx: Db, name: string): Promise<string> {
  const [row] = await tx.insert(departments).values({ name }).returning({ id: departments.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function updateDepartmentRow(
  tx: Db,
  id: string,
  values: { name?: string; archivedAt?: Date | null },
): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await tx.update(departments).set(values).where(eq(departments.id, id));
}

export async function findChannelsOfDepartment(db: Db, departmentId: string) {
  return db
    .select({ id: channels.id, name: channels.name })
    .from(channels)
    .where(eq(channels.departmentId, departmentId))
    .orderBy(asc(channels.name));
}

/** The active (not deactivated) members of each department, by name. */
export async function findMembersOf(
  db: Db,
  departmentIds: string[],
): Promise<Map<string, StaffSummary[]>> {
  const members = new Map<string, StaffSummary[]>(departmentIds.map((id) => [id, []]));
  if (departmentIds.length === 0) return members;
  const rows = await db
    .select({
      departmentId: staffDepartments.departmentId,
      id: staff.id,
      name: staff.name,
      role: staff.role,
    })
    .from(staffDepartments)
    .innerJoin(staff, eq(staff.id, staffDepartments.staffId))
    .where(and(inArray(staffDepartments.departmentId, departmentIds), isNull(staff.disabledAt)))
    .orderBy(asc(staff.name), asc(staff.id));
  for (const { departmentId, ...member } of rows) members.get(departmentId)?.push(member);
  return members;
}

/** Which of these ids are active staff. */
export async function findActiveStaffIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: staff.id })
    .from(staff)
    .where(and(inArray(staff.id, ids), isNull(staff.disabledAt)));
  return new Set(rows.map((r) => r.id));
}

/**
 * Makes exactly these staff the department's active members. Deactivated staff keep their
 * membership (they are not shown), so reactivating someone gives them their departments back.
 */
export async function replaceDepartmentMembers(
  tx: Db,
  departmentId: string,
  staffIds: string[],
): Promise<void> {
  await tx
    .delete(staffDepartments)
    .where(
      and(
        eq(staffDepartments.departmentId, departmentId),
        inArray(
          staffDepartments.staffId,
          tx.select({ id: staff.id }).from(staff).where(isNull(staff.disabledAt)),
        ),
        staffIds.length > 0 ? notInArray(staffDepartments.staffId, staffIds) : undefined,
      ),
    );
  if (staffIds.length > 0)
    await tx
      .insert(staffDepartments)
      .values(staffIds.map((staffId) => ({ staffId, departmentId })))
      .onConflictDoNothing();
}
