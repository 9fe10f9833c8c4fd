import { createHash } from 'node:crypto';

/** Session and API tokens are stored as their SHA-256: a leaked table signs nobody in. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
