import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import { checkKey, type FileStore } from './file-store.ts';

/** Where a bucket is and how to sign for it, as PARLEY_S3_URL spells it (config.ts). */
export type S3Location = {
  /** The service's origin, e.g. https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
};

/**
 * Reads `https://ACCESS_KEY:SECRET@host[:port]/bucket?region=eu-west-1`. Returns a problem in
 * words when the URL cannot be one, so start-up can name the variable and what is wrong.
 */
export function parseS3Url(value: string): S3Location | { problem: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: 'is not a URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { problem: 'must start with https:// (or http:// for a local server)' };
  const bucket = decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, ''));
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    return { problem: 'must name one bucket as its path, like https://KEY:SECRET@host/bucket' };
  if (!url.username || !url.password)
    return { problem: 'must carry the access key and secret, like https://KEY:SECRET@host/bucket' };
  return {
    endpoint: url.origin,
    bucket,
    region: url.searchParams.get('region') || 'us-east-1',
    accessKeyId: decodeURIComponent(url.username),
    secretAccessKey: decodeURIComponent(url.password),
  };
}

/** An S3 call that failed; the message names the operation and the status, never the secret. */
export class S3Error extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
  ) {
    super(`S3 ${operation} failed with HTTP ${status}`);
    this.name = 'S3Error';
  }
}

const S3_TIMEOUT_MS = 60_000;

/**
 * Files in an S3-compatible bucket (AWS, MinIO, Ceph, R2, …), addressed path-style
 * (`endpoint/bucket/key`) since every compatible server understands that. Requests are signed
 * with SigV4 by aws4fetch: a few kilobytes instead of the AWS SDK (docs/adr/0016).
 */
export function s3FileStore(location: S3Location, fetchImpl: typeof fetch = fetch): FileStore {
  const client = new AwsClient({
    accessKeyId: location.accessKeyId,
    secretAccessKey: location.secretAccessKey,
    region: location.region,
    service: 's3',
  });
  const base = `${location.endpoint}/${encodeURIComponent(location.bucket)}`;
  const urlOf = (key: string) =>
    `${base}/${checkKey(key).split('/').map(encodeURIComponent).join('/')}`;
  const call = async (url: string, init: RequestInit) =>
    fetchImpl(await client.sign(url, init), { signal: AbortSignal.timeout(S3_TIMEOUT_MS) });

  return {
    async put(key, bytes, contentType) {
      const res = await call(urlOf(key), {
        method: 'PUT',
        body: bytes,
        headers: { 'content-type': contentType, 'content-length': String(bytes.byteLength) },
      });
      await res.body?.cancel();
      if (!res.ok) throw new S3Error('put', res.status);
    },
    async get(key) {
      const res = await call(urlOf(key), { method: 'GET' });
      if (res.status === 404) {
        await res.body?.cancel();
        return undefined;
      }
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        throw new S3Error('get', res.status);
      }
      const size = Number(res.headers.get('content-length') ?? Number.NaN);
      if (!Number.isSafeInteger(size)) {
        await res.body.cancel();
        throw new S3Error('get (no length)', res.status);
      }
      return { body: Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), size };
    },
    async delete(key) {
      const res = await call(urlOf(key), { method: 'DELETE' });
      await res.body?.cancel();
      // S3 answers 204 for a missing key too; some compatible servers answer 404.
      if (!res.ok && res.status !== 404) throw new S3Error('delete', res.status);
    },
  };
}
