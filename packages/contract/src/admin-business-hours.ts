import { z } from 'zod';

/*
 * When a department answers live. Outside these hours a new conversation becomes a ticket and
 * the customer is told when the department opens. A department without hours is always open.
 */

const Time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time such as 09:00 (24:00 ends a day)');

/** One opening range on a day, local time; `end` after `start`. */
export const OpeningRange = z.object({ start: Time, end: Time });
export type OpeningRange = z.infer<typeof OpeningRange>;

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

export const WeeklyHours = z.object({
  mon: z.array(OpeningRange).max(6),
  tue: z.array(OpeningRange).max(6),
  wed: z.array(OpeningRange).max(6),
  thu: z.array(OpeningRange).max(6),
  fri: z.array(OpeningRange).max(6),
  sat: z.array(OpeningRange).max(6),
  sun: z.array(OpeningRange).max(6),
});
export type WeeklyHours = z.infer<typeof WeeklyHours>;

export const Holiday = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-12-25'),
  name: z.string().trim().min(1).max(100),
});
export type Holiday = z.infer<typeof Holiday>;

/** `PUT /api/admin/business-hours`: one department's hours (`null` weekly: always open). */
export const BusinessHoursBody = z
  .object({
    departmentId: z.string(),
    timeZone: z.string().min(1).max(64).describe('An IANA time zone, e.g. Africa/Johannesburg'),
    weekly: WeeklyHours.nullable().describe('null: open around the clock (holidays still close)'),
    holidays: z.array(Holiday).max(100),
  })
  .meta({ id: 'BusinessHoursBody' });
export type BusinessHoursBody = z.infer<typeof BusinessHoursBody>;

export const DepartmentHours = BusinessHoursBody.extend({
  departmentName: z.string(),
  configured: z.boolean().describe('false: no hours saved yet, the department is always open'),
  openNow: z.boolean(),
  /** When it next opens (while closed) or closes (while open); null when it never changes. */
  nextChangeAt: z.string().nullable(),
}).meta({ id: 'DepartmentHours' });
export type DepartmentHours = z.infer<typeof DepartmentHours>;

/** `GET /api/admin/business-hours` (admins and supervisors read; admins change). */
export const BusinessHoursList = z
  .object({ items: z.array(DepartmentHours) })
  .meta({ id: 'BusinessHoursList' });
export type BusinessHoursList = z.infer<typeof BusinessHoursList>;

/** The week in the order people read it; the keys of WeeklyHours. */
export const weekdays = Weekday.options;

/** "09:30" → 570; "24:00" → 1440: minutes since the local midnight. */
export function minutesOfTime(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/** Whether "2026-02-30"-style text names a day the calendar has. */
export function isCalendarDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number);
  const parsed = new Date(Date.UTC(year!, month! - 1, day!));
  return (
    parsed.getUTCFullYear() === year &&
    parsed.getUTCMonth() === month! - 1 &&
    parsed.getUTCDate() === day
  );
}

/**
 * The rules the shapes above cannot say, one message per field, for the server's 422 and the
 * Admin form alike: each range ends after it starts, ranges of a day do not overlap (touching is
 * fine: 09:00–12:00 and 12:00–17:00), holiday dates are real days and each listed once.
 */
export function openingHoursProblems(
  hours: Pick<BusinessHoursBody, 'weekly' | 'holidays'>,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const day of weekdays) {
    const ranges = hours.weekly?.[day] ?? [];
    ranges.forEach((range, i) => {
      const start = minutesOfTime(range.start);
      const end = minutesOfTime(range.end);
      if (end <= start) {
        problems.push({ field: `weekly.${day}.${i}.end`, message: `must be after ${range.start}` });
        return;
      }
      const earlier = ranges
        .slice(0, i)
        .find(
          (other) =>
            minutesOfTime(other.end) > minutesOfTime(other.start) &&
            minutesOfTime(other.start) < end &&
            start < minutesOfTime(other.end),
        );
      if (earlier)
        problems.push({
          field: `weekly.${day}.${i}.start`,
          message: `overlaps ${earlier.start}–${earlier.end} on the same day`,
        });
    });
  }
  hours.holidays.forEach((holiday, i) => {
    if (!isCalendarDate(holiday.date)) {
      problems.push({ field: `holidays.${i}.date`, message: 'is not a day of the calendar' });
      return;
    }
    const first = hours.holidays.slice(0, i).find((other) => other.date === holiday.date);
    if (first)
      problems.push({
        field: `holidays.${i}.date`,
        message: `is already a holiday (${first.name})`,
      });
  });
  return problems;
}
