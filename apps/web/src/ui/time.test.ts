import { describe, expect, it } from 'vitest';
import { dayLabel, sameDay } from './time.ts';

const now = new Date(2030, 4, 15, 10, 0).getTime();
const at = (month: number, day: number, hour = 12, year = 2030) =>
  new Date(year, month, day, hour).toISOString();

describe('dayLabel', () => {
  it('says Today and Yesterday by calendar day, not by 24 hours', () => {
    expect(dayLabel(at(4, 15, 0), { now })).toBe('Today');
    expect(dayLabel(at(4, 14, 23), { now })).toBe('Yesterday');
    expect(dayLabel(at(4, 14, 0), { now, style: 'long' })).toBe('Yesterday');
  });

  it("spells older days short for the desk (with another year's year) and long for the widget", () => {
    const short = new Intl.DateTimeFormat(undefined, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
    });
    const long = new Intl.DateTimeFormat(undefined, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
    });
    expect(dayLabel(at(4, 10), { now })).toBe(short.format(Date.parse(at(4, 10))));
    expect(dayLabel(at(4, 10), { now, style: 'long' })).toBe(long.format(Date.parse(at(4, 10))));
    expect(dayLabel(at(4, 10, 12, 2029), { now })).toContain('2029');
    expect(dayLabel(at(4, 10, 12, 2029), { now, style: 'long' })).not.toContain('2029');
  });
});

describe('sameDay', () => {
  it('compares calendar days, from timestamps or ISO strings', () => {
    expect(sameDay(at(4, 15, 1), at(4, 15, 23))).toBe(true);
    expect(sameDay(Date.parse(at(4, 15, 23)), Date.parse(at(4, 16, 0)))).toBe(false);
  });
});
