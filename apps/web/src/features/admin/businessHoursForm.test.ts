import type { DepartmentHours, WeeklyHours } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { auditSentence } from './auditEvent.ts';
import {
  copyMondayToWeekdays,
  describeState,
  draftProblems,
  firstProblemField,
  nextRange,
  summariseWeek,
  tidyTime,
  timeZoneChoices,
  toBody,
  toDraft,
} from './businessHoursForm.ts';
import type { HoursDraft } from './businessHoursForm.ts';

const closedWeek: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const nineToFive = [{ start: '09:00', end: '17:00' }];

function buildHours(overrides: Partial<DepartmentHours> = {}): DepartmentHours {
  return {
    departmentId: 'dep-1',
    departmentName: 'Support',
    timeZone: 'Europe/London',
    weekly: { ...closedWeek, mon: nineToFive, tue: nineToFive },
    holidays: [],
    configured: true,
    openNow: true,
    nextChangeAt: null,
    ...overrides,
  };
}

const draftOf = (overrides: Partial<HoursDraft> = {}): HoursDraft => ({
  ...toDraft(buildHours()),
  ...overrides,
});

describe('the business-hours sheet’s rules', () => {
  it('starts an unset department in the viewer’s zone, around the clock, with an office week ready', () => {
    const draft = toDraft(
      buildHours({ configured: false, weekly: null, timeZone: 'UTC' }),
      'Africa/Johannesburg',
    );
    expect(draft.timeZone).toBe('Africa/Johannesburg');
    expect(draft.aroundTheClock).toBe(true);
    expect(draft.week.fri).toEqual(nineToFive);
    expect(draft.week.sat).toEqual([]);
    expect(toBody(draft, 'dep-1').weekly).toBeNull();
    expect(toBody({ ...draft, aroundTheClock: false }, 'dep-1').weekly?.wed).toEqual(nineToFive);
  });

  it('says no to an end not after its start, and names the field the server would', () => {
    const draft = draftOf({
      week: { ...closedWeek, tue: [{ start: '17:00', end: '09:00' }] },
    });
    expect(draftProblems(draft)).toEqual({ 'weekly.tue.0.end': 'must be after 17:00' });
    const equal = draftOf({ week: { ...closedWeek, wed: [{ start: '10:00', end: '10:00' }] } });
    expect(draftProblems(equal)).toEqual({ 'weekly.wed.0.end': 'must be after 10:00' });
  });

  it('says no to overlapping ranges, but lets ranges touch and end at 24:00', () => {
    const overlapping = draftOf({
      week: {
        ...closedWeek,
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '11:30', end: '14:00' },
        ],
      },
    });
    expect(draftProblems(overlapping)).toEqual({
      'weekly.mon.1.start': 'overlaps 09:00–12:00 on the same day',
    });
    const touching = draftOf({
      week: {
        ...closedWeek,
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '12:00', end: '24:00' },
        ],
        tue: [{ start: '00:00', end: '02:00' }],
      },
    });
    expect(draftProblems(touching)).toEqual({});
  });

  it('asks for times in shape, and a date and a name for each holiday, once per date', () => {
    const draft = draftOf({
      week: { ...closedWeek, mon: [{ start: '9', end: '25:00' }] },
      holidays: [
        { date: '2026-12-25', name: 'Christmas' },
        { date: '', name: 'Someday' },
        { date: '2026-12-25', name: '  ' },
      ],
    });
    expect(draftProblems(draft)).toEqual({
      'weekly.mon.0.start': 'a time such as 09:00 (24:00 ends a day)',
      'weekly.mon.0.end': 'a time such as 09:00 (24:00 ends a day)',
      'holidays.1.date': 'choose a date',
      'holidays.2.name': 'give the holiday a name',
      'holidays.2.date': 'is already a holiday (Christmas)',
    });
    expect(firstProblemField(draftProblems(draft))).toBe('weekly.mon.0.start');
    // With the week around the clock, its ranges are not checked at all.
    expect(Object.keys(draftProblems({ ...draft, aroundTheClock: true }))).toEqual([
      'holidays.1.date',
      'holidays.2.name',
      'holidays.2.date',
    ]);
  });

  it('reads typed times kindly: 9:00 and 0930 become 09:00 and 09:30', () => {
    expect(tidyTime('9:00')).toBe('09:00');
    expect(tidyTime(' 0930 ')).toBe('09:30');
    expect(tidyTime('17.30')).toBe('17:30');
    expect(tidyTime('nine')).toBe('nine');
  });

  it('copies Monday to Tuesday–Friday and leaves the weekend', () => {
    const monday = [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '16:30' },
    ];
    const draft = copyMondayToWeekdays(
      draftOf({ week: { ...closedWeek, mon: monday, sat: nineToFive } }),
    );
    for (const day of ['tue', 'wed', 'thu', 'fri'] as const)
      expect(draft.week[day]).toEqual(monday);
    expect(draft.week.sat).toEqual(nineToFive);
    expect(draft.week.sun).toEqual([]);
    // Copies, not the same objects: editing Tuesday later leaves Monday alone.
    expect(draft.week.tue[0]).not.toBe(draft.week.mon[0]);
  });

  it('adds 09:00–17:00 to an empty day, and a later range after the last', () => {
    expect(nextRange([])).toEqual({ start: '09:00', end: '17:00' });
    expect(nextRange([{ start: '09:00', end: '12:00' }])).toEqual({ start: '13:00', end: '15:00' });
    expect(nextRange([{ start: '09:00', end: '23:00' }])).toEqual({ start: '24:00', end: '24:00' });
    expect(nextRange([{ start: '09:00', end: '24:00' }])).toEqual({ start: '', end: '' });
  });

  it('offers the department’s zone first, once', () => {
    expect(timeZoneChoices('Europe/London', ['Africa/Johannesburg', 'Europe/London'])).toEqual([
      'Europe/London',
      'Africa/Johannesburg',
    ]);
  });
});

