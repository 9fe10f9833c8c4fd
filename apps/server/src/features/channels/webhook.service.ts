import { InboundBody, type InboundReply } from '@parley/contract';
import type { z } from 'zod';
import { badRequest, type FieldError, notFound, unauthorized } from '../../errors.ts';
import { type ChatDeps, receiveInbound } from '../chats/index.ts';
import { findChannel } from './channels.repo.ts';
import { signatureFailureDetail, verifyWebhookSignature } from './signature.ts';

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
 * anything in the body is believed; then the message is stored exactly once per messageId.
 */
export async function acceptWebhook(
  deps: ChannelDeps,
  channelId: string,
  body: SignedBody,
  headers: { timestamp: string | string[] | undefined; signature: string | string[] | undefined },
): Promise<InboundReply> {
  const channel = await findChannel(deps.db, channelId);
  if (!channel || channel.kind !== 'webhook') throw notFound('No such webhook channel.');
  if (!channel.secret)
    throw unauthorized('This channel has no secret configured, so no request can be verified.');
  const check = verifyWebhookSignature(channel.secret, body.raw, headers);
  if (!check.ok) throw unauthorized(signatureFailureDetail[check.reason]);

  const parsed = InboundBody.safeParse(body.json);
  if (!parsed.success)
    throw badRequest('The request body is not valid.', fieldErrorsOf(parsed.error));
  const message = parsed.data;
  return receiveInbound(deps, {
    channelId: channel.id,
    providerMessageId: message.messageId,
    from: message.from,
    text: message.text,
    name: message.name,
    sentAt: message.sentAt ? new Date(message.sentAt) : undefined,
  });
}
