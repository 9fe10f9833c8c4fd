import type { WeeklyHours } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { describeOpening } from './describe-opening.ts';
import { isOpenAt, nextChange, nextOpening, type OpeningHours } from './opening-hours.ts';

/*
 * The opening-hours engine on its own, at chosen moments: no clock is read, so every edge is
 * exact. 2026-01-12 is a Monday; Europe/London is on UTC in January.
 */

const closedWeek: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const nineToFive = [{ start: '09:00', end: '17:00' }];
const weekdays9to5: WeeklyHours = {
  ...closedWeek,
  mon: nineToFive,
  tue: nineToFive,
  wed: nineToFive,
  thu: nineToFive,
  fri: nineToFive,
};
const everyDay9to5: WeeklyHours = { ...weekdays9to5, sat: nineToFive, sun: nineToFive };

const hours = (
  timeZone: string,
  weekly: WeeklyHours | null,
  holidays: OpeningHours['holidays'] = [],
): OpeningHours => ({ timeZone, weekly, holidays });

const at = (iso: string) => new Date(iso);
const iso = (date: Date | null) => date?.toISOString() ?? null;
const HOUR = 3_600_000;

/** How long the stretch that opens at `opening` stays open, in hours. */
function openHours(h: OpeningHours, opening: string): number {
  expect(isOpenAt(h, at(opening))).toBe(true);
  expect(isOpenAt(h, new Date(at(opening).getTime() - 1))).toBe(false);
  return (nextChange(h, at(opening))!.getTime() - at(opening).getTime()) / HOUR;
}

