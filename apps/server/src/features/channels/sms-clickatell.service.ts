import { z } from 'zod';
import { badRequest } from '../../errors.ts';
import type { DeliveryStatus } from './channels.repo.ts';
import { applyDeliveryStatus } from './delivery-status.ts';
import { sameSecret } from './signature.ts';
import {
  findSmsChannel,
  receiveSms,
  requireSecret,
  type SmsOutcome,
} from './sms-inbound.service.ts';
import { parseConcatenation } from './sms-segments.ts';
import { type ChannelDeps, fieldErrorsOf } from './webhook.service.ts';

/*
 * Clickatell Platform's callbacks (its "reply" and "message status" callbacks, JSON). They carry
 * no signature, so the channel's URL holds a generated secret, compared in constant time.
 */

const id = z.union([z.string().min(1).max(200), z.number()]).transform(String);
const time = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional();

export const ClickatellReply = z.looseObject({
  messageId: id,
  fromNumber: id,
  toNumber: id.optional(),
  /** Milliseconds since 1970 (seconds are accepted too). */
  timestamp: time,
  text: z.string().max(10_000),
  charset: z.string().max(40).optional(),
  /** The User Data Header in hex, when the text is one part of a long message. */
  udh: z.string().max(200).nullish(),
  keyword: z.string().max(200).nullish(),
});

export const ClickatellStatus = z.looseObject({
  messageId: id,
  status: z.string().max(100).optional(),
  statusCode: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  statusDescription: z.string().max(500).optional(),
  timestamp: time,
});

export const CLICKATELL_SECRET_REFUSED = 'This callback URL is not one this channel gave out.';

async function securedChannel(deps: ChannelDeps, channelId: string, given: string) {
  const channel = await findSmsChannel(deps, channelId, 'clickatell');
  return requireSecret(
    channel,
    'callbackSecret',
    (secret) => sameSecret(secret, given),
    CLICKATELL_SECRET_REFUSED,
  );
}

/** Clickatell writes numbers in international form without the plus: 27821234567. */
const international = (number: string) => (/^\d+$/.test(number) ? `+${number}` : number);

const dateOf = (timestamp: number | undefined) => {
  if (timestamp === undefined || timestamp <= 0) return undefined;
  return new Date(timestamp < 1e12 ? timestamp * 1000 : timestamp);
};

/** A customer's SMS (or one part of a long one) from Clickatell's reply callback. */
export async function acceptClickatellReply(
  deps: ChannelDeps,
  channelId: string,
  secret: string,
  body: unknown,
): Promise<SmsOutcome> {
  const channel = await securedChannel(deps, channelId, secret);
  const parsed = ClickatellReply.safeParse(body);
  if (!parsed.success)
    throw badRequest('The Clickatell callback is not valid.', fieldErrorsOf(parsed.error));
  const reply = parsed.data;
  return receiveSms(deps, {
    channelId: channel.id,
    providerMessageId: reply.messageId,
    from: international(reply.fromNumber),
    text: reply.text,
    sentAt: dateOf(reply.timestamp),
    concatenation: parseConcatenation(reply.udh),
  });
}

/** Clickatell's message statuses by code, as its status callback reports them. */
const byCode: Partial<Record<number, DeliveryStatus>> = {
  3: 'sent', // delivered to the gateway
  4: 'delivered', // received by the recipient
  5: 'failed', // error with the message
  6: 'failed', // cancelled
  7: 'failed', // error delivering
  9: 'failed', // routing error
  10: 'failed', // expired
  12: 'failed', // out of credit
  14: 'failed', // maximum credit reached
};
const byName: Partial<Record<string, DeliveryStatus>> = {
  DELIVERED_TO_GATEWAY: 'sent',
  RECEIVED_BY_RECIPIENT: 'delivered',
  ERROR_WITH_MESSAGE: 'failed',
  USER_CANCELLED: 'failed',
  ERROR_DELIVERING: 'failed',
  ROUTING_ERROR: 'failed',
  MESSAGE_EXPIRED: 'failed',
  OUT_OF_CREDIT: 'failed',
  MAX_CREDIT_REACHED: 'failed',
};

/** A status callback for one of our replies; true when the reply moved on. */
export async function acceptClickatellStatus(
  deps: ChannelDeps,
  channelId: string,
  secret: string,
  body: unknown,
): Promise<boolean> {
  const channel = await securedChannel(deps, channelId, secret);
  const parsed = ClickatellStatus.safeParse(body);
  if (!parsed.success)
    throw badRequest('The Clickatell callback is not valid.', fieldErrorsOf(parsed.error));
  const report = parsed.data;
  const status =
    (report.status ? byName[report.status.toUpperCase()] : undefined) ??
    (report.statusCode === undefined ? undefined : byCode[report.statusCode]);
  if (!status) return false;
  const why = report.statusDescription ?? report.status ?? `status ${report.statusCode}`;
  return applyDeliveryStatus(deps, {
    channelId: channel.id,
    providerMessageId: report.messageId,
    status,
    reason:
      status === 'failed'
        ? `Clickatell could not deliver it (${why.replace(/\.$/, '').replace(/_/g, ' ').toLowerCase()}).`
        : undefined,
  });
}
