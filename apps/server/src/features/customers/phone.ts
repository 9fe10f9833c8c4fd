import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * National significant number lengths for numbering plans where every number has one length.
 * libphonenumber accepts some numbers a digit short as "valid" (082 123 456 in South Africa), and
 * a customer's number is their identity here, so where the plan is fixed we insist on it.
 */
const FIXED_LENGTH: Partial<Record<CountryCode, number>> = {
  ZA: 9, // South Africa
  NA: 9, // Namibia (mobile)
  BW: 8, // Botswana
  ZW: 9, // Zimbabwe (mobile)
  KE: 9, // Kenya
  TZ: 9, // Tanzania
  UG: 9, // Uganda
  NG: 10, // Nigeria (mobile)
  US: 10,
  CA: 10,
  FR: 9,
  ES: 9,
  PT: 9,
  NL: 9,
  IN: 10,
  AU: 9,
};

export type PhoneResult =
  { ok: true; e164: string; country: CountryCode | undefined } | { ok: false };

function check(candidate: string, region: CountryCode | undefined): PhoneResult {
  const parsed = parsePhoneNumberFromString(candidate, region);
  if (!parsed || !parsed.isValid()) return { ok: false };
  const fixed = parsed.country ? FIXED_LENGTH[parsed.country] : undefined;
  if (fixed !== undefined && parsed.nationalNumber.length !== fixed) return { ok: false };
  return { ok: true, e164: parsed.number, country: parsed.country };
}

/**
 * Reads a number as a customer or a provider wrote it — `+27 82 123 4567`, `0821234567` in the
 * channel's region, `27821234567` without the plus — into E.164, the customer's key.
 */
export function normalizePhone(raw: string, defaultRegion: string): PhoneResult {
  // The same few thousand customers write all day: the parse is remembered (it is pure).
  const key = `${defaultRegion}|${raw}`;
  const known = recent.get(key);
  if (known) return known;
  const result = parse(raw, defaultRegion);
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.set(key, Object.freeze(result));
  return result;
}

const recent = new Map<string, PhoneResult>();
const RECENT_MAX = 10_000;

function parse(raw: string, defaultRegion: string): PhoneResult {
  const text = raw.trim();
  if (text.length === 0 || text.length > 40 || !/^[+\d\s().-]+$/.test(text)) return { ok: false };
  const region = defaultRegion.toUpperCase() as CountryCode;
  const local = check(text, region);
  if (local.ok) return local;
  // Providers send international numbers without the plus (WhatsApp: "27821234567").
  const digits = text.replace(/\D/g, '');
  if (!text.startsWith('+') && digits.length >= 8) return check(`+${digits}`, undefined);
  return { ok: false };
}

/** The number as people read it, e.g. "+27 82 123 4567". */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
