import { describe, expect, it } from 'vitest';
import { formatPhone, normalizePhone } from './phone.ts';

const e164 = (raw: string, region = 'ZA') => {
  const r = normalizePhone(raw, region);
  return r.ok ? r.e164 : null;
};

describe('normalizePhone', () => {
  it('reads every way a South African number is written as the same customer', () => {
    for (const raw of [
      '+27 82 123 4567',
      '0821234567',
      '082 123 4567',
      '27821234567',
      '+27-82-123-4567',
      '(082) 123 4567',
      '0027821234567',
    ]) {
      expect(e164(raw), raw).toBe('+27821234567');
    }
  });

  it('reads international numbers written without a plus, whatever the channel region', () => {
    expect(e164('447911123456')).toBe('+447911123456');
    expect(e164('+44 7911 123456')).toBe('+447911123456');
    expect(e164('14155552671')).toBe('+14155552671');
    expect(e164('0821234567', 'za')).toBe('+27821234567');
  });

  it('refuses a number a digit short or long where the plan has one length', () => {
    expect(e164('082 123 456')).toBeNull();
    expect(e164('082 123 45678')).toBeNull();
    expect(e164('+1 415 555 267')).toBeNull();
  });

  it('remembers a reading per region: the same text reads differently where the region differs', () => {
    // A national number means a different customer in another country; asked twice, each
    // region keeps its own answer.
    for (let round = 0; round < 2; round++) {
      expect(e164('0821234567', 'ZA')).toBe('+27821234567');
      expect(e164('07911 123456', 'GB')).toBe('+447911123456');
      expect(e164('07911 123456', 'ZA')).toBeNull();
    }
    expect(Object.isFrozen(normalizePhone('0821234567', 'ZA'))).toBe(true);
  });

  it('refuses what is not a phone number', () => {
    for (const raw of [
      '',
      '   ',
      '12345',
      'call me',
      '+27 82 123 4567; drop table',
      '0'.repeat(50),
      '+999 123 456 789',
    ]) {
      expect(e164(raw), raw).toBeNull();
    }
  });

  it('formats for people', () => {
    expect(formatPhone('+27821234567')).toBe('+27 82 123 4567');
  });
});
