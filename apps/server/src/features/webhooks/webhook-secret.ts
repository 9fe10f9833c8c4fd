import { randomBytes } from 'node:crypto';

/** A new signing secret, shown to the admin once. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

const PLAIN = 'plain:';

/**
 * The form a signing secret is stored in. Parley must sign with it, so it cannot be hashed; it
 * is never returned by any route or written to the audit log. The prefix names the form so that
 * switching this function to AES-GCM sealing with PARLEY_SECRET_KEY (as channel secrets are)
 * keeps rows written before the switch readable through `openWebhookSecret`.
 */
export function sealWebhookSecret(secret: string): string {
  return `${PLAIN}${secret}`;
}

/** The secret to sign with, from its stored form. */
export function openWebhookSecret(stored: string): string {
  if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
  throw new Error('A webhook secret is stored in a form this version cannot read.');
}
