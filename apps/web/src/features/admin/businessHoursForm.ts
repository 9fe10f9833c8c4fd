import { isCalendarDate, openingHoursProblems, weekdays } from '@parley/contract';
import type { BusinessHoursBody, DepartmentHours, Weekday, WeeklyHours } from '@parley/contract';

/*
 * The business-hours sheet's model: what the form holds, the rules it checks before saving (the
 * contract's, so the server's 422 rarely has anything to add) and how a department's state reads
 * in the table. Field names are the server's (`weekly.mon.0.end`), so its 422 lands on the field.
 */

export const dayNames: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const shortDayNames: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

const workingDays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

export type RangeDraft = { start: string; end: string };
export type HolidayDraft = { date: string; name: string };

/** What the sheet edits; the week is kept while "around the clock" is on, to come back to. */
export type HoursDraft = {
  timeZone: string;
  aroundTheClock: boolean;
  week: Record<Weekday, RangeDraft[]>;
  holidays: HolidayDraft[];
};

const nineToFive = (): RangeDraft[] => [{ start: '09:00', end: '17:00' }];

/** A working week to start from: Monday to Friday, 09:00–17:00. */
function officeWeek(): Record<Weekday, RangeDraft[]> {
  return Object.fromEntries(
    weekdays.map((day) => [day, workingDays.includes(day) ? nineToFive() : []]),
  ) as Record<Weekday, RangeDraft[]>;
}

/** The viewer's own zone, offered for a department that has none yet. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function toDraft(hours: DepartmentHours, fallbackZone = viewerTimeZone()): HoursDraft {
  return {
    timeZone: hours.configured ? hours.timeZone : fallbackZone,
    aroundTheClock: hours.weekly === null,
    week: hours.weekly
      ? (Object.fromEntries(
          weekdays.map((day) => [day, hours.weekly![day].map((r) => ({ ...r }))]),
        ) as Record<Weekday, RangeDraft[]>)
      : officeWeek(),
    holidays: hours.holidays.map((h) => ({ ...h })),
  };
}

/** What the server takes. */
export function toBody(draft: HoursDraft, departmentId: string): BusinessHoursBody {
  return {
    departmentId,
    timeZone: draft.timeZone,
    weekly: draft.aroundTheClock ? null : (draft.week as WeeklyHours),
    holidays: draft.holidays.map((h) => ({ date: h.date, name: h.name.trim() })),
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** "9:00" and "0900" are read as 09:00; anything else stays as typed, for the check to name. */
export function tidyTime(typed: string): string {
  const text = typed.trim();
  const match = /^(\d{1,2})(?::|\.|h)?(\d{2})$/.exec(text);
  if (!match) return text;
  return `${match[1]!.padStart(2, '0')}:${match[2]}`;
}

/**
 * Every rule the form can check before saving, one message per field: times and dates in
 * their shape, a name for each holiday, then the contract's rules (end after start, no
 * overlap, each holiday date once).
 */
export function draftProblems(draft: HoursDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!draft.aroundTheClock)
    for (const day of weekdays)
      draft.week[day].forEach((range, i) => {
        for (const edge of ['start', 'end'] as const)
          if (!TIME.test(range[edge]))
            problems[`weekly.${day}.${i}.${edge}`] = 'a time such as 09:00 (24:00 ends a day)';
      });
  draft.holidays.forEach((holiday, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(holiday.date) || !isCalendarDate(holiday.date))
      problems[`holidays.${i}.date`] = 'choose a date';
    if (holiday.name.trim() === '') problems[`holidays.${i}.name`] = 'give the holiday a name';
  });
  // The contract's rules read well-formed values: a malformed range stands in as an empty one
  // (it keeps its place, so the fields keep their names; its own message is already above).
  const body = toBody(draft, '');
  const weekly = body.weekly
    ? (Object.fromEntries(
        weekdays.map((day) => [
          day,
          body.weekly![day].map((r) =>
            TIME.test(r.start) && TIME.test(r.end) ? r : { start: '00:00', end: '00:00' },
          ),
        ]),
      ) as WeeklyHours)
    : null;
  for (const problem of openingHoursProblems({ weekly, holidays: body.holidays }))
    problems[problem.field] ??= problem.message;
  return problems;
}

