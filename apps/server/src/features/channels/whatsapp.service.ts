import { cleanProviderName } from '@parley/contract';
import type { z } from 'zod';
import { AppError, badRequest, forbidden, unauthorized } from '../../errors.ts';
import { receiveInbound } from '../chats/index.ts';
import { parseChannelSettings, type WhatsAppSettings } from './channel-settings.ts';
import {
  acceptedSecrets,
  matchesHashedSecret,
  openChannel,
  type OpenSecrets,
} from './channel-secrets.ts';
import type { DeliveryStatus } from './channels.repo.ts';
import { applyDeliveryStatus } from './delivery-status.ts';
import {
  hubSignatureFailureDetail,
  sameSecret,
  UNKNOWN_CHANNEL_SECRET,
  verifyHubSignature,
} from './signature.ts';
import {
  type ChannelDeps,
  checkAgainstAny,
  disabledChannel,
  fieldErrorsOf,
  type SignedBody,
} from './webhook.service.ts';
import {
  type WaError,
  WaMessagesValue,
  WhatsAppNotification,
  type WhatsAppHandshakeQuery,
} from './whatsapp.schema.ts';
import { readWhatsAppMessage } from './whatsapp-messages.ts';

/** What one notification amounted to; the route logs it (skipped messages are not errors). */
export type WhatsAppOutcome = {
  received: number;
  duplicates: number;
  statuses: number;
  skipped: { id: string; why: string }[];
};

/**
 * The channel's id and settings, or undefined for an id that is unknown, of another kind or not
 * set up. Callers then check against UNKNOWN_CHANNEL_SECRET and answer as for a wrong secret, so
 * which ids exist cannot be learned from the answers.
 */
async function findWhatsAppChannel(
  deps: ChannelDeps,
  channelId: string,
): Promise<{ id: string; settings: WhatsAppSettings; secrets: OpenSecrets } | undefined> {
  const channel = await openChannel(deps.db, channelId);
  if (!channel || channel.kind !== 'whatsapp') return undefined;
  if (!channel.enabled) throw disabledChannel();
  const parsed = parseChannelSettings('whatsapp', channel.settings);
  return parsed.ok
    ? { id: channel.id, settings: parsed.settings, secrets: channel.secrets }
    : undefined;
}

/** Meta's subscription check: echo the challenge when it knows our verify token. */
export async function answerWhatsAppHandshake(
  deps: ChannelDeps,
  channelId: string,
  query: z.infer<typeof WhatsAppHandshakeQuery>,
): Promise<string> {
  const channel = await findWhatsAppChannel(deps, channelId);
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  // Compared even for an unknown channel, so both answers take the same work.
  const matches = channel
    ? matchesHashedSecret(channel.secrets, 'verifyToken', token ?? '')
    : sameSecret(token ?? '', UNKNOWN_CHANNEL_SECRET);
  if (
    !channel ||
    !matches ||
    token === undefined ||
    challenge === undefined ||
    query['hub.mode'] !== 'subscribe'
  )
    throw forbidden('The verify token does not match this channel.');
  return challenge;
}

const deliveryStatuses = new Set<string>(['sent', 'delivered', 'read', 'failed']);

/** "WhatsApp could not deliver it: Re-engagement message (code 131047)." from the error list. */
export function whatsappFailureReason(errors: WaError[] | undefined): string {
  const first = errors?.[0];
  if (!first) return 'WhatsApp could not deliver the message.';
  const what = first.error_data?.details ?? first.message ?? first.title ?? 'unknown error';
  const title = first.title && first.title !== what ? `${first.title}: ` : '';
  const code = first.code === undefined ? '' : ` (code ${first.code})`;
  return `WhatsApp could not deliver it: ${title}${what.replace(/\.$/, '')}${code}.`;
}

/**
 * A signed Cloud API notification: every customer message is stored as what it is (once per
 * WhatsApp id) before the 200, reactions, edits and deletions land on the message they name,
 * delivery statuses move our replies forward, and only what is addressed to another phone number
 * or comes from an unreadable sender is acknowledged and skipped, because Meta retries every
 * notification that does not get a 2xx.
 */
export async function acceptWhatsApp(
  deps: ChannelDeps,
  channelId: string,
  body: SignedBody,
  signature: string | string[] | undefined,
): Promise<WhatsAppOutcome> {
  const channel = await findWhatsAppChannel(deps, channelId);
  const appSecrets = channel ? acceptedSecrets(channel.secrets, 'appSecret') : [];
  const check = checkAgainstAny(
    appSecrets.length > 0 ? appSecrets : [UNKNOWN_CHANNEL_SECRET],
    (secret) => verifyHubSignature(secret, body.raw, signature),
  );
  if (!check.ok) throw unauthorized(hubSignatureFailureDetail[check.reason]);
  if (!channel || appSecrets.length === 0) throw unauthorized(hubSignatureFailureDetail.wrong);

  const parsed = WhatsAppNotification.safeParse(body.json);
  if (!parsed.success)
    throw badRequest('The notification is not valid.', fieldErrorsOf(parsed.error));
  const outcome: WhatsAppOutcome = { received: 0, duplicates: 0, statuses: 0, skipped: [] };
  if (parsed.data.object !== 'whatsapp_business_account') return outcome;

  for (const [e, entry] of parsed.data.entry.entries()) {
    for (const [c, change] of entry.changes.entries()) {
      if (change.field !== 'messages') continue;
      const value = WaMessagesValue.safeParse(change.value);
      if (!value.success)
        throw badRequest(
          'The notification is not valid.',
          fieldErrorsOf(value.error, `body.entry.${e}.changes.${c}.value`),
        );
      const forNumber = value.data.metadata?.phone_number_id;
      if (forNumber && forNumber !== channel.settings.phoneNumberId) {
        outcome.skipped.push({ id: forNumber, why: 'for another phone number' });
        continue;
      }
      await applyChange(deps, channel.id, value.data, outcome);
    }
  }
  return outcome;
}

async function applyChange(
  deps: ChannelDeps,
  channelId: string,
  value: WaMessagesValue,
  outcome: WhatsAppOutcome,
) {
  for (const message of value.messages ?? []) {
    // Every message is stored as what it is; one we cannot read becomes an unsupported line.
    const reading = readWhatsAppMessage(message);
    const name = value.contacts?.find((contact) => contact.wa_id === message.from)?.profile?.name;
    const seconds = Number(message.timestamp);
    try {
      const reply = await receiveInbound(deps, {
        channelId,
        providerMessageId: message.id,
        from: message.from,
        text: reading.text,
        name: cleanProviderName(name),
        sentAt: Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined,
        content: reading.content,
        context: reading.context,
        replyTo: reading.replyTo,
        media: reading.media,
        action: reading.action,
      });
      if (reply.duplicate) outcome.duplicates++;
      else outcome.received++;
    } catch (err) {
      // An unreadable sender would be refused on every retry: acknowledge and skip it.
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      outcome.skipped.push({ id: message.id, why: err.message });
    }
  }
  for (const status of value.statuses ?? []) {
    if (!deliveryStatuses.has(status.status)) {
      outcome.skipped.push({ id: status.id, why: `status ${status.status}` });
      continue;
    }
    const changed = await applyDeliveryStatus(deps, {
      channelId,
      providerMessageId: status.id,
      status: status.status as DeliveryStatus,
      reason: status.status === 'failed' ? whatsappFailureReason(status.errors) : undefined,
    });
    if (changed) outcome.statuses++;
  }
}
