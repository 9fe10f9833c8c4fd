import { type EditableCustomerField, editableCustomerFields, PersonName } from '@parley/contract';
import { z } from 'zod';
import { type FieldError, unprocessable } from '../../errors.ts';

/** What a valid save asks to change: `null` clears a field; `customFields` replaces the set. */
export type ProfileChanges = Partial<Record<EditableCustomerField, string | null>> & {
  customFields?: Record<string, string>;
};

/** The stored profile a save is compared with. */
export type ProfileValues = Record<EditableCustomerField, string | null> & {
  customFields: Record<string, string>;
};

export type FieldChange = { field: string; from: string | null; to: string | null };

export const MAX_CUSTOM_FIELDS = 30;
const MAX_LENGTH: Record<EditableCustomerField, number> = {
  name: 100,
  email: 254,
  language: 35,
  company: 100,
  location: 100,
};
const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;
const CUSTOM_FIELD_NAME = /^[\p{L}\p{N} _-]{1,40}$/u;
const CONTROL = /\p{Cc}/u;
const email = z.email();

function readField(field: EditableCustomerField, raw: string, errors: FieldError[]) {
  const value = raw.trim();
  if (value === '') return null;
  if (value.length > MAX_LENGTH[field]) {
    errors.push({ field, message: `Use at most ${MAX_LENGTH[field]} characters.` });
    return value;
  }
  if (CONTROL.test(value)) {
    errors.push({ field, message: 'Keep it to one line.' });
    return value;
  }
  if (field === 'name') {
    const name = PersonName.safeParse(value);
    if (!name.success)
      errors.push({ field, message: name.error.issues[0]?.message ?? 'Not valid.' });
  }
  if (field === 'email' && !email.safeParse(value).success)
    errors.push({ field, message: 'Enter an email address such as name@example.com.' });
  if (field === 'language') return readLanguage(value, errors);
  return value;
}

/** A BCP 47 tag, stored in its canonical case: `EN-za` → `en-ZA`. */
function readLanguage(value: string, errors: FieldError[]) {
  const wrong = { field: 'language', message: 'Use a language tag such as en, en-ZA or zu.' };
  if (!LANGUAGE_TAG.test(value)) {
    errors.push(wrong);
    return value;
  }
  try {
    return Intl.getCanonicalLocales(value)[0] ?? value;
  } catch {
    errors.push(wrong);
    return value;
  }
}

function readCustomFields(raw: Record<string, string | null>, errors: FieldError[]) {
  const fields: Record<string, string> = {};
  for (const [rawName, rawValue] of Object.entries(raw)) {
    const name = rawName.trim();
    const value = (rawValue ?? '').trim();
    if (value === '') continue;
    if (!CUSTOM_FIELD_NAME.test(name)) {
      errors.push({
        field: 'customFields',
        message: `“${name.slice(0, 40)}”: a field name is 1–40 letters, digits, spaces, _ or -.`,
      });
      continue;
    }
    if (Object.hasOwn(fields, name)) {
      errors.push({ field: `customFields.${name}`, message: 'This field name is used twice.' });
      continue;
    }
    if (value.length > 500)
      errors.push({ field: `customFields.${name}`, message: 'Use at most 500 characters.' });
    fields[name] = value;
  }
  if (Object.keys(fields).length > MAX_CUSTOM_FIELDS)
    errors.push({
      field: 'customFields',
      message: `A profile holds at most ${MAX_CUSTOM_FIELDS} custom fields.`,
    });
  return fields;
}

/**
 * Reads a profile save against the rules; every broken rule is named at once (422). The number
 * is the customer's identity and is refused here rather than silently ignored.
 */
export function readProfilePatch(body: Record<string, unknown>): ProfileChanges {
  const errors: FieldError[] = [];
  const changes: ProfileChanges = {};
  for (const [key, raw] of Object.entries(body)) {
    if (raw === undefined) continue;
    if ((editableCustomerFields as readonly string[]).includes(key)) {
      const field = key as EditableCustomerField;
      if (raw !== null && typeof raw !== 'string') errors.push({ field, message: 'Must be text.' });
      else changes[field] = raw === null ? null : readField(field, raw, errors);
    } else if (key === 'customFields') {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        errors.push({ field: key, message: 'Must be an object of names and values.' });
      else changes.customFields = readCustomFields(raw as Record<string, string | null>, errors);
    } else if (key === 'phone') {
      errors.push({
        field: 'phone',
        message: 'The number is how we know this customer and cannot be changed here.',
      });
    } else {
      errors.push({ field: key, message: 'This is not a profile field you can change.' });
    }
  }
  if (errors.length > 0) throw unprocessable('Some fields need another look.', errors);
  return changes;
}

/** Only what actually changes, field by field (custom fields as `customFields.<name>`). */
export function diffProfile(current: ProfileValues, changes: ProfileChanges): FieldChange[] {
  const diff: FieldChange[] = [];
  for (const field of editableCustomerFields) {
    const to = changes[field];
    if (to === undefined || to === current[field]) continue;
    diff.push({ field, from: current[field], to });
  }
  if (changes.customFields) {
    const before = current.customFields;
    const after = changes.customFields;
    const names = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const name of [...names].sort()) {
      const from = before[name] ?? null;
      const to = after[name] ?? null;
      if (from !== to) diff.push({ field: `customFields.${name}`, from, to });
    }
  }
  return diff;
}
