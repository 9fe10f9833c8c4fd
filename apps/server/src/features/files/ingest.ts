import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { FileStore } from './file-store.ts';

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
  const storageKey = `files/${randomUUID()}`;
  await store.put(storageKey, bytes, contentType);
  return {
    storageKey,
    contentType,
    size: bytes.byteLength,
    sha256,
    name: safeFileName(rules.name, contentType),
    width: null,
    height: null,
    thumbnailKey: null,
  };
}

export const isRefused = (r: StoredFile | RefusedFile): r is RefusedFile => 'refused' in r;

async function sniff(bytes: Uint8Array, declared: string | null): Promise<string> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) return found.mime;
  const base = declared?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (looksLikeText(bytes)) return TEXT_TYPES.has(base) ? base : 'text/plain';
  return 'application/octet-stream';
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
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'video/mp4': 'mp4',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

/**
 * A name safe to put in Content-Disposition and on disk: no folders, no control characters, no
 * leading dots, at most 120 characters, and a fallback made from the type.
 */
export function safeFileName(name: string | null, contentType: string): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 120);
  if (base) return base;
  return `file.${EXTENSIONS[contentType] ?? 'bin'}`;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
