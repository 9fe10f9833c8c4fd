import type { Readable } from 'node:stream';
import { inlineContentTypes } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { conflict, notFound } from '../../errors.ts';
import { type AttachmentRow, findAttachment } from './attachment-payloads.repo.ts';
import type { FileStore } from './file-store.ts';

export type DownloadVariant = 'original' | 'thumbnail';

/** A file ready to stream, with every header that keeps a browser from running it. */
export type Download = { body: Readable; headers: Record<string, string> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_FILE = 'No such file.';

/** The attachment with this id, or 404 (also for ids that are not ids). */
export async function findAttachmentRow(db: Db, id: string): Promise<AttachmentRow> {
  if (!UUID.test(id)) throw notFound(NO_FILE);
  const row = await findAttachment(db, id);
  if (!row) throw notFound(NO_FILE);
  return row;
}

/**
 * Opens an attachment the caller has been allowed to see. A file still downloading or that
 * failed answers 409 with why; a thumbnail of what has none (a PDF) is not found.
 */
export async function openDownload(
  files: FileStore,
  row: AttachmentRow,
  variant: DownloadVariant,
): Promise<Download> {
  if (row.state === 'downloading') throw conflict('The file is still being fetched.');
  if (row.state === 'failed')
    throw conflict(`The file could not be fetched: ${row.failureReason ?? 'no reason given'}`);
  const key = variant === 'thumbnail' ? row.thumbnailKey : row.storageKey;
  if (!key) throw notFound(variant === 'thumbnail' ? 'This file has no thumbnail.' : NO_FILE);
  const stored = await files.get(key);
  if (!stored) throw notFound('The file is no longer stored.');
  const contentType = variant === 'thumbnail' ? 'image/webp' : row.contentType;
  const name =
    variant === 'thumbnail' ? `${row.name.replace(/\.[^.]*$/, '')}-thumbnail.webp` : row.name;
  return { body: stored.body, headers: downloadHeaders(contentType, name, stored.size) };
}

/**
 * Headers for serving a file someone else made: its sniffed type, never guessed again (nosniff);
 * shown in the page only when it is a raster picture, else saved; and if a browser opens it
 * anyway, sandboxed with nothing allowed to load, so an HTML or SVG file cannot run a script.
 */
export function downloadHeaders(
  contentType: string,
  name: string,
  size: number,
): Record<string, string> {
  const inline = inlineContentTypes.has(contentType) || contentType === 'image/webp';
  return {
    'content-type': contentType,
    'content-length': String(size),
    'x-content-type-options': 'nosniff',
    'content-disposition': `${inline ? 'inline' : 'attachment'}; ${dispositionName(name)}`,
    'cache-control': 'private, max-age=3600',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    'cross-origin-resource-policy': 'same-origin',
  };
}

/** RFC 6266: a plain-ASCII fallback and the exact name, percent-encoded as UTF-8 (RFC 8187). */
export function dispositionName(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
