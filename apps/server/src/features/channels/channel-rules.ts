import { channelNameProblem, MAX_GREETING } from '@parley/contract';
import { isSupportedCountry } from 'libphonenumber-js';
import type { FieldError } from '../../errors.ts';

/**
 * The field rules of channel administration, each answering a FieldError the admin can act on.
 * Types are checked by the contract (400); these are the rules (422).
 */

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkName(raw: string, errors: FieldError[]): string {
  const name = raw.trim();
  const problem = channelNameProblem(name);
  if (problem) errors.push({ field: 'name', message: problem });
  return name;
}

export function checkRegion(raw: string, errors: FieldError[]): string {
  const region = raw.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(region) || !isSupportedCountry(region))
    errors.push({
      field: 'region',
      message: 'Use a two-letter country code phone numbers are read in, e.g. ZA.',
    });
  return region;
}

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

export function checkUrl(raw: string, field: string, errors: FieldError[]): string {
  const url = raw.trim();
  if (!isHttpUrl(url)) errors.push({ field, message: 'Enter an http:// or https:// URL.' });
  return url;
}

/** Bare origins only (`https://shop.example`): the browser compares them exactly. */
export function checkOrigins(raw: string[], errors: FieldError[]): string[] {
  const origins = raw.map((value) => value.trim());
  origins.forEach((origin, i) => {
    if (!isHttpUrl(origin) || new URL(origin).origin !== origin)
      errors.push({
        field: `allowedOrigins.${i}`,
        message: 'Enter an origin like https://shop.example (no path, no trailing slash).',
      });
  });
  return [...new Set(origins)];
}

export function checkGreeting(raw: string | null, errors: FieldError[]): string | undefined {
  const greeting = raw?.trim() ?? '';
  if (greeting.length > MAX_GREETING)
    errors.push({ field: 'greeting', message: `At most ${MAX_GREETING} characters.` });
  return greeting === '' ? undefined : greeting;
}

export function checkPhoneNumberId(raw: string, errors: FieldError[]): string {
  const id = raw.trim();
  if (!/^\d{1,30}$/.test(id))
    errors.push({
      field: 'phoneNumberId',
      message: 'Enter the phone number id from Meta’s WhatsApp settings (digits only).',
    });
  return id;
}

export function checkProvided(
  raw: string,
  field: string,
  errors: FieldError[],
  from = 'Meta’s app settings',
): string {
  const value = raw.trim();
  if (value === '') errors.push({ field, message: `Paste the value from ${from}.` });
  return value;
}

/** Twilio's account SID: "AC" and 32 hex digits, as its console shows it. */
export function checkAccountSid(raw: string | undefined, errors: FieldError[]): string {
  const sid = (raw ?? '').trim();
  if (!/^AC[0-9a-fA-F]{32}$/.test(sid))
    errors.push({
      field: 'accountSid',
      message: 'Enter the Account SID from the Twilio console (AC followed by 32 characters).',
    });
  return sid;
}

export function checkMessagingServiceSid(raw: string, errors: FieldError[]): string {
  const sid = raw.trim();
  if (!/^MG[0-9a-fA-F]{32}$/.test(sid))
    errors.push({
      field: 'messagingServiceSid',
      message: 'Enter the Messaging Service SID from Twilio (MG followed by 32 characters).',
    });
  return sid;
}

/** A number in E.164 (+27821234567) or an alphanumeric sender id of up to 11 characters. */
export function checkSender(raw: string, errors: FieldError[]): string {
  const sender = raw.trim();
  const number = /^\+[1-9]\d{6,14}$/.test(sender);
  const alphanumeric = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/.test(sender);
  if (!number && !alphanumeric)
    errors.push({
      field: 'fromNumber',
      message: 'Enter a number like +27821234567, or a sender name of up to 11 letters and digits.',
    });
  return sender;
}
