import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { inlineContentTypes } from '@parley/contract';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { FileStore } from './file-store.ts';
import { ingestFile, isRefused, safeFileName, type StoredFile } from './ingest.ts';

/** A store in memory that remembers every key it was given. */
function memoryStore() {
  const files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  const store: FileStore = {
    put: async (key, bytes, contentType) => void files.set(key, { bytes, contentType }),
    get: async (key) => {
      const file = files.get(key);
      return file && { body: Readable.from([file.bytes]), size: file.bytes.byteLength };
    },
    delete: async (key) => void files.delete(key),
  };
  return { store, files };
}

const rules = { name: null, declaredType: null, maxBytes: 5 * 1024 * 1024 };

async function stored(bytes: Uint8Array, more: Partial<Parameters<typeof ingestFile>[2]> = {}) {
  const { store, files } = memoryStore();
  const result = await ingestFile(store, bytes, { ...rules, ...more });
  if (isRefused(result)) throw new Error(`refused: ${result.refused}`);
  return { file: result, files };
}

/** A PNG whose header claims these dimensions, with one tiny compressed row: a pixel bomb. */
function pngClaiming(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const photo = () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3a7' } })
    .jpeg()
    .toBuffer();

describe('ingesting a file', () => {
  it('records a picture’s size and stores a WebP thumbnail under its own key', async () => {
    const { file, files } = await stored(await photo(), { name: 'parcel.jpg' });
    expect(file).toMatchObject({ contentType: 'image/jpeg', width: 1200, height: 800 });
    expect(file.thumbnailKey).toBe(`${file.storageKey}.thumbnail.webp`);
    const thumbnail = files.get(file.thumbnailKey!)!;
    expect(thumbnail.contentType).toBe('image/webp');
    const meta = await sharp(thumbnail.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 320, 213]);
  });

  it('refuses a pixel bomb (a tiny file claiming 100 000 × 100 000 pixels) with a reason', async () => {
    const bomb = pngClaiming(100_000, 100_000);
    expect(bomb.byteLength).toBeLessThan(100);
    const { store, files } = memoryStore();
    const result = await ingestFile(store, bomb, { ...rules, name: 'cat.png' });
    expect(result).toEqual({
      refused: expect.stringMatching(
        /too large to open safely \(100000 × 100000 pixels; at most 40 megapixels\)/,
      ),
      status: 422,
    });
    expect(files.size).toBe(0);
  });

  it('keeps a damaged picture as a file, without size or thumbnail', async () => {
    const broken = (await photo()).subarray(0, 200);
    const { file } = await stored(broken, { name: 'cut.jpg' });
    expect(file).toMatchObject({ contentType: 'image/jpeg', thumbnailKey: null });
  });

  it('stores an SVG with a script as an SVG, never as something shown inline', async () => {
    const svg = new TextEncoder().encode(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
    );
    const { file } = await stored(svg, { name: 'logo.png', declaredType: 'image/png' });
    expect(file.contentType).toBe('image/svg+xml');
    expect(file.name).toBe('logo.png.svg');
    expect(file.thumbnailKey).toBeNull();
    expect(inlineContentTypes.has(file.contentType)).toBe(false);
  });

  it('stores an HTML file named .jpg as the HTML it is', async () => {
    const html = new TextEncoder().encode('<!DOCTYPE html><html><script>steal()</script></html>');
    const { file } = await stored(html, { name: 'photo.jpg', declaredType: 'image/jpeg' });
    expect(file).toMatchObject({ contentType: 'text/html', name: 'photo.jpg.html', width: null });
    expect(inlineContentTypes.has(file.contentType)).toBe(false);
  });

  it('stores a "PDF" whose bytes are HTML as HTML', async () => {
    const html = new TextEncoder().encode('  <html><body onload="x()"></body></html>');
    const { file } = await stored(html, { name: 'invoice.pdf', declaredType: 'application/pdf' });
    expect(file).toMatchObject({ contentType: 'text/html', name: 'invoice.pdf.html' });
  });

  it('never makes a key from a name, and strips the folders a name climbs through', async () => {
    const { file, files } = await stored(new TextEncoder().encode('hello'), {
      name: '../../../etc/passwd',
    });
    expect(file.name).toBe('passwd');
    expect(file.storageKey).toMatch(/^files\/[0-9a-f-]{36}$/);
    expect([...files.keys()]).toEqual([file.storageKey]);
    expect(safeFileName('..\\..\\windows\\win.ini', 'text/plain')).toBe('win.ini');
    expect(safeFileName('....', 'application/pdf')).toBe('file.pdf');
    expect(safeFileName(null, 'image/png')).toBe('file.png');
  });

  it('drops characters that disguise a name or break a header', () => {
    // U+202E turns "invoice‮fdp.exe" into "invoiceexe.pdf" on screen.
    expect(safeFileName('invoice\u202efdp.exe', 'application/octet-stream')).toBe('invoicefdp.exe');
    expect(safeFileName('a"b\r\nc<d>.txt', 'text/plain')).toBe('abcd.txt');
    expect(safeFileName('x'.repeat(300), 'text/plain')).toHaveLength(120);
  });

  it('refuses bytes that do not match the provider’s sha256, storing nothing', async () => {
    const bytes = new TextEncoder().encode('the real file');
    const { store, files } = memoryStore();
    const wrong = createHash('sha256').update('another file').digest('hex');
    expect(await ingestFile(store, bytes, { ...rules, expectedSha256: wrong })).toEqual({
      refused: 'The file does not match its checksum.',
      status: 422,
    });
    expect(files.size).toBe(0);
    // The right digest, hex or base64 as WhatsApp sends it, passes.
    const digest = createHash('sha256').update(bytes);
    const base64 = digest.copy().digest('base64');
    const ok = (await ingestFile(store, bytes, { ...rules, expectedSha256: base64 })) as StoredFile;
    expect(ok.sha256).toBe(digest.digest('hex'));
  });

  it('refuses a file over the size limit before looking inside', async () => {
    const { store, files } = memoryStore();
    expect(await ingestFile(store, new Uint8Array(11), { ...rules, maxBytes: 10 })).toMatchObject({
      status: 413,
    });
    expect(files.size).toBe(0);
  });
});
