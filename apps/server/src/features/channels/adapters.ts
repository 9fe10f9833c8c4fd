import type { channels } from '../../db/schema.ts';
import { parseChannelSettings, type SmsSettings } from './channel-settings.ts';
import type { OpenSecrets } from './channel-secrets.ts';
import {
  MediaUploadError,
  type OutboundFile,
  sendWhatsAppMedia,
  webhookAttachments,
} from './outbound-media.ts';
import { signPayload } from './signature.ts';
import { chunkSms } from './sms-segments.ts';

export type ChannelRow = typeof channels.$inferSelect;
/** A channel as sending needs it: its settings and its opened secrets. */
export type OutboundChannel = Pick<ChannelRow, 'id' | 'kind' | 'enabled' | 'settings'> & {
  secrets: OpenSecrets;
};

/**
 * Replies to a disabled channel's chats fail at once with this reason rather than wait: a channel
 * may stay disabled for good, and the agent should see that the customer did not get the reply.
 */
export const DISABLED_CHANNEL_REASON =
  'The channel is disabled, so the reply was not sent. An admin can enable it again.';
export type OutboundMessage = {
  id: string;
  /** Null for a direct send that belongs to no chat (a verification code). */
  chatId: string | null;
  text: string;
  /** The customer's number, E.164. */
  to: string;
  /** When the agent wrote it; defaults to now. */
  sentAt?: Date;
  /** The reply's files (outbound-media.ts), in order; none for plain text. */
  files?: readonly OutboundFile[];
  /** The typed text that goes with the files, when there was one (`text` is then the same). */
  caption?: string | null;
};
export type SendResult = { providerMessageId?: string };
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
/** What sending needs beyond the channel: where providers call back with delivery statuses. */
export type SendOptions = { publicUrl?: string | undefined };

/** A provider call that did not deliver. `retryable` says whether trying again could help. */
export class DeliveryError extends Error {
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
  ) {
    super(reason);
    this.name = 'DeliveryError';
  }
}

export const SEND_TIMEOUT_MS = 5_000;

/**
 * Hands one reply to the customer's channel. Resolves once the provider has accepted it; throws
 * DeliveryError otherwise. The web chat has nothing to call: its widget reads the socket.
 */
export async function sendOutbound(
  channel: OutboundChannel,
  message: OutboundMessage,
  fetchImpl: FetchLike = fetch,
  options: SendOptions = {},
): Promise<SendResult> {
  if (!channel.enabled) throw new DeliveryError(DISABLED_CHANNEL_REASON, false);
  switch (channel.kind) {
    case 'webchat':
      return {};
    case 'webhook':
      return sendWebhook(channel, message, fetchImpl);
    case 'whatsapp':
      return sendWhatsApp(channel, message, fetchImpl);
    case 'sms':
      return sendSms(channel, message, fetchImpl, options);
  }
}

async function sendWebhook(
  channel: OutboundChannel,
  message: OutboundMessage,
  fetchImpl: FetchLike,
): Promise<SendResult> {
  const parsed = parseChannelSettings('webhook', channel.settings);
  if (!parsed.ok) throw new DeliveryError(parsed.problem, false);
  const url = parsed.settings.outboundUrl;
  if (!url) throw new DeliveryError('The webhook channel has no outbound URL configured.', false);
  const secret = channel.secrets.secret?.current;
  if (!secret) throw new DeliveryError('The webhook channel has no secret to sign with.', false);
  const body = JSON.stringify({
    messageId: message.id,
    to: message.to,
    text: message.text,
    chatId: message.chatId,
    sentAt: (message.sentAt ?? new Date()).toISOString(),
    attachments: webhookAttachments(message.files ?? []),
  });
  const timestamp = Math.floor(Date.now() / 1000);
  await post(fetchImpl, 'The webhook', url, {
    headers: {
      'content-type': 'application/json',
      'x-parley-timestamp': String(timestamp),
      'x-parley-signature': signPayload(secret, body, timestamp),
    },
    body,
  });
  // The receiver de-duplicates by our id, so it doubles as the provider's.
  return { providerMessageId: message.id };
}

