import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { diskFileStore, type FileStore } from './file-store.ts';
import { parseS3Url, S3Error, s3FileStore } from './s3-store.ts';

/*
 * One contract, both stores: the folder and an S3-compatible bucket (s3rver, started here on a
 * free port) must behave the same for everything Parley asks of them.
 */

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'parley-store-test-'));
let s3server: S3rver;
let s3Url: string;

beforeAll(async () => {
  s3server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(scratch, 's3'),
    configureBuckets: [{ name: 'parley-files' }],
  });
  const { port } = await s3server.run();
  // s3rver's built-in credentials.
  s3Url = `http://S3RVER:S3RVER@127.0.0.1:${port}/parley-files?region=eu-west-1`;
});

afterAll(async () => {
  await s3server.close();
  await fs.rm(scratch, { recursive: true, force: true });
});

function s3Store(): FileStore {
  const location = parseS3Url(s3Url);
  if ('problem' in location) throw new Error(location.problem);
  return s3FileStore(location);
}

const stores: [string, () => FileStore][] = [
  ['the folder store', () => diskFileStore(path.join(scratch, 'disk'))],
  ['the S3 store', s3Store],
];

describe.each(stores)('%s', (_name, makeStore) => {
  const key = () => `files/${randomUUID()}`;

  it('gives back exactly the bytes it was given, with their size', async () => {
    const store = makeStore();
    const k = key();
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
    await store.put(k, bytes, 'application/octet-stream');
    const got = await store.get(k);
    expect(got?.size).toBe(bytes.byteLength);
    expect(Buffer.compare(await readAll(got!.body), Buffer.from(bytes))).toBe(0);
  });

  it('keeps an empty file', async () => {
    const store = makeStore();
    const k = key();
    await store.put(k, new Uint8Array(0), 'text/plain');
    const got = await store.get(k);
    expect(got?.size).toBe(0);
    expect((await readAll(got!.body)).length).toBe(0);
  });

  it('answers undefined for a key that holds nothing', async () => {
    expect(await makeStore().get(key())).toBeUndefined();
  });

  it('forgets a deleted key, and deleting a missing key is no error', async () => {
    const store = makeStore();
    const k = key();
    await store.put(k, new TextEncoder().encode('gone soon'), 'text/plain');
    await store.delete(k);
    expect(await store.get(k)).toBeUndefined();
    await expect(store.delete(k)).resolves.toBeUndefined();
  });

  it('keeps a thumbnail under its own key beside the file', async () => {
    const store = makeStore();
    const k = key();
    await store.put(k, new TextEncoder().encode('original'), 'image/png');
    await store.put(`${k}.thumbnail.webp`, new TextEncoder().encode('small'), 'image/webp');
    expect((await readAll((await store.get(k))!.body)).toString()).toBe('original');
    const thumb = await store.get(`${k}.thumbnail.webp`);
    expect((await readAll(thumb!.body)).toString()).toBe('small');
  });

  it('refuses keys that could climb out of the store or were made from a name', async () => {
    const store = makeStore();
    for (const bad of ['../etc/passwd', 'files/../../x', '/abs', 'files/My Photo.jpg', ''])
      await expect(store.put(bad, new Uint8Array(1), 'text/plain')).rejects.toThrow(/store key/);
    await expect(store.get('files/../x')).rejects.toThrow(/store key/);
  });
});

describe('the S3 store', () => {
  // s3rver checks the access key but not SigV4 signatures, so the key is what is wrong here.
  it('fails with the status, not a secret, when the credentials are wrong', async () => {
    const location = parseS3Url(s3Url.replace('S3RVER:S3RVER', 'NOBODY:wrong-secret'));
    if ('problem' in location) throw new Error(location.problem);
    const store = s3FileStore(location);
    const err = await store.put(`files/${randomUUID()}`, new Uint8Array(1), 'text/plain').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(S3Error);
    expect(String(err)).toMatch(/HTTP 403/);
    expect(String(err)).not.toContain('wrong-secret');
  });

  it('fails rather than pretend when the bucket does not exist', async () => {
    const location = parseS3Url(s3Url.replace('/parley-files', '/no-such-bucket'));
    if ('problem' in location) throw new Error(location.problem);
    await expect(
      s3FileStore(location).put(`files/${randomUUID()}`, new Uint8Array(1), 'text/plain'),
    ).rejects.toThrow(/HTTP 404/);
  });
});

describe('PARLEY_S3_URL', () => {
  it('reads the endpoint, bucket, region and credentials', () => {
    expect(
      loadConfig({
        PARLEY_S3_URL: 'https://AKIA%2Fx:s%40cret@s3.example.com/bucket?region=eu-west-1',
      }).s3,
    ).toEqual({
      endpoint: 'https://s3.example.com',
      bucket: 'bucket',
      region: 'eu-west-1',
      accessKeyId: 'AKIA/x',
      secretAccessKey: 's@cret',
    });
    expect(loadConfig({}).s3).toBeUndefined();
    expect(loadConfig({ PARLEY_S3_URL: 'http://k:s@127.0.0.1:9000/files' }).s3?.region).toBe(
      'us-east-1',
    );
  });

  it.each([
    ['not a url', /PARLEY_S3_URL: is not a URL/],
    ['ftp://k:s@host/bucket', /PARLEY_S3_URL: must start with https:\/\//],
    ['https://k:s@host/', /PARLEY_S3_URL: must name one bucket/],
    ['https://k:s@host/a/b', /PARLEY_S3_URL: must name one bucket/],
    ['https://host/bucket', /PARLEY_S3_URL: must carry the access key and secret/],
  ])('stops start-up naming the variable for %s', (value, message) => {
    expect(() => loadConfig({ PARLEY_S3_URL: value })).toThrow(message);
  });
});