/** The field to focus first when the form says no: in the order the sheet shows them. */
export function firstProblemField(problems: Record<string, string>): string | undefined {
  const order = (field: string) => {
    const [kind, day, index, edge] = field.split('.');
    if (kind === 'timeZone') return [0, 0, 0, 0];
    if (kind === 'weekly')
      return [1, weekdays.indexOf(day as Weekday), Number(index), edge === 'end' ? 1 : 0];
    return [2, Number(day), index === 'name' ? 1 : 0, 0];
  };
  return Object.keys(problems).sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return 0;
  })[0];
}

/** Monday's ranges, copied to Tuesday–Friday (the weekend keeps its own). */
export function copyMondayToWeekdays(draft: HoursDraft): HoursDraft {
  const monday = draft.week.mon;
  const week = { ...draft.week };
  for (const day of workingDays.slice(1)) week[day] = monday.map((r) => ({ ...r }));
  return { ...draft, week };
}

const addHours = (time: string, hours: number) => {
  const [h, m] = time.split(':').map(Number);
  const minutes = Math.min(24 * 60, h! * 60 + m! + hours * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

/** A new range for the day: 09:00–17:00 on an empty day, else two hours from an hour after the last. */
export function nextRange(ranges: readonly RangeDraft[]): RangeDraft {
  const last = ranges.at(-1);
  if (!last) return nineToFive()[0]!;
  if (!TIME.test(last.end) || last.end === '24:00') return { start: '', end: '' };
  const start = addHours(last.end, 1);
  return { start, end: addHours(start, 2) };
}

/** Time zones to choose from, the department's own first (even one this browser lacks). */
export function timeZoneChoices(current: string, all: readonly string[]): string[] {
  return [current, ...all.filter((zone) => zone !== current)];
}

/** Every zone this browser knows, or a few when it cannot list them. */
export function browserTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
}

/** The open days of the week, neighbours with equal hours joined: "Mon–Fri" with its ranges. */
export function weekGroups(weekly: WeeklyHours): { days: string; ranges: string[] }[] {
  const groups: { from: Weekday; to: Weekday; ranges: string[] }[] = [];
  for (const day of weekdays) {
    const ranges = weekly[day].map((r) => `${r.start}–${r.end}`);
    const last = groups.at(-1);
    if (last && last.ranges.join() === ranges.join()) last.to = day;
    else groups.push({ from: day, to: day, ranges });
  }
  return groups
    .filter((g) => g.ranges.length > 0)
    .map((g) => ({
      days:
        g.from === g.to ? shortDayNames[g.from] : `${shortDayNames[g.from]}–${shortDayNames[g.to]}`,
      ranges: g.ranges,
    }));
}

/** "Mon–Fri 09:00–17:00 · Sat 09:00–12:00": the week in a line. */
export function summariseWeek(weekly: WeeklyHours | null): string {
  if (weekly === null) return 'Around the clock';
  const groups = weekGroups(weekly);
  if (groups.length === 0) return 'Closed every day';
  return groups.map((g) => `${g.days} ${g.ranges.join(', ')}`).join(' · ');
}

/** The local calendar day of an instant in a zone, for "is it today there". */
const dayIn = (at: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(at);

/** "17:00" today, "Mon 09:00" within the week, "29 Dec 09:00" further, on the department's clock. */
export function changeTime(iso: string, timeZone: string, now: number): string {
  const at = Date.parse(iso);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  if (dayIn(at, timeZone) === dayIn(now, timeZone)) return time;
  const withinWeek = at - now < 6 * 24 * 3_600_000;
  const day = new Intl.DateTimeFormat(
    'en-GB',
    withinWeek ? { timeZone, weekday: 'short' } : { timeZone, day: 'numeric', month: 'short' },
  ).format(at);
  return `${day} ${time}`;
}

/** The department's state in the table: "Open now · closes 17:00", "Closed · opens Mon 09:00". */
export function describeState(hours: DepartmentHours, now: number): string {
  if (!hours.configured) return 'Always open';
  if (hours.openNow)
    return hours.nextChangeAt
      ? `Open now · closes ${changeTime(hours.nextChangeAt, hours.timeZone, now)}`
      : 'Always open';
  return hours.nextChangeAt
    ? `Closed · opens ${changeTime(hours.nextChangeAt, hours.timeZone, now)}`
    : 'Closed · no opening within a year';
}