async function sendWhatsApp(
  channel: OutboundChannel,
  message: OutboundMessage,
  fetchImpl: FetchLike,
): Promise<SendResult> {
  const parsed = parseChannelSettings('whatsapp', channel.settings);
  if (!parsed.ok) throw new DeliveryError(parsed.problem, false);
  const { apiBaseUrl, phoneNumberId } = parsed.settings;
  const accessToken = channel.secrets.accessToken?.current;
  if (!accessToken)
    throw new DeliveryError('The WhatsApp channel has no access token to send with.', false);
  if (message.files?.length) {
    try {
      const id = await sendWhatsAppMedia(
        (url, init) => post(fetchImpl, 'WhatsApp', url, init),
        { apiBaseUrl, phoneNumberId, accessToken, to: message.to },
        { caption: message.caption ?? null, files: message.files },
      );
      return id ? { providerMessageId: id } : {};
    } catch (err) {
      if (err instanceof MediaUploadError) throw new DeliveryError(err.message, true);
      throw err;
    }
  }
  const res = await post(
    fetchImpl,
    'WhatsApp',
    `${apiBaseUrl}/${encodeURIComponent(phoneNumberId)}/messages`,
    {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: message.to.replace(/^\+/, ''),
        type: 'text',
        text: { body: message.text, preview_url: false },
      }),
    },
  );
  try {
    const answer = (await res.json()) as { messages?: { id?: unknown }[] };
    const id = answer.messages?.[0]?.id;
    return typeof id === 'string' ? { providerMessageId: id } : {};
  } catch {
    // Accepted but unreadable: it was sent, so do not fail (a retry would send it twice).
    return {};
  }
}

/**
 * Twilio and Clickatell join a long text themselves (sending the parts with their headers), up
 * to a limit: a longer one goes as several requests of whole segments. The first one's id is the
 * message's, so its statuses are the ones the agent sees.
 */
export const SMS_SEGMENTS_PER_REQUEST = 10;

async function sendSms(
  channel: OutboundChannel,
  message: OutboundMessage,
  fetchImpl: FetchLike,
  options: SendOptions,
): Promise<SendResult> {
  const parsed = parseChannelSettings('sms', channel.settings);
  if (!parsed.ok) throw new DeliveryError(parsed.problem, false);
  const settings = parsed.settings;
  let first: string | undefined;
  for (const [i, text] of chunkSms(message.text, SMS_SEGMENTS_PER_REQUEST).entries()) {
    const id =
      settings.provider === 'twilio'
        ? await sendTwilio(channel, settings, message.to, text, fetchImpl, options, i === 0)
        : await sendClickatell(channel, settings, message.to, text, fetchImpl);
    first ??= id;
  }
  return first ? { providerMessageId: first } : {};
}

/** The first text's id in a provider's JSON answer, or undefined when it is unreadable. */
async function idIn(res: Response, read: (json: unknown) => unknown): Promise<string | undefined> {
  try {
    const id = read(await res.json());
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    // Accepted but unreadable: it was sent, so do not fail (a retry would send it twice).
    return undefined;
  }
}

