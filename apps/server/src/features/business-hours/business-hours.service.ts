import {
  type BusinessHoursBody,
  type DepartmentHours,
  openingHoursProblems,
  weekdays,
  type WeeklyHours,
} from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { type FieldError, forbidden, notFound, unprocessable } from '../../errors.ts';
import { isSupervisor, type Principal, requireAdmin } from '../../principal.ts';
import { recordAudit } from '../audit/index.ts';
import {
  type DepartmentHoursRow,
  findHoursOf,
  findOpenDepartmentsWithHours,
  type HoursRow,
  lockOpenDepartment,
  upsertHours,
} from './business-hours.repo.ts';
import { isKnownTimeZone, isOpenAt, nextChange, nextOpening } from './opening-hours.ts';

/** Whether a department answers live at a moment, and when that next changes. */
export type DepartmentOpening = {
  open: boolean;
  /** While closed: when it opens next (null: not within the next year). While open: null. */
  nextOpening: Date | null;
  /** The department's time zone, for telling the customer the opening in their own words. */
  timeZone: string | null;
};

export type BusinessHoursDeps = {
  db: Db;
  /** The clock the list's "open now" reads; the real one unless a test says otherwise. */
  now?: () => Date;
};

/** What a department without saved hours shows as its zone until an admin picks one. */
const UNSET_TIME_ZONE = 'UTC';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The department's hours at `at`: open or closed, and while closed when it opens next. A
 * department without saved hours is always open; so is one whose saved zone the time-zone
 * database no longer knows (it cannot be placed in time, and turning customers away for it would
 * be worse than answering them).
 */
export async function departmentOpenAt(
  db: Db,
  departmentId: string,
  at: Date,
): Promise<DepartmentOpening> {
  const hours = await findHoursOf(db, departmentId);
  if (!hours || !isKnownTimeZone(hours.timeZone))
    return { open: true, nextOpening: null, timeZone: hours?.timeZone ?? null };
  const open = isOpenAt(hours, at);
  return { open, nextOpening: open ? null : nextOpening(hours, at), timeZone: hours.timeZone };
}

/** The department's row as the Admin area shows it, its state read at `now`. */
function toDepartmentHours(row: DepartmentHoursRow, now: Date): DepartmentHours {
  const base = { departmentId: row.departmentId, departmentName: row.departmentName };
  if (!row.hours || !isKnownTimeZone(row.hours.timeZone))
    return {
      ...base,
      timeZone: row.hours?.timeZone ?? UNSET_TIME_ZONE,
      weekly: row.hours?.weekly ?? null,
      holidays: row.hours?.holidays ?? [],
      configured: row.hours !== null,
      openNow: true,
      nextChangeAt: null,
    };
  const change = nextChange(row.hours, now);
  return {
    ...base,
    ...canonical(row.hours),
    configured: true,
    openNow: isOpenAt(row.hours, now),
    nextChangeAt: change?.toISOString() ?? null,
  };
}

/** Every department that takes work with its hours and whether it is open now. */
export async function listBusinessHours(
  deps: BusinessHoursDeps,
  principal: Principal,
): Promise<DepartmentHours[]> {
  if (!isSupervisor(principal))
    throw forbidden('Only supervisors and admins see the business hours.');
  const now = deps.now?.() ?? new Date();
  return (await findOpenDepartmentsWithHours(deps.db)).map((row) => toDepartmentHours(row, now));
}

/**
 * One written form per meaning: each day's ranges by start time, the holidays by date, keys in
 * a fixed order (the database's jsonb keeps its own), so a save can tell whether anything changed.
 */
function canonical(hours: HoursRow): HoursRow {
  const weekly = hours.weekly
    ? (Object.fromEntries(
        weekdays.map((day) => [
          day,
          (hours.weekly![day] ?? [])
            .map((range) => ({ start: range.start, end: range.end }))
            .sort((a, b) => a.start.localeCompare(b.start)),
        ]),
      ) as WeeklyHours)
    : null;
  const holidays = hours.holidays
    .map((holiday) => ({ date: holiday.date, name: holiday.name }))
    .sort((a, b) => a.date.localeCompare(b.date));
  return { timeZone: hours.timeZone, weekly, holidays };
}

/** 422 naming every field that breaks a rule: an unknown zone, ranges, holiday dates. */
function checkHours(body: BusinessHoursBody): void {
  const problems: FieldError[] = [];
  if (!isKnownTimeZone(body.timeZone))
    problems.push({
      field: 'timeZone',
      message: 'is not a time zone the time-zone database knows (e.g. Europe/London)',
    });
  problems.push(...openingHoursProblems(body));
  if (problems.length > 0)
    throw unprocessable('Some of the business hours are not valid; nothing was saved.', problems);
}

/**
 * Saves one department's hours whole (admins): a time zone, the week's ranges (`null`: around
 * the clock) and the holidays. Audited with what it replaced.
 */
export async function updateBusinessHours(
  deps: BusinessHoursDeps,
  principal: Principal,
  body: BusinessHoursBody,
): Promise<DepartmentHours> {
  requireAdmin(principal);
  if (!UUID.test(body.departmentId)) throw notFound('No department has this id.');
  return deps.db.transaction(async (tx) => {
    const department = await lockOpenDepartment(tx, body.departmentId);
    if (!department)
      throw notFound('No department that takes work has this id; restore an archived one first.');
    checkHours(body);
    const saved = await findHoursOf(tx, department.id);
    const before = saved ? canonical(saved) : null;
    const after = canonical(body);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await upsertHours(tx, department.id, after);
      await recordAudit(tx, {
        actor: principal,
        action: 'business_hours.updated',
        object: { kind: 'business_hours', id: department.id },
        before: before && { name: department.name, ...before },
        after: { name: department.name, ...after },
      });
    }
    const row = { departmentId: department.id, departmentName: department.name, hours: after };
    return toDepartmentHours(row, deps.now?.() ?? new Date());
  });
}
