import type { Holiday, WeeklyHours } from '@parley/contract';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { businessHours, departments } from '../../db/schema.ts';

/** A department's saved hours as stored. */
export type HoursRow = {
  timeZone: string;
  weekly: WeeklyHours | null;
  holidays: Holiday[];
};

/** A department that takes work, with its saved hours if any. */
export type DepartmentHoursRow = {
  departmentId: string;
  departmentName: string;
  hours: HoursRow | null;
};

const hoursColumns = {
  timeZone: businessHours.timeZone,
  weekly: businessHours.weekly,
  holidays: businessHours.holidays,
};

const asHours = (row: {
  timeZone: string | null;
  weekly: unknown;
  holidays: unknown;
}): HoursRow | null =>
  row.timeZone === null
    ? null
    : {
        timeZone: row.timeZone,
        weekly: (row.weekly ?? null) as WeeklyHours | null,
        holidays: (row.holidays ?? []) as Holiday[],
      };

/** The department's saved hours, or undefined when it has none (always open). */
export async function findHoursOf(db: Db, departmentId: string): Promise<HoursRow | undefined> {
  const [row] = await db
    .select(hoursColumns)
    .from(businessHours)
    .where(eq(businessHours.departmentId, departmentId));
  return row ? (asHours(row) ?? undefined) : undefined;
}

/** Every department that is not archived, by name, with its saved hours if any. */
export async function findOpenDepartmentsWithHours(db: Db): Promise<DepartmentHoursRow[]> {
  const rows = await db
    .select({ departmentId: departments.id, departmentName: departments.name, ...hoursColumns })
    .from(departments)
    .leftJoin(businessHours, eq(businessHours.departmentId, departments.id))
    .where(isNull(departments.archivedAt))
    .orderBy(asc(sql`lower(${departments.name})`), asc(departments.id));
  return rows.map((row) => ({
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    hours: asHours(row),
  }));
}

/**
 * Locks a department that is not archived for the rest of the transaction, so two saves of its
 * hours take turns and the audit's "before" is what the save replaced; undefined when none.
 */
export async function lockOpenDepartment(
  tx: Db,
  id: string,
): Promise<{ id: string; name: string } | undefined> {
  const [row] = await tx
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(and(eq(departments.id, id), isNull(departments.archivedAt)))
    .for('update');
  return row;
}

export async function upsertHours(tx: Db, departmentId: string, hours: HoursRow): Promise<void> {
  await tx
    .insert(businessHours)
    .values({ departmentId, ...hours })
    .onConflictDoUpdate({
      target: businessHours.departmentId,
      set: { ...hours, updatedAt: sql`now()` },
    });
}