describe('a department’s hours in the table', () => {
  // Monday 12 January 2026, 10:00 in London (UTC in winter).
  const now = Date.parse('2026-01-12T10:00:00Z');

  it('says whether it is open now and when that changes, on the department’s clock', () => {
    expect(describeState(buildHours({ nextChangeAt: '2026-01-12T17:00:00Z' }), now)).toBe(
      'Open now · closes 17:00',
    );
    expect(
      describeState(buildHours({ openNow: false, nextChangeAt: '2026-01-16T09:00:00Z' }), now),
    ).toBe('Closed · opens Fri 09:00');
    expect(
      describeState(
        buildHours({
          timeZone: 'Africa/Johannesburg',
          openNow: false,
          nextChangeAt: '2026-01-12T11:00:00Z',
        }),
        now,
      ),
    ).toBe('Closed · opens 13:00');
    expect(
      describeState(buildHours({ openNow: false, nextChangeAt: '2026-03-02T09:00:00Z' }), now),
    ).toBe('Closed · opens 2 Mar 09:00');
    expect(describeState(buildHours({ configured: false }), now)).toBe('Always open');
    expect(describeState(buildHours({ weekly: null }), now)).toBe('Always open');
    expect(describeState(buildHours({ openNow: false }), now)).toBe(
      'Closed · no opening within a year',
    );
  });

  it('sums the week up with equal neighbours joined', () => {
    const week: WeeklyHours = {
      mon: nineToFive,
      tue: nineToFive,
      wed: nineToFive,
      thu: nineToFive,
      fri: nineToFive,
      sat: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '15:00' },
      ],
      sun: [],
    };
    expect(summariseWeek(week)).toBe('Mon–Fri 09:00–17:00 · Sat 09:00–12:00, 13:00–15:00');
    expect(summariseWeek(null)).toBe('Around the clock');
    expect(summariseWeek(closedWeek)).toBe('Closed every day');
  });
});

describe('a change of business hours in the audit log', () => {
  it('reads as a sentence naming the department', () => {
    expect(
      auditSentence({
        id: 'a1',
        actor: { id: 's1', name: 'Ada Admin', role: 'admin' },
        action: 'business_hours.updated',
        object: { kind: 'business_hours', id: 'dep-1' },
        before: null,
        after: { name: 'Support', timeZone: 'Europe/London', weekly: null, holidays: [] },
        at: '2026-01-12T10:00:00Z',
      }),
    ).toBe('Ada Admin changed business hours of “Support”');
  });
});
