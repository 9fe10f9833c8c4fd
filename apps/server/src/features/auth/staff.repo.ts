import type { Department, Me, Role } from '@parley/contract';
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { departments, staff, staffDepartments } from '../../db/schema.ts';

export type StaffRow = typeof staff.$inferSelect;

export async function findStaffByEmail(db: Db, email: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(staff).where(eq(staff.email, email.toLowerCase()));
  return row;
}

export async function findStaffById(db: Db, id: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(staff).where(eq(staff.id, id));
  return row;
}

export async function findDepartmentsOf(db: Db, staffId: string): Promise<Department[]> {
  return (
    db
      .select({ id: departments.id, name: departments.name })
      .from(staffDepartments)
      .innerJoin(departments, eq(departments.id, staffDepartments.departmentId))
      // An archived department takes no new work: it is no longer one of the person's departments.
      .where(and(eq(staffDepartments.staffId, staffId), isNull(departments.archivedAt)))
      .orderBy(asc(departments.name))
  );
}

export async function listActiveStaff(db: Db): Promise<StaffRow[]> {
  const rows = await db.select().from(staff).orderBy(asc(staff.name));
  return rows.filter((row) => row.disabledAt === null);
}

export async function insertStaff(
  db: Db,
  values: { email: string; name: string; role: Role; passwordHash: string; capacity?: number },
): Promise<StaffRow> {
  const [row] = await db
    .insert(staff)
    .values({ ...values, email: values.email.toLowerCase() })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function setStaffDepartments(db: Db, staffId: string, departmentIds: string[]) {
  await db.delete(staffDepartments).where(eq(staffDepartments.staffId, staffId));
  if (departmentIds.length > 0)
    await db
      .insert(staffDepartments)
      .values(departmentIds.map((departmentId) => ({ staffId, departmentId })));
}

/** Which of these names (ignoring case) are archived departments, as the names were given. */
export async function findArchivedDepartmentNames(db: Db, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await db
    .select({ name: departments.name })
    .from(departments)
    .where(
      and(
        isNotNull(departments.archivedAt),
        inArray(
          sql`lower(${departments.name})`,
          names.map((name) => name.toLowerCase()),
        ),
      ),
    );
  const archived = new Set(rows.map((row) => row.name.toLowerCase()));
  return names.filter((name) => archived.has(name.toLowerCase()));
}

export async function findOrCreateDepartments(db: Db, names: string[]): Promise<Department[]> {
  if (names.length === 0) return [];
  await db
    .insert(departments)
    .values(names.map((name) => ({ name })))
    .onConflictDoNothing();
  return db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(inArray(departments.name, names));
}

export async function updateStaff(
  db: Db,
  id: string,
  values: Partial<Pick<StaffRow, 'available' | 'passwordHash' | 'capacity' | 'name'>>,
): Promise<StaffRow | undefined> {
  const [row] = await db.update(staff).set(values).where(eq(staff.id, id)).returning();
  return row;
}

/** Deactivates (a time) or reactivates (null) an account; a deactivated one is also unavailable. */
export async function setStaffDisabled(
  db: Db,
  id: string,
  disabledAt: Date | null,
): Promise<StaffRow> {
  const [row] = await db
    .update(staff)
    .set(disabledAt ? { disabledAt, available: false } : { disabledAt })
    .where(eq(staff.id, id))
    .returning();
  if (!row) throw new Error(`staff ${id} vanished`);
  return row;
}

export function toMe(row: StaffRow, depts: Department[]): Me {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    departments: depts,
    available: row.available,
    capacity: row.capacity,
  };
}

/** Whether any staff account exists, deactivated ones included. */
export async function anyStaffExists(db: Db): Promise<boolean> {
  const rows = await db.select({ id: staff.id }).from(staff).limit(1);
  return rows.length > 0;
}
