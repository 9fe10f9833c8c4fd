import { type ChildProcess, spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileStore, ingestFile, isRefused } from '../files/index.ts';
import { DeliveryError } from './adapters.ts';
import { downloadMedia } from './media-download.ts';
import { openSecrets } from './test-support.ts';

const script = fileURLToPath(new URL('../../../../../scripts/fake-provider.mjs', import.meta.url));
let child: ChildProcess;
let base: string;

beforeAll(async () => {
  child = spawn(process.execPath, [script, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  base = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`fake provider exited with ${code}`)));
  });
});
afterAll(() => child.kill());

const whatsapp = () => ({
  id: 'wa',
  kind: 'whatsapp' as const,
  enabled: true,
  secrets: openSecrets({ appSecret: 'a', accessToken: 'any' }),
  settings: { phoneNumberId: '123', apiBaseUrl: `${base}/v21.0` },
});
const source = (mediaId: string) => ({
  provider: 'whatsapp' as const,
  mediaId,
  declaredType: null,
  sha256: null,
});
const nowhere: FileStore = {
  put: async () => undefined,
  get: async () => ({ body: Readable.from([]), size: 0 }),
  delete: async () => undefined,
};

/** Fetches through the same code the outbox uses, then sniffs and checks it as ingest does. */
async function fetchAndIngest(mediaId: string) {
  const media = await downloadMedia(whatsapp(), source(mediaId), 1e7);
  const stored = await ingestFile(nowhere, media.bytes, {
    name: null,
    declaredType: media.declaredType,
    maxBytes: 1e7,
    expectedSha256: media.sha256,
  });
  if (isRefused(stored)) throw new Error(stored.refused);
  return stored;
}

describe('the fake provider’s WhatsApp media', () => {
  it('serves built-in files that pass the checksum and sniff as what they are', async () => {
    expect(await fetchAndIngest('img-parcel')).toMatchObject({
      contentType: 'image/png',
      width: 64,
      height: 48,
    });
    expect((await fetchAndIngest('pdf-invoice')).contentType).toBe('application/pdf');
    expect((await fetchAndIngest('ogg-voice')).contentType).toBe('audio/ogg');
    // Deterministic: the same id, the same bytes.
    expect((await fetchAndIngest('img-parcel')).sha256).toBe(
      (await fetchAndIngest('img-parcel')).sha256,
    );
  });

  it('answers 404 for missing-* ids', async () => {
    const err = await downloadMedia(whatsapp(), source('missing-1'), 1e7).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).retryable).toBe(false);
  });

  it('serves a file registered with POST /media', async () => {
    const bytes = Buffer.from('%PDF-1.4\n%%EOF\n');
    const res = await fetch(`${base}/media`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'custom-1',
        contentType: 'application/pdf',
        base64: bytes.toString('base64'),
      }),
    });
    expect(res.status).toBe(201);
    const media = await downloadMedia(whatsapp(), source('custom-1'), 1e7);
    expect(Buffer.from(media.bytes).equals(bytes)).toBe(true);
    expect(media.declaredType).toBe('application/pdf');
  });

  it('wants a bearer token', async () => {
    expect((await fetch(`${base}/v21.0/img-1`)).status).toBe(401);
    expect((await fetch(`${base}/media/img-1`)).status).toBe(401);
  });
});
