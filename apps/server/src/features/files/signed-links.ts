import { createHmac, timingSafeEqual } from 'node:crypto';
import { derivedKeys } from '../../secret-box.ts';

/**
 * Links to a file that work without signing in, for channels whose receiver fetches the file
 * itself (the webhook channel, MMS): `GET {publicUrl}/api/files/{id}?expires=&signature=`. The
 * signature is an HMAC of the id and the expiry under a key derived from PARLEY_SECRET_KEY, so a
 * link names one file for a day and cannot be stretched to another file or a later time.
 */
export const FILE_LINK_TTL_MS = 24 * 60 * 60 * 1000;
const PURPOSE = 'file-links';

const signatureOf = (key: Buffer, attachmentId: string, expires: number) =>
  createHmac('sha256', key).update(`${attachmentId}\n${expires}`).digest('hex');

/** An absolute link to the file, valid for 24 hours from `now`. */
export function signFileLink(publicUrl: string, attachmentId: string, now = Date.now()): string {
  const expires = Math.floor((now + FILE_LINK_TTL_MS) / 1000);
  const signature = signatureOf(derivedKeys(PURPOSE)[0]!, attachmentId, expires);
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}/api/files/${encodeURIComponent(attachmentId)}?expires=${expires}&signature=${signature}`;
}

/** Whether a link's expiry and signature are ours for this file and not yet past. */
export function checkFileLink(
  attachmentId: string,
  expires: string | undefined,
  signature: string | undefined,
  now = Date.now(),
): boolean {
  if (!expires || !/^\d{1,12}$/.test(expires) || !signature || !/^[0-9a-f]{64}$/.test(signature))
    return false;
  const at = Number(expires);
  if (at * 1000 <= now || at * 1000 > now + FILE_LINK_TTL_MS + 60_000) return false;
  const given = Buffer.from(signature, 'hex');
  return derivedKeys(PURPOSE).some((key) =>
    timingSafeEqual(Buffer.from(signatureOf(key, attachmentId, at), 'hex'), given),
  );
}