describe('opening hours at the edges', () => {
  const london = hours('Europe/London', weekdays9to5);

  it('opens at a range’s start and closes at its end, to the millisecond', () => {
    expect(isOpenAt(london, at('2026-01-12T08:59:59.999Z'))).toBe(false);
    expect(isOpenAt(london, at('2026-01-12T09:00:00.000Z'))).toBe(true);
    expect(isOpenAt(london, at('2026-01-12T16:59:59.999Z'))).toBe(true);
    expect(isOpenAt(london, at('2026-01-12T17:00:00.000Z'))).toBe(false);
    expect(iso(nextOpening(london, at('2026-01-12T08:59:00Z')))).toBe('2026-01-12T09:00:00.000Z');
    expect(nextOpening(london, at('2026-01-12T09:00:00Z'))).toBeNull();
    expect(iso(nextChange(london, at('2026-01-12T09:00:00Z')))).toBe('2026-01-12T17:00:00.000Z');
    expect(iso(nextChange(london, at('2026-01-12T17:00:00Z')))).toBe('2026-01-13T09:00:00.000Z');
  });

  it('reads the department’s own clock, not the server’s', () => {
    const johannesburg = hours('Africa/Johannesburg', weekdays9to5);
    expect(isOpenAt(johannesburg, at('2026-01-12T07:00:00Z'))).toBe(true);
    expect(isOpenAt(johannesburg, at('2026-01-12T15:00:00Z'))).toBe(false);
    const auckland = hours('Pacific/Auckland', weekdays9to5);
    // Sunday evening in London is Monday 09:00 in Auckland (UTC+13 in January).
    expect(isOpenAt(auckland, at('2026-01-11T20:00:00Z'))).toBe(true);
  });

  it('keeps several ranges a day apart, and joins ranges that touch', () => {
    const split = hours('Europe/London', {
      ...closedWeek,
      mon: [
        { start: '13:00', end: '17:00' },
        { start: '09:00', end: '12:00' },
      ],
    });
    expect(isOpenAt(split, at('2026-01-12T11:59:00Z'))).toBe(true);
    expect(isOpenAt(split, at('2026-01-12T12:00:00Z'))).toBe(false);
    expect(isOpenAt(split, at('2026-01-12T12:30:00Z'))).toBe(false);
    expect(isOpenAt(split, at('2026-01-12T13:00:00Z'))).toBe(true);
    expect(iso(nextChange(split, at('2026-01-12T10:00:00Z')))).toBe('2026-01-12T12:00:00.000Z');
    expect(iso(nextOpening(split, at('2026-01-12T12:00:00Z')))).toBe('2026-01-12T13:00:00.000Z');
    // After Monday's last range, the next opening is a week later.
    expect(iso(nextOpening(split, at('2026-01-12T17:00:00Z')))).toBe('2026-01-19T09:00:00.000Z');

    const touching = hours('Europe/London', {
      ...closedWeek,
      mon: [
        { start: '09:00', end: '12:00' },
        { start: '12:00', end: '17:00' },
      ],
    });
    expect(isOpenAt(touching, at('2026-01-12T12:00:00Z'))).toBe(true);
    expect(iso(nextChange(touching, at('2026-01-12T10:00:00Z')))).toBe('2026-01-12T17:00:00.000Z');
  });

  it('runs a range ending at 24:00 into the next day’s 00:00 as one stretch', () => {
    const late = hours('Europe/London', {
      ...closedWeek,
      fri: [{ start: '20:00', end: '24:00' }],
      sat: [{ start: '00:00', end: '02:00' }],
      sun: [{ start: '22:00', end: '24:00' }],
    });
    // 2026-01-16 is a Friday.
    expect(isOpenAt(late, at('2026-01-16T23:59:59.999Z'))).toBe(true);
    expect(isOpenAt(late, at('2026-01-17T00:00:00Z'))).toBe(true);
    expect(isOpenAt(late, at('2026-01-17T01:59:59Z'))).toBe(true);
    expect(isOpenAt(late, at('2026-01-17T02:00:00Z'))).toBe(false);
    expect(iso(nextChange(late, at('2026-01-16T21:00:00Z')))).toBe('2026-01-17T02:00:00.000Z');
    // Sunday's 24:00 is Monday's midnight, and Monday has no 00:00 range: closed there.
    expect(isOpenAt(late, at('2026-01-18T23:59:00Z'))).toBe(true);
    expect(isOpenAt(late, at('2026-01-19T00:00:00Z'))).toBe(false);
    expect(iso(nextChange(late, at('2026-01-18T22:00:00Z')))).toBe('2026-01-19T00:00:00.000Z');
  });

  it('is open around the clock without weekly hours, and never when every day is empty', () => {
    const always = hours('Europe/London', null);
    expect(isOpenAt(always, at('2026-01-12T03:00:00Z'))).toBe(true);
    expect(nextOpening(always, at('2026-01-12T03:00:00Z'))).toBeNull();
    expect(nextChange(always, at('2026-01-12T03:00:00Z'))).toBeNull();
    const halves = [
      { start: '12:00', end: '24:00' },
      { start: '00:00', end: '12:00' },
    ];
    const everyHalf = hours('Europe/London', {
      mon: halves,
      tue: halves,
      wed: halves,
      thu: halves,
      fri: halves,
      sat: halves,
      sun: halves,
    });
    expect(nextChange(everyHalf, at('2026-01-12T03:00:00Z'))).toBeNull();
    const withHoliday = { ...everyHalf, holidays: [{ date: '2026-08-31', name: 'Bank holiday' }] };
    // Summer time: the holiday's midnight is 23:00 UTC the evening before.
    expect(iso(nextChange(withHoliday, at('2026-01-12T03:00:00Z')))).toBe(
      '2026-08-30T23:00:00.000Z',
    );

    const never = hours('Europe/London', closedWeek);
    expect(isOpenAt(never, at('2026-01-12T10:00:00Z'))).toBe(false);
    expect(nextOpening(never, at('2026-01-12T10:00:00Z'))).toBeNull();
    expect(nextChange(never, at('2026-01-12T10:00:00Z'))).toBeNull();
  });

  it('finds an opening months away, and none past a year', () => {
    const onlyOnce = hours('UTC', null, []);
    const yearOfHolidays = Array.from({ length: 100 }, (_, i) => ({
      date: new Date(Date.UTC(2026, 0, 12 + i)).toISOString().slice(0, 10),
      name: `Closed ${i}`,
    }));
    const closedHundredDays = { ...onlyOnce, holidays: yearOfHolidays };
    expect(iso(nextOpening(closedHundredDays, at('2026-01-12T10:00:00Z')))).toBe(
      '2026-04-22T00:00:00.000Z',
    );
    const mondaysOnlyInAWeekWithoutThem = hours('UTC', closedWeek);
    expect(nextOpening(mondaysOnlyInAWeekWithoutThem, at('2026-01-12T10:00:00Z'))).toBeNull();
  });
});

