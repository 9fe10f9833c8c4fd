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
