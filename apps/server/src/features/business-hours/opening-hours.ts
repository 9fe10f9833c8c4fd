import { type Holiday, minutesOfTime, type WeeklyHours, weekdays } from '@parley/contract';
import { DateTime, IANAZone } from 'luxon';

/*
 * When a department is open, computed from its local wall clock with the time-zone database
 * (ADR 15). Each day's ranges become stretches of real time: a range starts at the first moment
 * that day's clock shows its start and ends at the first moment it shows its end, so a 09:00–17:00
 * day is eight hours of the clock on either side of a daylight-saving change, and a start the
 * clock skips (spring forward) opens when the clock jumps past it. Stretches that touch, such as
 * a range ending at 24:00 and the next day's starting at 00:00, are one stretch.
 */

/** A department's saved hours; `weekly` null is open around the clock except on holidays. */
export type OpeningHours = {
  timeZone: string;
  weekly: WeeklyHours | null;
  holidays: readonly Holiday[];
};

/** A stretch of real time the department is open: from `start` (inclusive) to `end` (exclusive). */
type Stretch = { start: number; end: number };

/** How far ahead the next opening or closing is looked for. */
const HORIZON_DAYS = 366;

const AROUND_THE_CLOCK = [{ start: '00:00', end: '24:00' }];

/** Whether the time-zone database knows the zone (IANA names such as Europe/London). */
export function isKnownTimeZone(timeZone: string): boolean {
  return IANAZone.isValidZone(timeZone);
}

/** The first moment on the local `day` whose clock shows `minutes` past midnight or later. */
function firstMomentShowing(day: DateTime, minutes: number): number {
  if (minutes >= 24 * 60) return day.plus({ days: 1 }).startOf('day').toMillis();
  const resolved = day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
  const clock = (t: DateTime) => t.hour * 60 + t.minute;
  if (clock(resolved) === minutes) return resolved.toMillis();
  // A time the clock skips resolves past the jump; the opening is the jump itself.
  const shows = (t: DateTime) => t.hasSame(day, 'day') && clock(t) >= minutes;
  let moment = resolved;
  while (shows(moment.minus({ minutes: 1 }))) moment = moment.minus({ minutes: 1 });
  return moment.toMillis();
}

/** Whether every day's ranges cover it from 00:00 to 24:00 (null weekly hours do). */
function aroundTheClock(weekly: WeeklyHours | null): boolean {
  if (!weekly) return true;
  return weekdays.every((day) => {
    let covered = 0;
    for (const range of [...weekly[day]].sort((a, b) => a.start.localeCompare(b.start))) {
      if (minutesOfTime(range.start) > covered) return false;
      covered = Math.max(covered, minutesOfTime(range.end));
    }
    return covered >= 24 * 60;
  });
}

/** Whether no day of the week has a range. */
const neverOpen = (weekly: WeeklyHours | null) =>
  weekly !== null && weekdays.every((day) => weekly[day].length === 0);

/** The day's open stretches in time order (none on a holiday). */
function stretchesOn(hours: OpeningHours, day: DateTime): Stretch[] {
  const date = day.toISODate();
  if (hours.holidays.some((holiday) => holiday.date === date)) return [];
  const ranges = hours.weekly ? (hours.weekly[weekdays[day.weekday - 1]!] ?? []) : AROUND_THE_CLOCK;
  return ranges
    .map((range) => ({
      start: firstMomentShowing(day, minutesOfTime(range.start)),
      end: firstMomentShowing(day, minutesOfTime(range.end)),
    }))
    .filter((stretch) => stretch.end > stretch.start)
    .sort((a, b) => a.start - b.start);
}

/** The local days from the one before `at` up to the horizon (the day before: a day's stretch may run past midnight when the clock falls back at it). */
function* daysFrom(hours: OpeningHours, at: Date): Generator<DateTime> {
  const first = DateTime.fromJSDate(at, { zone: hours.timeZone }).startOf('day').minus({ days: 1 });
  for (let i = 0; i <= HORIZON_DAYS + 1; i++) yield first.plus({ days: i });
}

/** The stretch open at `at`, if any, from the stretches of the days around it. */
function stretchOpenAt(hours: OpeningHours, at: Date): Stretch | undefined {
  const t = at.getTime();
  const [before, day, after] = [-1, 0, 1].map((offset) =>
    DateTime.fromJSDate(at, { zone: hours.timeZone }).startOf('day').plus({ days: offset }),
  );
  return [before!, day!, after!]
    .flatMap((d) => stretchesOn(hours, d))
    .find((stretch) => stretch.start <= t && t < stretch.end);
}

/** Whether the department is open at `at` (a range's start is open, its end is closed). */
export function isOpenAt(hours: OpeningHours, at: Date): boolean {
  return stretchOpenAt(hours, at) !== undefined;
}

/** When it next opens after `at` while closed; null while open or when not within a year. */
export function nextOpening(hours: OpeningHours, at: Date): Date | null {
  if (neverOpen(hours.weekly) || isOpenAt(hours, at)) return null;
  const t = at.getTime();
  for (const day of daysFrom(hours, at))
    for (const stretch of stretchesOn(hours, day))
      if (stretch.start > t) return new Date(stretch.start);
  return null;
}

/**
 * When the open stretch around `at` closes: stretches that touch are one (a range ending at 24:00
 * and the next day's starting at 00:00), so this may be days later; null when it stays open for
 * the whole horizon.
 */
function closingAfter(hours: OpeningHours, at: Date, open: Stretch): Date | null {
  // Around the clock only a holiday closes: no need to walk the year day by day.
  if (aroundTheClock(hours.weekly)) return nextHolidayStart(hours, at);
  let end = open.end;
  for (const day of daysFrom(hours, at))
    for (const stretch of stretchesOn(hours, day)) {
      if (stretch.end <= end) continue;
      if (stretch.start > end) return new Date(end);
      end = stretch.end;
    }
  return null;
}

/** When the first holiday after `at`'s local day begins, if one is listed. */
function nextHolidayStart(hours: OpeningHours, at: Date): Date | null {
  const today = DateTime.fromJSDate(at, { zone: hours.timeZone }).toISODate()!;
  const next = hours.holidays
    .map((holiday) => holiday.date)
    .filter((date) => date > today)
    .sort()[0];
  if (!next) return null;
  return new Date(DateTime.fromISO(next, { zone: hours.timeZone }).startOf('day').toMillis());
}

/**
 * When the state next changes: the closing time while open, the opening time while closed; null
 * when it does not change within a year (around the clock, or closed for good).
 */
export function nextChange(hours: OpeningHours, at: Date): Date | null {
  const open = stretchOpenAt(hours, at);
  return open ? closingAfter(hours, at, open) : nextOpening(hours, at);
}