async function sendTwilio(
  channel: OutboundChannel,
  settings: Extract<SmsSettings, { provider: 'twilio' }>,
  to: string,
  text: string,
  fetchImpl: FetchLike,
  options: SendOptions,
  withStatus: boolean,
): Promise<string | undefined> {
  const authToken = channel.secrets.authToken?.current;
  if (!authToken) throw new DeliveryError('The SMS channel has no Twilio auth token.', false);
  const form = new URLSearchParams({ To: to, Body: text });
  if (settings.messagingServiceSid) form.set('MessagingServiceSid', settings.messagingServiceSid);
  else if (settings.fromNumber) form.set('From', settings.fromNumber);
  else throw new DeliveryError('The SMS channel has no number or service to send from.', false);
  if (withStatus && options.publicUrl)
    form.set('StatusCallback', `${options.publicUrl}/api/inbound/${channel.id}/twilio/status`);
  const basic = Buffer.from(`${settings.accountSid}:${authToken}`).toString('base64');
  const res = await post(
    fetchImpl,
    'Twilio',
    `${settings.apiBaseUrl}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`,
    {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${basic}`,
      },
      body: form.toString(),
    },
  );
  return idIn(res, (json) => (json as { sid?: unknown } | null)?.sid);
}

async function sendClickatell(
  channel: OutboundChannel,
  settings: Extract<SmsSettings, { provider: 'clickatell' }>,
  to: string,
  text: string,
  fetchImpl: FetchLike,
): Promise<string | undefined> {
  const apiKey = channel.secrets.apiKey?.current;
  if (!apiKey) throw new DeliveryError('The SMS channel has no Clickatell API key.', false);
  const res = await post(fetchImpl, 'Clickatell', `${settings.apiBaseUrl}/v1/message`, {
    headers: { 'content-type': 'application/json', authorization: apiKey },
    body: JSON.stringify({
      messages: [
        {
          channel: 'sms',
          to: to.replace(/^\+/, ''),
          content: text,
          ...(settings.fromNumber ? { from: settings.fromNumber.replace(/^\+/, '') } : {}),
        },
      ],
    }),
  });
  type Answer = {
    messages?: {
      messageId?: unknown;
      apiMessageId?: unknown;
      accepted?: unknown;
      error?: unknown;
    }[];
  };
  // Clickatell answers 202 for the request and says per message whether it was taken.
  const answer = (await res
    .clone()
    .json()
    .catch(() => undefined)) as Answer | undefined;
  const first = answer?.messages?.[0];
  if (first && first.accepted === false) {
    const error = first.error as { description?: unknown } | string | null | undefined;
    const why =
      typeof error === 'string'
        ? error
        : typeof error?.description === 'string'
          ? error.description
          : 'no reason given';
    throw new DeliveryError(`Clickatell refused the message: ${why}.`, false);
  }
  return idIn(res, () => first?.messageId ?? first?.apiMessageId);
}

/** POSTs with a deadline and sorts every way it can go wrong into retry or give up. */
async function post(
  fetchImpl: FetchLike,
  who: string,
  url: string,
  init: { headers: Record<string, string>; body: string | FormData },
): Promise<Response> {
  let res: Response;
  try {
    res = await fetchImpl(url, {
      ...init,
      method: 'POST',
      // A redirect would turn the POST into a GET elsewhere: configure the final URL instead.
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new DeliveryError(
        `${who} did not answer within ${SEND_TIMEOUT_MS / 1000} seconds.`,
        true,
      );
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    throw new DeliveryError(`Could not reach ${who.replace(/^The /, 'the ')} (${why}).`, true);
  }
  if (res.ok) return res;
  const detail = await errorDetail(res);
  const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
  throw new DeliveryError(
    retryable
      ? `${who} answered HTTP ${res.status}${detail}.`
      : `${who} refused the message (HTTP ${res.status})${detail}.`,
    retryable,
  );
}

/** A short, printable hint from an error response: Graph API's error.message, or the text. */
async function errorDetail(res: Response): Promise<string> {
  let text: string;
  try {
    text = await res.text();
  } catch {
    return '';
  }
  let detail = text;
  try {
    const json = JSON.parse(text) as {
      error?: { message?: unknown; description?: unknown } | string | null;
      detail?: unknown;
      message?: unknown;
    } | null;
    const error = json?.error;
    const message =
      typeof error === 'object' && error !== null
        ? (error.message ?? error.description)
        : (error ?? json?.detail ?? json?.message);
    // JSON without a message says nothing a person could use.
    detail = typeof message === 'string' ? message : '';
  } catch {
    // Not JSON: keep the text.
  }
  detail = detail.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  if (detail.length > 200) detail = `${detail.slice(0, 200)}…`;
  return detail ? `: ${detail}` : '';
}
