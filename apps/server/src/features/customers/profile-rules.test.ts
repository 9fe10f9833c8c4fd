import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { diffProfile, readProfilePatch, type ProfileValues } from './profile-rules.ts';

function refusal(body: Record<string, unknown>) {
  try {
    readProfilePatch(body);
  } catch (err) {
    if (err instanceof AppError && err.status === 422) return err.errors ?? [];
    throw err;
  }
  throw new Error('expected a 422');
}

const empty: ProfileValues = {
  name: null,
  email: null,
  language: null,
  company: null,
  location: null,
  customFields: {},
};

describe('readProfilePatch', () => {
  it('trims values and clears a field given as an empty string', () => {
    expect(readProfilePatch({ name: '  Thandi  ', company: '', location: null })).toEqual({
      name: 'Thandi',
      company: null,
      location: null,
    });
  });

  it('accepts an email and refuses what is not one', () => {
    expect(readProfilePatch({ email: 'a.b@example.co.za' })).toEqual({
      email: 'a.b@example.co.za',
    });
    expect(refusal({ email: 'not-an-email' })).toEqual([
      { field: 'email', message: expect.stringContaining('email') },
    ]);
  });

  it('accepts language tags in canonical case and refuses other shapes', () => {
    expect(readProfilePatch({ language: 'en' }).language).toBe('en');
    expect(readProfilePatch({ language: 'EN-za' }).language).toBe('en-ZA');
    expect(readProfilePatch({ language: 'zu' }).language).toBe('zu');
    for (const bad of ['english', 'e', 'en_ZA', 'en-', '12'])
      expect(refusal({ language: bad })[0]?.field).toBe('language');
  });

  it('limits name, company and location to 100 characters, on one line', () => {
    expect(readProfilePatch({ name: 'x'.repeat(100) }).name).toHaveLength(100);
    for (const field of ['name', 'company', 'location'])
      expect(refusal({ [field]: 'x'.repeat(101) })).toEqual([
        { field, message: 'Use at most 100 characters.' },
      ]);
    expect(refusal({ name: 'Two\nlines' })[0]?.field).toBe('name');
  });

  it('refuses the phone number and fields that are not the profile’s', () => {
    expect(refusal({ phone: '+27821234567' })).toEqual([
      { field: 'phone', message: expect.stringContaining('cannot be changed') },
    ]);
    expect(refusal({ version: 9 })[0]?.field).toBe('version');
  });

  it('reads custom fields: drops empty values, checks names, values and count', () => {
    expect(
      readProfilePatch({ customFields: { ' Account no ': ' 4411 ', Empty: '', Gone: null } }),
    ).toEqual({ customFields: { 'Account no': '4411' } });
    expect(refusal({ customFields: { 'Bad#name': 'x' } })[0]?.field).toBe('customFields');
    expect(refusal({ customFields: { ['n'.repeat(41)]: 'x' } })[0]?.field).toBe('customFields');
    expect(refusal({ customFields: { Long: 'v'.repeat(501) } })).toEqual([
      { field: 'customFields.Long', message: 'Use at most 500 characters.' },
    ]);
    const many = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`F${i}`, 'x']));
    expect(refusal({ customFields: many })).toEqual([
      { field: 'customFields', message: expect.stringContaining('30') },
    ]);
    const thirty = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`F${i}`, 'x']));
    expect(Object.keys(readProfilePatch({ customFields: thirty }).customFields ?? {})).toHaveLength(
      30,
    );
  });

  it('names every broken rule at once', () => {
    expect(refusal({ email: 'x', language: 'xx_YY', phone: '1' }).map((e) => e.field)).toEqual([
      'email',
      'language',
      'phone',
    ]);
  });
});

describe('diffProfile', () => {
  it('lists only the fields that change, custom fields by name', () => {
    const current = { ...empty, name: 'Thandi', customFields: { Tier: 'Gold', Old: 'x' } };
    expect(
      diffProfile(current, {
        name: 'Thandi',
        email: 'thandi@example.com',
        customFields: { Tier: 'Platinum', New: 'y' },
      }),
    ).toEqual([
      { field: 'email', from: null, to: 'thandi@example.com' },
      { field: 'customFields.New', from: null, to: 'y' },
      { field: 'customFields.Old', from: 'x', to: null },
      { field: 'customFields.Tier', from: 'Gold', to: 'Platinum' },
    ]);
    expect(
      diffProfile(current, { name: 'Thandi', customFields: { Old: 'x', Tier: 'Gold' } }),
    ).toEqual([]);
  });
});