describe('holidays', () => {
  // 2026-12-25 is a Friday; South Africa moves the 26th's holiday to Monday the 28th.
  const johannesburg = hours('Africa/Johannesburg', weekdays9to5, [
    { date: '2026-12-25', name: 'Christmas Day' },
    { date: '2026-12-28', name: 'Day of Goodwill (observed)' },
  ]);

  it('close the whole local day, whatever the weekly hours say', () => {
    expect(isOpenAt(johannesburg, at('2026-12-24T14:59:00Z'))).toBe(true);
    expect(isOpenAt(johannesburg, at('2026-12-25T10:00:00Z'))).toBe(false);
    expect(isOpenAt(johannesburg, at('2026-12-28T10:00:00Z'))).toBe(false);
    expect(isOpenAt(johannesburg, at('2026-12-29T07:00:00Z'))).toBe(true);
  });

  it('are skipped by the next opening, across the weekend between them', () => {
    // Thursday 24 December, 17:00 local: Friday, the weekend and Monday are closed.
    expect(iso(nextOpening(johannesburg, at('2026-12-24T15:00:00Z')))).toBe(
      '2026-12-29T07:00:00.000Z',
    );
    expect(iso(nextChange(johannesburg, at('2026-12-24T10:00:00Z')))).toBe(
      '2026-12-24T15:00:00.000Z',
    );
  });

  it('close a department that is otherwise open around the clock, midnight to midnight local', () => {
    const always = hours('Africa/Johannesburg', null, [
      { date: '2026-12-25', name: 'Christmas Day' },
    ]);
    // Local midnight is 22:00 UTC the evening before.
    expect(isOpenAt(always, at('2026-12-24T21:59:59Z'))).toBe(true);
    expect(isOpenAt(always, at('2026-12-24T22:00:00Z'))).toBe(false);
    expect(isOpenAt(always, at('2026-12-25T21:59:59Z'))).toBe(false);
    expect(isOpenAt(always, at('2026-12-25T22:00:00Z'))).toBe(true);
    expect(iso(nextChange(always, at('2026-12-20T12:00:00Z')))).toBe('2026-12-24T22:00:00.000Z');
    expect(iso(nextOpening(always, at('2026-12-25T08:00:00Z')))).toBe('2026-12-25T22:00:00.000Z');
  });
});

describe('daylight-saving changes', () => {
  it('Europe/London springs forward on 2026-03-29 at 01:00 UTC: 09:00–17:00 stays eight hours', () => {
    const london = hours('Europe/London', everyDay9to5);
    // Saturday on GMT (UTC+0), Sunday on BST (UTC+1).
    expect(openHours(london, '2026-03-28T09:00:00Z')).toBe(8);
    expect(openHours(london, '2026-03-29T08:00:00Z')).toBe(8);
    expect(isOpenAt(london, at('2026-03-28T16:30:00Z'))).toBe(true);
    expect(isOpenAt(london, at('2026-03-29T16:30:00Z'))).toBe(false);
    expect(iso(nextOpening(london, at('2026-03-28T17:00:00Z')))).toBe('2026-03-29T08:00:00.000Z');
  });

  it('opens at the jump when a range starts at a time the clock skips', () => {
    const night = hours('Europe/London', {
      ...closedWeek,
      sun: [{ start: '01:30', end: '03:00' }],
    });
    // 01:00 GMT becomes 02:00 BST: 01:30 never shows; the clock passes it at 01:00 UTC.
    expect(isOpenAt(night, at('2026-03-29T00:59:00Z'))).toBe(false);
    expect(isOpenAt(night, at('2026-03-29T01:00:00Z'))).toBe(true);
    expect(iso(nextOpening(night, at('2026-03-29T00:00:00Z')))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(nextChange(night, at('2026-03-29T01:00:00Z')))).toBe('2026-03-29T02:00:00.000Z');
  });

  it('Europe/London falls back on 2026-10-25 at 01:00 UTC: still eight hours each side', () => {
    const london = hours('Europe/London', everyDay9to5);
    expect(openHours(london, '2026-10-24T08:00:00Z')).toBe(8);
    expect(openHours(london, '2026-10-25T09:00:00Z')).toBe(8);
    expect(isOpenAt(london, at('2026-10-25T08:30:00Z'))).toBe(false);
    expect(iso(nextOpening(london, at('2026-10-24T16:00:00Z')))).toBe('2026-10-25T09:00:00.000Z');
  });

  it('America/New_York springs forward on 2026-03-08, across a weekend', () => {
    const newYork = hours('America/New_York', weekdays9to5);
    // Friday on EST (UTC−5), Monday on EDT (UTC−4).
    expect(openHours(newYork, '2026-03-06T14:00:00Z')).toBe(8);
    expect(openHours(newYork, '2026-03-09T13:00:00Z')).toBe(8);
    expect(iso(nextOpening(newYork, at('2026-03-06T22:00:00Z')))).toBe('2026-03-09T13:00:00.000Z');
    expect(iso(nextChange(newYork, at('2026-03-07T12:00:00Z')))).toBe('2026-03-09T13:00:00.000Z');
  });

  it('keeps a day that starts an hour late whole (America/Santiago has no 00:00 on 2026-09-06)', () => {
    const santiago = hours('America/Santiago', null, [{ date: '2026-09-05', name: 'Closed' }]);
    // Saturday 5 September is a holiday; Sunday's clock starts at 01:00 (−03:00), 04:00 UTC.
    expect(isOpenAt(santiago, at('2026-09-06T03:59:00Z'))).toBe(false);
    expect(isOpenAt(santiago, at('2026-09-06T04:00:00Z'))).toBe(true);
    expect(iso(nextOpening(santiago, at('2026-09-05T12:00:00Z')))).toBe('2026-09-06T04:00:00.000Z');
  });
});

