import { type CountryCode, getCountryCallingCode, isSupportedCountry } from 'libphonenumber-js/max';
import { normalizePhone } from '../customers/index.ts';

/** Words and numbers in what was typed; punctuation and operators never reach the query. */
export function wordsOf(q: string): string[] {
  return (q.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

/**
 * A to_tsquery text that matches every word, the last also as a prefix (results while typing).
 * Each word is quoted, so nothing typed is read as query syntax. Empty when no word is left.
 */
export function allWordsQuery(q: string): string {
  const words = wordsOf(q);
  return words
    .map((word, index) => `'${word.toLowerCase()}'${index === words.length - 1 ? ':*' : ''}`)
    .join(' & ');
}

/** Typed like a phone number: digits with the usual separators, at least three digits. */
export function looksLikePhone(q: string): boolean {
  return /^[+\d\s().-]+$/.test(q) && q.replace(/\D/g, '').length >= 3;
}

/**
 * The digits (without the plus) a customer's E.164 number may start with, for a number typed in
 * any format: "082 555 0199", "+27825550199" and "825550199" all give 27825550199 in region ZA.
 * A whole number goes through the customers' normaliser; a part of one typed nationally
 * ("082 555") is read with each region's country code in place of the trunk 0.
 */
export function phonePrefixes(q: string, regions: string[]): string[] {
  const digits = q.replace(/\D/g, '');
  const found = new Set<string>();
  for (const region of regions) {
    const whole = normalizePhone(q, region);
    if (whole.ok) found.add(whole.e164.slice(1));
  }
  if (found.size > 0) return [...found];
  if (q.trim().startsWith('+')) return [digits];
  found.add(digits);
  if (digits.startsWith('0') && digits.length > 1)
    for (const region of regions) {
      const code = region.toUpperCase();
      if (isSupportedCountry(code))
        found.add(`${getCountryCallingCode(code as CountryCode)}${digits.slice(1)}`);
    }
  return [...found];
}

/** The to_tsquery text for customers: prefixes of a number, or every word as typed. */
export function customerQuery(q: string, regions: string[]): string {
  if (!looksLikePhone(q)) return allWordsQuery(q);
  return phonePrefixes(q, regions)
    .map((digits) => `'${digits}':*`)
    .join(' | ');
}
