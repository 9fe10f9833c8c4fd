import { cleanProviderName, InboundBody, type InboundReply } from '@parley/contract';
import type { z } from 'zod';
import { badRequest, type FieldError, notFound, unauthorized } from '../../errors.ts';
import { type ChatDeps, receiveInbound } from '../chats/index.ts';
import { acceptedSecrets, openChannel } from './channel-secrets.ts';
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

/** A disabled channel takes nothing in: to a sender it is as if it did not exist. */
export const disabledChannel = () => notFound('This channel is disabled.');

/**
 * The first check that passes among a secret and, during a rotation's grace, the one it
 * replaced; otherwise the current secret's failure, which is the one worth reporting.
 */
export function checkAgainstAny<T extends { ok: boolean }>(
  secrets: string[],
  check: (secret: string) => T,
): T {
  const results = secrets.map(check);
  return results.find((result) => result.ok) ?? results[0]!;
}

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
  const found = await openChannel(deps.db, channelId);
  if (found?.kind === 'webhook' && !found.enabled) throw disabledChannel();
  const secrets = found?.kind === 'webhook' ? acceptedSecrets(found.secrets, 'secret') : [];
  const check = checkAgainstAny(secrets.length > 0 ? secrets : [UNKNOWN_CHANNEL_SECRET], (secret) =>
    verifyWebhookSignature(secret, body.raw, headers),
  );
  if (!check.ok) throw unauthorized(signatureFailureDetail[check.reason]);
  const channel = found;
  if (!channel || secrets.length === 0) throw unauthorized(signatureFailureDetail.wrong);

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
