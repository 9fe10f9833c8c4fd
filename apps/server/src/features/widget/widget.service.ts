import { randomBytes } from 'node:crypto';
import type {
  WidgetMessageList,
  WidgetSendBody,
  WidgetSendReply,
  WidgetSession,
  WidgetSessionBody,
} from '@parley/contract';
import { notFound, unauthorized, unprocessable } from '../../errors.ts';
import type { Bus } from '../../realtime/bus.ts';
import { hashToken } from '../auth/auth.service.ts';
import { type ChatDeps, endChatAsCustomer, receiveInbound, toMessages } from '../chats/index.ts';
import { formatPhone, normalizePhone } from '../customers/phone.ts';
import { clientIdOf, toWidgetMessage } from './widget-message.ts';
import * as repo from './widget.repo.ts';

export type WidgetDeps = ChatDeps & {
  /** Tells every node's hub when a session ends, so its sockets close. */
  bus?: Pick<Bus, 'publish'> | undefined;
};
export type WidgetSessionRow = repo.WidgetSessionRow;

/** A widget session nobody used for this long is gone; the customer starts again with their number. */
export const WIDGET_IDLE_MS = 30 * 24 * 60 * 60 * 1000;
/** The most a widget loads at once; a conversation longer than this shows its newest part. */
const MESSAGE_LIMIT = 500;

const NO_SESSION = 'Start a chat first: enter your number and name.';

/** The channel, if it exists and is a web chat; anything else is "no such chat" to a customer. */
async function requireWebchat(deps: WidgetDeps, channelId: string) {
  const channel = await repo.findChannel(deps.db, channelId);
  if (!channel || channel.kind !== 'webchat') throw notFound('No such chat.');
  return channel;
}

/**
 * Starts a widget session for whoever holds this number: the customer is found or created, and
 * the new session sees only what is said from now on. This browser's previous session ends.
 */
export async function startSession(
  deps: WidgetDeps,
  channelId: string,
  input: WidgetSessionBody,
  previousToken: string | undefined,
): Promise<{ token: string; session: WidgetSession }> {
  const channel = await requireWebchat(deps, channelId);
  const phone = normalizePhone(input.phone, channel.defaultRegion);
  if (!phone.ok)
    throw unprocessable('That is not a phone number we can read.', [
      { field: 'phone', message: 'Enter your number, e.g. 082 123 4567 or +27 82 123 4567.' },
    ]);
  if (previousToken) {
    const previous = await repo.findWidgetSession(deps.db, hashToken(previousToken), channel.id);
    if (previous) {
      await repo.deleteWidgetSession(deps.db, previous.id);
      // Its sockets would go on hearing the previous customer's chat.
      await deps.bus?.publish({ kind: 'session-ended', sessionId: previous.id });
    }
  }
  const customer = await repo.upsertCustomer(deps.db, phone.e164, input.name);
  const token = randomBytes(32).toString('base64url');
  // Millisecond precision on the application's clock, like the inbound messages it is compared with.
  await repo.insertWidgetSession(deps.db, {
    tokenHash: hashToken(token),
    channelId: channel.id,
    customerId: customer.id,
    createdAt: new Date(),
  });
  const chat = await repo.findOpenChat(deps.db, customer.id, channel.id);
  return {
    token,
    // The name as typed, not the profile's: staff may have written something else there.
    session: { customer: { name: input.name, phone: formatPhone(phone.e164) }, chat: chat ?? null },
  };
}

/** The session behind a widget cookie on this channel, or 401 (404 first for a wrong channel). */
export async function authenticateWidget(
  deps: WidgetDeps,
  channelId: string,
  token: string | undefined,
): Promise<WidgetSessionRow> {
  const channel = await requireWebchat(deps, channelId);
  if (!token) throw unauthorized(NO_SESSION);
  const session = await repo.findWidgetSession(deps.db, hashToken(token), channel.id);
  if (!session || Date.now() - session.lastSeenAt.getTime() > WIDGET_IDLE_MS)
    throw unauthorized(NO_SESSION);
  // Idle expiry only needs minute precision; skip the write on most requests.
  if (Date.now() - session.lastSeenAt.getTime() > 60_000)
    await repo.touchWidgetSession(deps.db, session.id);
  return session;
}

/** What was said since the session began, on any of the customer's chats on this channel. */
export async function listMessages(
  deps: WidgetDeps,
  session: WidgetSessionRow,
): Promise<WidgetMessageList> {
  const { customerId, channelId, createdAt } = session;
  const rows = await repo.findMessagesSince(
    deps.db,
    customerId,
    channelId,
    createdAt,
    MESSAGE_LIMIT,
  );
  const customer = await repo.findCustomer(deps.db, customerId);
  const messages = await toMessages(deps.db, rows, customer?.name ?? null);
  const chat = await repo.findCurrentChat(deps.db, customerId, channelId, createdAt);
  return {
    items: messages.map((m, i) =>
      toWidgetMessage(m, clientIdOf(rows[i]?.providerMessageId ?? null, session.id)),
    ),
    chat: chat ?? null,
  };
}

/** The customer writes: an inbound message like any other channel's, keyed so a retry is free. */
export async function sendMessage(
  deps: WidgetDeps,
  session: WidgetSessionRow,
  body: WidgetSendBody,
): Promise<WidgetSendReply> {
  const customer = await repo.findCustomer(deps.db, session.customerId);
  if (!customer) throw unauthorized(NO_SESSION);
  const providerMessageId = `widget:${session.id}:${body.clientId}`;
  const reply = await receiveInbound(deps, {
    channelId: session.channelId,
    providerMessageId,
    from: customer.phone,
    text: body.text,
  });
  const row = await repo.findInboundMessage(deps.db, session.channelId, providerMessageId);
  if (!row) throw new Error('the stored widget message is missing');
  const [message] = await toMessages(deps.db, [row], customer.name);
  return { ...reply, message: toWidgetMessage(message!, body.clientId) };
}

export async function endChat(deps: WidgetDeps, session: WidgetSessionRow): Promise<void> {
  await endChatAsCustomer(deps, session.customerId, session.channelId);
}
