import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from '../../secret-box.ts';

/** A new signing secret, shown to the admin once. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** Rows written before signing secrets were sealed keep them under this prefix. */
const PLAIN = 'plain:';
const context = { owner: 'webhook', name: 'signing' };

/**
 * The form a signing secret is stored in. Parley must sign with it, so it cannot be hashed: it is
 * sealed with PARLEY_SECRET_KEY as channel secrets are, and never returned by any route or
 * written to the audit log.
 */
export function sealWebhookSecret(secret: string): string {
  return sealSecret(secret, context);
}

/** The secret to sign with, from its stored form. */
export function openWebhookSecret(stored: string): string {
  if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
  return openSecret(stored, context);
}
