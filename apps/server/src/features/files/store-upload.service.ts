import type { UploadedAttachment } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { AppError, unprocessable } from '../../errors.ts';
import type { FileStore } from './file-store.ts';
import { ingestFile, isRefused } from './ingest.ts';
import { readAttachmentLimits } from './limits.ts';
import { insertUpload, type Uploader } from './uploads.repo.ts';

export type UploadDeps = { db: Db; files: FileStore };

/** A file as it came in a multipart body; `truncated` when it was longer than the limit allowed. */
export type IncomingFile = {
  bytes: Uint8Array;
  name: string | null;
  declaredType: string | null;
  truncated: boolean;
};

/**
 * Markup a browser would run if it ever rendered it (HTML, SVG, XML). It decodes as text, so the
 * sniffer calls it text/plain; it is never accepted as an upload, whatever it is named.
 */
function looksLikeMarkup(bytes: Uint8Array) {
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  return /^<(!doctype|html|head|body|script|svg|\?xml|iframe|object|embed|meta|style|title|div|a\s|img|!--)/.test(
    head,
  );
}

const refused = (status: 413 | 415, detail: string) =>
  new AppError(status, status === 413 ? 'Payload too large' : 'Unsupported media type', detail);

/**
 * Checks an uploaded file against the admin's limits, by its bytes (never its name or declared
 * type), and stores it as an upload waiting for its message. A refusal stores nothing: 413 over
 * the size, 415 for a type not allowed, 422 for an empty file.
 */
export async function storeUpload(
  deps: UploadDeps,
  file: IncomingFile,
  target: { chatId: string | null; by: Uploader },
): Promise<UploadedAttachment> {
  const limits = await readAttachmentLimits(deps.db);
  if (file.truncated || file.bytes.byteLength > limits.maxBytes)
    throw refused(413, `The file is larger than ${limits.maxBytes / 1024 / 1024} MB.`);
  if (file.bytes.byteLength === 0)
    throw unprocessable('The file is empty.', [{ field: 'file', message: 'is empty' }]);
  if (limits.categories.length === 0) throw refused(415, 'Attaching files is switched off.');
  if (looksLikeMarkup(file.bytes)) throw refused(415, 'Web pages and markup cannot be attached.');
  const stored = await ingestFile(deps.files, file.bytes, {
    name: file.name,
    declaredType: file.declaredType,
    maxBytes: limits.maxBytes,
    allowedTypes: new Set(limits.contentTypes),
  });
  if (isRefused(stored)) {
    if (stored.status === 422)
      throw unprocessable(stored.refused, [{ field: 'file', message: stored.refused }]);
    throw refused(stored.status, stored.refused);
  }
  const row = await insertUpload(deps.db, { chatId: target.chatId, file: stored, by: target.by });
  return { id: row.id, name: row.name, contentType: row.contentType, size: row.size };
}
