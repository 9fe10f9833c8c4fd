import type { Readable } from 'node:stream';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../errors.ts';
import type { FileStore } from './file-store.ts';
import { checkFileLink } from './signed-links.ts';
import { findAttachmentRow } from './uploads.repo.ts';

/**
 * The file a signed link names: 403 unless the link is ours and unexpired; 404 when the file is
 * not a sent, stored one (an upload nobody sent is never reachable by link).
 */
export async function openLinkedFile(
  deps: { db: Db; files: FileStore },
  id: string,
  link: { expires?: string | undefined; signature?: string | undefined },
): Promise<{ body: Readable; size: number; name: string; contentType: string }> {
  if (!checkFileLink(id, link.expires, link.signature))
    throw forbidden('This link is not valid or has expired.');
  const row = await findAttachmentRow(deps.db, id);
  if (!row || row.messageId === null || row.state !== 'ready' || !row.storageKey)
    throw notFound('No such file.');
  const stored = await deps.files.get(row.storageKey);
  if (!stored) throw notFound('No such file.');
  return { body: stored.body, size: stored.size, name: row.name, contentType: row.contentType };
}

/** Always a download, never shown: the name in ASCII and in full (RFC 6266). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
