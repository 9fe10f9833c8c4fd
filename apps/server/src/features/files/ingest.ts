import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { FileStore } from './file-store.ts';
import { checkImage, MAX_IMAGE_PIXELS, RASTER_TYPES } from './image-check.ts';

/** What a stored file turned out to be: its sniffed type, never the one it was declared as. */
export type StoredFile = {
  storageKey: string;
  contentType: string;
  size: number;
  sha256: string;
  name: string;
  width: number | null;
  height: number | null;
  thumbnailKey: string | null;
};

/** Why a file was not stored, with the status an upload answers (413 too big, 415 type, 422). */
export type RefusedFile = { refused: string; status: 413 | 415 | 422 };

export type IngestRules = {
  /** The name it came with; sanitised for downloads. */
  name: string | null;
  declaredType: string | null;
  maxBytes: number;
  /** Sniffed types allowed; undefined allows any (a customer's media is kept whatever it is). */
  allowedTypes?: ReadonlySet<string>;
  /** The provider's sha256 (hex or base64) the bytes must match, when it gave one. */
  expectedSha256?: string | null;
  /** The most pixels a picture may have (MAX_IMAGE_PIXELS unless a test says otherwise). */
  maxImagePixels?: number;
};

/** Types file-type cannot see (text has no magic number): trusted only when the bytes are text. */
const TEXT_TYPES = new Set(['text/plain', 'text/csv']);

/**
 * Checks bytes and stores them: size, checksum and type from the bytes themselves. A file whose
 * bytes say nothing is text when it decodes as UTF-8 text, else application/octet-stream.
 */
export async function ingestFile(
  store: FileStore,
  bytes: Uint8Array,
  rules: IngestRules,
): Promise<StoredFile | RefusedFile> {
  if (bytes.byteLength > rules.maxBytes)
    return { refused: `The file is larger than ${megabytes(rules.maxBytes)}.`, status: 413 };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (rules.expectedSha256 && !sameDigest(sha256, rules.expectedSha256))
    return { refused: 'The file does not match its checksum.', status: 422 };
  const contentType = await sniff(bytes, rules.declaredType);
  if (rules.allowedTypes && !rules.allowedTypes.has(contentType))
    return { refused: `Files of type ${contentType} are not allowed here.`, status: 415 };
  const image = RASTER_TYPES.has(contentType)
    ? await checkImage(bytes, rules.maxImagePixels ?? MAX_IMAGE_PIXELS)
    : { width: null, height: null, thumbnail: null };
  if ('refused' in image) return { refused: image.refused, status: 422 };
  // Keys are ours alone: a name never becomes a path.
  const storageKey = `files/${randomUUID()}`;
  await store.put(storageKey, bytes, contentType);
  let thumbnailKey: string | null = null;
  if (image.thumbnail) {
    thumbnailKey = `${storageKey}.thumbnail.webp`;
    await store.put(thumbnailKey, image.thumbnail, 'image/webp');
  }
  return {
    storageKey,
    contentType,
    size: bytes.byteLength,
    sha256,
    name: safeFileName(rules.name, contentType),
    width: image.width,
    height: image.height,
    thumbnailKey,
  };
}

export const isRefused = (r: StoredFile | RefusedFile): r is RefusedFile => 'refused' in r;

async function sniff(bytes: Uint8Array, declared: string | null): Promise<string> {
  const found = await fileTypeFromBuffer(bytes);
  // file-type calls any `<?xml` document XML: an SVG inside is still an SVG.
  // Parameters dropped ("audio/ogg; codecs=opus"): allowed types and inline types are bare.
  const mime = found?.mime.split(';')[0]!.trim();
  if (mime) return mime.endsWith('/xml') ? (activeMarkup(bytes) ?? mime) : mime;
  const base = declared?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!looksLikeText(bytes)) return 'application/octet-stream';
  // Markup a browser would run is named as what it is, whatever it was declared as.
  const active = activeMarkup(bytes);
  if (active) return active;
  return TEXT_TYPES.has(base) ? base : 'text/plain';
}

/** HTML or SVG by how the text begins (file-type reads binary signatures, not markup). */
function activeMarkup(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 4096))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg[^>]*>\s*)?<svg[\s>]/.test(head))
    return 'image/svg+xml';
  if (
    /^(<!--[\s\S]*?-->\s*)*<(!doctype html|html|head|body|script|iframe|meta|title|style)[\s>]/.test(
      head,
    )
  )
    return 'text/html';
  return undefined;
}

function looksLikeText(bytes: Uint8Array) {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 64 * 1024));
    return true;
  } catch {
    return false;
  }
}

function sameDigest(hex: string, expected: string) {
  const e = expected.trim();
  if (/^[0-9a-f]{64}$/i.test(e)) return e.toLowerCase() === hex;
  // WhatsApp has sent base64 digests too.
  return Buffer.from(hex, 'hex').toString('base64') === e;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/tiff': 'tif',
  'image/svg+xml': 'svg',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'video/mp4': 'mp4',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'text/plain': 'txt',
  'text/html': 'html',
};

/** Extensions that promise a type; a name promising one type for another's bytes is corrected. */
const PROMISES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  svg: 'image/svg+xml',
  html: 'text/html',
  htm: 'text/html',
};

/**
 * A name safe to put in Content-Disposition and on disk: no folders, no control or bidirectional
 * characters (which can disguise `exe.pdf` as `fdp.exe`), no leading dots, at most 120 characters,
 * a fallback made from the type, and an extension that does not promise another type than the
 * bytes are (`invoice.pdf` holding HTML becomes `invoice.pdf.html`).
 */
export function safeFileName(name: string | null, contentType: string): string {
  let base = (name ?? '')
    .normalize('NFC')
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069"<>|:*?]/g, '')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .trim()
    .slice(0, 120);
  if (!base) return `file.${EXTENSIONS[contentType] ?? 'bin'}`;
  const extension = /\.([a-z0-9]{1,5})$/i.exec(base)?.[1]?.toLowerCase();
  const promised = extension ? PROMISES[extension] : undefined;
  if (promised && promised !== contentType) base = `${base}.${EXTENSIONS[contentType] ?? 'bin'}`;
  return base;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
