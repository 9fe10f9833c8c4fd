import { cleanProviderName, InboundBody, type InboundReply } from '@parley/contract';
import type { z } from 'zod';
import { badRequest, type FieldError, unauthorized } from '../../errors.ts';
import { type ChatDeps, receiveInbound } from '../chats/index.ts';
import { findChannel } from './channels.repo.ts';
import {
  signatureFailureDetail,
  UNKNOWN_CHANNEL_SECRET,
  verifyWebhookSignature,
} from './signature.ts';

/** What inbound handling needs: the same as the chats service, which stores the message. */
export type ChannelDeps = ChatDeps;

/** A request as received: its exact bytes (what the signature covers) and their parsed JSON. */
export type SignedBody = { raw: Buffer; json: unknown };

export const fieldErrorsOf = (error: z.ZodError, root = 'body'): FieldError[] =>
  error.issues.map((issue) => ({
    field: [root, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));

/**
 * A message from the generic signed webhook. The signature is checked on the raw bytes before
 * anything in the body is believed; then the message is stored exactly once per messageId. A
 * channel id we cannot verify for is answered as a wrong signature is, after the same work.
 */
export async function acceptWebhook(
  deps: ChannelDeps,
  channelId: string,
  body: SignedBody,
  headers: { timestamp: string | string[] | undefined; signature: string | string[] | undefined },
): Promise<InboundReply> {
  const found = await findChannel(deps.db, channelId);
  const channel = found?.kind === 'webhook' && found.secret ? found : undefined;
  const check = verifyWebhookSignature(
    channel?.secret ?? UNKNOWN_CHANNEL_SECRET,
    body.raw,
    headers,
  );
  if (!check.ok) throw unauthorized(signatureFailureDetail[check.reason]);
  if (!channel?.secret) throw unauthorized(signatureFailureDetail.wrong);

  const parsed = InboundBody.safeParse(body.json);
  if (!parsed.success)
    throw badRequest('The request body is not valid.', fieldErrorsOf(parsed.error));
  const message = parsed.data;
  return receiveInbound(deps, {
    channelId: channel.id,
    providerMessageId: message.messageId,
    from: message.from,
    text: message.text,
    name: cleanProviderName(message.name),
    sentAt: message.sentAt ? new Date(message.sentAt) : undefined,
  });
}