describe('describeOpening', () => {
  const zone = 'Africa/Johannesburg';
  // Friday 27 November 2026, 20:00 in Johannesburg.
  const now = at('2026-11-27T18:00:00Z');

  it('says today, tomorrow, the weekday within a week, and the date further on, in English', () => {
    expect(describeOpening(at('2026-11-27T19:00:00Z'), zone, 'en', now)).toBe('today at 21:00');
    expect(describeOpening(at('2026-11-28T06:30:00Z'), zone, 'en', now)).toBe('tomorrow at 08:30');
    expect(describeOpening(at('2026-11-30T07:00:00Z'), zone, 'en-ZA', now)).toBe(
      'on Monday at 09:00',
    );
    expect(describeOpening(at('2026-12-29T07:00:00Z'), zone, 'en', now)).toMatch(
      /^on (29 December|December 29) at 09:00$/,
    );
  });

  it('says it in Afrikaans and Portuguese with their own words', () => {
    expect(describeOpening(at('2026-11-27T19:00:00Z'), zone, 'af', now)).toBe('vandag om 21:00');
    expect(describeOpening(at('2026-11-28T06:30:00Z'), zone, 'af', now)).toBe('môre om 08:30');
    expect(describeOpening(at('2026-11-30T07:00:00Z'), zone, 'af', now)).toBe(
      'op Maandag om 09:00',
    );
    expect(describeOpening(at('2026-11-28T06:30:00Z'), zone, 'pt-BR', now)).toBe('amanhã às 08:30');
    expect(describeOpening(at('2026-11-30T07:00:00Z'), zone, 'pt', now)).toBe(
      'na segunda-feira às 09:00',
    );
    expect(describeOpening(at('2026-11-29T07:00:00Z'), zone, 'pt', now)).toBe(
      'no domingo às 09:00',
    );
  });

  it('falls back to the weekday and time, never English, for a language without phrasing', () => {
    const zulu = describeOpening(at('2026-11-30T07:00:00Z'), zone, 'zu', now);
    expect(zulu).toContain('09:00');
    expect(zulu).toMatch(/Msombuluko/);
    const japanese = describeOpening(at('2026-11-28T06:30:00Z'), zone, 'ja', now);
    expect(japanese).toContain('08:30');
    expect(japanese).toContain('土曜日');
    for (const text of [zulu, japanese]) expect(text).not.toMatch(/today|tomorrow|on |at /i);
  });

  it('reads the day on the department’s clock, and takes a broken language tag as English', () => {
    // 23:30 UTC on Friday is already Saturday 01:30 in Johannesburg: "tomorrow" from Friday.
    expect(describeOpening(at('2026-11-27T23:30:00Z'), zone, 'en', now)).toBe('tomorrow at 01:30');
    expect(describeOpening(at('2026-11-28T06:30:00Z'), zone, 'not a language!', now)).toBe(
      'tomorrow at 08:30',
    );
  });
});
