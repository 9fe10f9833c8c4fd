import type { Db } from '../../db/client.ts';

/** Whether a department answers live at a moment, and when that next changes. */
export type DepartmentOpening = {
  open: boolean;
  /** While closed: when it opens next (null: not within the next year). While open: null. */
  nextOpening: Date | null;
  /** The department's time zone, for telling the customer the opening in their own words. */
  timeZone: string | null;
};

/**
 * The department's hours at `at`. A department without saved hours is always open.
 * (Reading the saved hours and holidays comes with the business-hours admin.)
 */
export async function departmentOpenAt(
  _db: Db,
  _departmentId: string,
  _at: Date,
): Promise<DepartmentOpening> {
  return { open: true, nextOpening: null, timeZone: null };
}
