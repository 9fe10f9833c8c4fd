import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WidgetIdentity } from '@parley/contract';
import { AppError } from '../../errors.ts';
import { normalizePhone } from '../customers/index.ts';

/**
 * The furthest ahead an identity may expire. A signature is a bearer credential for that number:
 * one that lasts a year could be copied from a page and replayed all year.
 */
export const IDENTITY_MAX_LIFETIME_S = 24 * 60 * 60;

const refused = (detail: string) => new AppError(401, 'Identity not accepted', detail);

/** What the embedding site signs: `"<E.164 phone>.<expires unix seconds>"`. */
export function signIdentity(secret: string, e164: string, expires: number): string {
  return createHmac('sha256', secret).update(`${e164}.${expires}`).digest('hex');
}

/**
 * A signed identity from the page that embeds the widget: valid and unexpired, it vouches for
 * the number (secrets: those accepted now). Every failure is the same 401 to the caller (which part failed helps only someone
 * guessing), and the signature is compared in constant time.
 */
export function verifyIdentity(
  identity: WidgetIdentity,
  secrets: string[],
  region: string,
  now = Date.now(),
): { e164: string } {
  if (secrets.length === 0) throw refused('This chat does not accept signed identities.');
  const phone = normalizePhone(identity.phone, region);
  const given = Buffer.from(identity.signature, 'hex');
  // The current secret, or during a rotation's grace the one it replaced; each is compared.
  const matches = secrets
    .map((secret) => {
      const expected = Buffer.from(
        signIdentity(secret, phone.ok ? phone.e164 : identity.phone, identity.expires),
        'hex',
      );
      return given.length === expected.length && timingSafeEqual(given, expected);
    })
    .some(Boolean);
  const expiresMs = identity.expires * 1000;
  const tooLong = expiresMs > now + IDENTITY_MAX_LIFETIME_S * 1000;
  if (!matches || !phone.ok || expiresMs <= now || tooLong)
    throw refused('The identity is not valid or has expired. Reload the page to sign in again.');
  return { e164: phone.e164 };
}
