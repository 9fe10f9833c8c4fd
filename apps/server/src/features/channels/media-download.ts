import type { AttachmentSource } from '../../db/schema.ts';
import { DeliveryError, type FetchLike, type OutboundChannel } from './adapters.ts';
import { parseChannelSettings } from './channel-settings.ts';

/** A whole download (the media record and its bytes) must finish within this. */
export const MEDIA_TIMEOUT_MS = 60_000;

export type DownloadedMedia = {
  bytes: Uint8Array;
  /** The type the provider declared (never trusted: the bytes are sniffed on ingest). */
  declaredType: string | null;
  /** The checksum the bytes must match, when the provider gave one. */
  sha256: string | null;
};

/**
 * Fetches a customer's file from where their channel keeps it, refusing anything over `maxBytes`
 * before (by the declared size) and while (by counting) it downloads. Throws DeliveryError, whose
 * `retryable` says whether a later attempt could succeed.
 */
export async function downloadMedia(
  channel: OutboundChannel,
  source: AttachmentSource,
  maxBytes: number,
  fetchImpl: FetchLike = fetch,
): Promise<DownloadedMedia> {
  const signal = AbortSignal.timeout(MEDIA_TIMEOUT_MS);
  if (source.provider === 'whatsapp')
    return downloadWhatsApp(channel, source, maxBytes, fetchImpl, signal);
  const headers: Record<string, string> = {};
  if (source.auth === 'twilio') {
    // The SMS channel's credentials, read defensively: a channel without them fetches as is.
    const settings = channel.settings as { accountSid?: unknown } | null;
    const sid = typeof settings?.accountSid === 'string' ? settings.accountSid : undefined;
    const secrets = channel.secrets as Record<string, { current?: string } | undefined>;
    const token = secrets.authToken?.current;
    if (sid && token)
      headers.authorization = `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;
  }
  const res = await get(fetchImpl, 'The provider', source.url, headers, signal);
  return {
    bytes: await readCapped(res, maxBytes),
    declaredType: source.declaredType ?? res.headers.get('content-type'),
    sha256: null,
  };
}

type MediaRecord = { url?: unknown; mime_type?: unknown; sha256?: unknown; file_size?: unknown };

async function downloadWhatsApp(
  channel: OutboundChannel,
  source: Extract<AttachmentSource, { provider: 'whatsapp' }>,
  maxBytes: number,
  fetchImpl: FetchLike,
  signal: AbortSignal,
): Promise<DownloadedMedia> {
  const parsed = parseChannelSettings('whatsapp', channel.settings);
  if (!parsed.ok) throw new DeliveryError(parsed.problem, false);
  const accessToken = channel.secrets.accessToken?.current;
  if (!accessToken)
    throw new DeliveryError('The WhatsApp channel has no access token to fetch files with.', false);
  const auth = { authorization: `Bearer ${accessToken}` };
  const recordUrl = `${parsed.settings.apiBaseUrl}/${encodeURIComponent(source.mediaId)}`;
  const recordRes = await get(fetchImpl, 'WhatsApp', recordUrl, auth, signal);
  let record: MediaRecord;
  try {
    record = (await recordRes.json()) as MediaRecord;
  } catch {
    throw new DeliveryError('WhatsApp answered the media request with something unreadable.', true);
  }
  if (typeof record.url !== 'string' || !/^https?:\/\//.test(record.url))
    throw new DeliveryError('WhatsApp gave no address to download the file from.', true);
  const declaredSize = Number(record.file_size);
  if (Number.isFinite(declaredSize) && declaredSize > maxBytes)
    throw tooBig(maxBytes, declaredSize);
  const res = await get(fetchImpl, 'WhatsApp', record.url, auth, signal);
  return {
    bytes: await readCapped(res, maxBytes),
    declaredType:
      source.declaredType ?? (typeof record.mime_type === 'string' ? record.mime_type : null),
    sha256: source.sha256 ?? (typeof record.sha256 === 'string' ? record.sha256 : null),
  };
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

const tooBig = (maxBytes: number, size?: number) =>
  new DeliveryError(
    `The file is larger than the ${megabytes(maxBytes)} limit` +
      `${size === undefined ? '' : ` (${megabytes(size)})`}, so it was not downloaded.`,
    false,
  );

/** A GET that sorts every way it can fail into retry later or give up. */
async function get(
  fetchImpl: FetchLike,
  who: string,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<Response> {
  let res: Response;
  try {
    res = await fetchImpl(url, { method: 'GET', headers, signal });
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new DeliveryError(
        `${who} did not hand over the file within ${MEDIA_TIMEOUT_MS / 1000} seconds.`,
        true,
      );
    const cause = (err as { cause?: { code?: string } }).cause;
    throw new DeliveryError(
      `Could not reach ${who.replace(/^The /, 'the ')} (${cause?.code ?? (err as Error).message}).`,
      true,
    );
  }
  if (res.ok) return res;
  await res.body?.cancel();
  if (res.status === 404 || res.status === 410)
    throw new DeliveryError(`${who} no longer has this file (HTTP ${res.status}).`, false);
  const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
  throw new DeliveryError(
    retryable
      ? `${who} answered HTTP ${res.status} when asked for the file.`
      : `${who} refused to hand over the file (HTTP ${res.status}).`,
    retryable,
  );
}

/** The body, refused as soon as it grows past `maxBytes` (whatever Content-Length said). */
async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array> {
  const length = Number(res.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(length) && length > maxBytes) {
    await res.body?.cancel();
    throw tooBig(maxBytes, length);
  }
  if (!res.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw tooBig(maxBytes);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof DeliveryError) throw err;
    throw new DeliveryError(`The download broke off (${(err as Error).message}).`, true);
  }
  return Buffer.concat(chunks);
}
