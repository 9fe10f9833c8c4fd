import { createHmac } from 'node:crypto';
import { badRequest } from '../../errors.ts';
import type { InboundInput } from '../chats/index.ts';
import type { DeliveryStatus } from './channels.repo.ts';
import { applyDeliveryStatus } from './delivery-status.ts';
import { sameSecret } from './signature.ts';
import {
  findSmsChannel,
  receiveSms,
  requireSecret,
  type SmsOutcome,
} from './sms-inbound.service.ts';
import type { ChannelDeps } from './webhook.service.ts';

type InboundMedia = NonNullable<InboundInput['media']>[number];

/** A form-encoded request from Twilio: the URLs it may have called, its fields and signature. */
export type TwilioRequest = {
  /** The URL as configured (PARLEY_PUBLIC_URL) and as this request arrived: Twilio signed one. */
  urls: string[];
  /** The POST fields in the order sent; a name may repeat. */
  params: [string, string][];
  signature: string | string[] | undefined;
};

/** Twilio never sends more than ten files with one MMS. */
const MAX_MEDIA = 10;

export const TWILIO_SIGNATURE_REFUSED =
  'The X-Twilio-Signature is missing or does not match this channel’s auth token.';

/**
 * Twilio's request signature: base64 HMAC-SHA1, keyed with the auth token, over the full URL it
 * called followed by each POST field's name and value, sorted by name (and value, for repeats).
 */
export function twilioSignature(authToken: string, url: string, params: [string, string][]) {
  const sorted = [...params].sort(([a, av], [b, bv]) =>
    a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1,
  );
  const hmac = createHmac('sha1', authToken).update(url);
  for (const [name, value] of sorted) hmac.update(name).update(value);
  return hmac.digest('base64');
}

/** Whether the header is Twilio's signature for any of the URLs; every URL is compared. */
export function verifyTwilioSignature(authToken: string, request: TwilioRequest): boolean {
  const given = request.signature;
  if (typeof given !== 'string' || given === '') return false;
  return request.urls
    .map((url) => sameSecret(twilioSignature(authToken, url, request.params), given))
    .some(Boolean);
}

async function signedChannel(deps: ChannelDeps, channelId: string, request: TwilioRequest) {
  const channel = await findSmsChannel(deps, channelId, 'twilio');
  return requireSecret(
    channel,
    'authToken',
    (token) => verifyTwilioSignature(token, request),
    TWILIO_SIGNATURE_REFUSED,
  );
}

const fieldOf = (params: [string, string][], name: string) =>
  params.find(([key]) => key === name)?.[1];

const isWebUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

/** The files of an MMS: MediaUrl0… with MediaContentType0…, fetched later with the channel's credentials. */
export function twilioMediaOf(params: [string, string][]): InboundMedia[] {
  const count = Math.min(Number(fieldOf(params, 'NumMedia') ?? '0') || 0, MAX_MEDIA);
  const media: InboundMedia[] = [];
  for (let i = 0; i < count; i++) {
    const url = fieldOf(params, `MediaUrl${i}`);
    if (!url || !isWebUrl(url)) continue;
    const declaredType = fieldOf(params, `MediaContentType${i}`)?.trim() || null;
    media.push({
      source: { provider: 'url', url, declaredType, auth: 'twilio' },
      name: null,
      declaredType,
    });
  }
  return media;
}

/**
 * A customer's SMS or MMS from Twilio, checked by signature before any field is believed. Twilio
 * joins a long SMS itself, so each request is a whole message.
 */
export async function acceptTwilioMessage(
  deps: ChannelDeps,
  channelId: string,
  request: TwilioRequest,
): Promise<SmsOutcome> {
  const channel = await signedChannel(deps, channelId, request);
  const { params } = request;
  const sid = fieldOf(params, 'MessageSid') ?? fieldOf(params, 'SmsMessageSid');
  const from = fieldOf(params, 'From');
  const missing = [
    ...(sid ? [] : [{ field: 'body.MessageSid', message: 'Required' }]),
    ...(from ? [] : [{ field: 'body.From', message: 'Required' }]),
  ];
  if (missing.length > 0) throw badRequest('The Twilio request is not valid.', missing);
  const media = twilioMediaOf(params);
  const body = fieldOf(params, 'Body') ?? '';
  if (body.trim() === '' && media.length === 0)
    throw badRequest('The Twilio request is not valid.', [
      { field: 'body.Body', message: 'An empty message without media' },
    ]);
  return receiveSms(deps, {
    channelId: channel.id,
    providerMessageId: sid!,
    from: from!,
    text: body,
    media,
  });
}

const twilioStatuses: Partial<Record<string, DeliveryStatus>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
};

/** "Twilio could not deliver it (error 30003)." */
export const twilioFailureReason = (errorCode: string | undefined) =>
  errorCode && /^\d+$/.test(errorCode)
    ? `Twilio could not deliver it (error ${errorCode}).`
    : 'Twilio could not deliver the message.';

/**
 * A status callback for one of our replies. Statuses before "sent" (queued, accepted, sending)
 * change nothing; true when the reply moved on.
 */
export async function acceptTwilioStatus(
  deps: ChannelDeps,
  channelId: string,
  request: TwilioRequest,
): Promise<boolean> {
  const channel = await signedChannel(deps, channelId, request);
  const sid = fieldOf(request.params, 'MessageSid') ?? fieldOf(request.params, 'SmsSid');
  const reported = fieldOf(request.params, 'MessageStatus') ?? fieldOf(request.params, 'SmsStatus');
  if (!sid || !reported)
    throw badRequest('The Twilio status callback is not valid.', [
      { field: sid ? 'body.MessageStatus' : 'body.MessageSid', message: 'Required' },
    ]);
  const status = twilioStatuses[reported];
  if (!status) return false;
  return applyDeliveryStatus(deps, {
    channelId: channel.id,
    providerMessageId: sid,
    status,
    reason:
      status === 'failed' ? twilioFailureReason(fieldOf(request.params, 'ErrorCode')) : undefined,
  });
}
