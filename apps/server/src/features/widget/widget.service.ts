import { randomBytes } from 'node:crypto';
import type {
  WidgetChat,
  WidgetConfig,
  WidgetContactBody,
  WidgetMessageList,
  WidgetSendBody,
  WidgetSendReply,
  WidgetSession,
  WidgetSessionBody,
} from '@parley/contract';
import { conflict, notFound, unauthorized, unprocessable } from '../../errors.ts';
import type { Bus } from '../../realtime/bus.ts';
import { transact } from '../../realtime/frames.ts';
import { hashToken } from '../auth/index.ts';
import { acceptedSecrets, openChannel, parseChannelSettings } from '../channels/index.ts';
import {
  announceTicket,
  type ChatDeps,
  endChatAsCustomer,
  receiveInbound,
  recordEvent,
  toMessages,
} from '../chats/index.ts';
import { formatPhone, normalizePhone } from '../customers/index.ts';
import { checkUploads, claimUploads, describeFiles } from '../files/index.ts';
import type { Db } from '../../db/client.ts';
import { verifyIdentity } from './widget-identity.ts';
import { clientIdOf, toWidgetMessage, UNVERIFIED_AUTHOR } from './widget-message.ts';
import { widgetChatById } from './widget-state.service.ts';
import * as repo from './widget.repo.ts';

export type WidgetDeps = ChatDeps & {
  /** Tells every node's hub when a session ends, so its sockets close. */
  bus?: Pick<Bus, 'publish'> | undefined;
  /** Wakes the outbox worker after a one-time code is queued. */
  outbox?: { wake(): void } | undefined;
};
export type WidgetSessionRow = repo.WidgetSessionRow;

/** A widget session nobody used for this long is gone; the customer starts again with their number. */
export const WIDGET_IDLE_MS = 30 * 24 * 60 * 60 * 1000;
/** The most a widget loads at once; a conversation longer than this shows its newest part. */
const MESSAGE_LIMIT = 500;

const NO_SESSION = 'Start a chat first: enter your number and name.';

/**
 * The channel, if it exists and is an enabled web chat; anything else is "no such chat" to a
 * customer, and a disabled one takes nothing in.
 */
export async function requireWebchat(deps: WidgetDeps, channelId: string) {
  const channel = await openChannel(deps.db, channelId);
  if (!channel || channel.kind !== 'webchat' || !channel.enabled) throw notFound('No such chat.');
  const parsed = parseChannelSettings('webchat', channel.settings);
  // A broken setting must not let anyone in: it just means no identities and no codes.
  const settings = parsed.ok ? parsed.settings : { allowedOrigins: [] };
  return {
    id: channel.id,
    kind: channel.kind,
    name: channel.name,
    defaultRegion: channel.defaultRegion,
    webchat: settings,
    /** The identity secret, and during a rotation's grace the one it replaced. */
    identitySecrets: acceptedSecrets(channel.secrets, 'identitySecret'),
  };
}

/**
 * What the widget page may know before any session: where it may be embedded and take a signed
 * identity from. Built field by field, so no secret of the channel's settings can leak into it.
 */
export async function widgetConfig(deps: WidgetDeps, channelId: string): Promise<WidgetConfig> {
  const { webchat, identitySecrets } = await requireWebchat(deps, channelId);
  return {
    // As a browser names an origin (no path, no trailing slash), for an exact comparison.
    allowedOrigins: [...new Set(webchat.allowedOrigins.map((url) => new URL(url).origin))],
    acceptsIdentity: identitySecrets.length > 0,
    canVerify: Boolean(webchat.verifyChannelId),
    greeting: webchat.greeting?.trim() || null,
  };
}

const readPhone = (raw: string, region: string, field: string) => {
  const phone = normalizePhone(raw, region);
  if (!phone.ok)
    throw unprocessable('That is not a phone number we can read.', [
      { field, message: 'Enter your number, e.g. 082 123 4567 or +27 82 123 4567.' },
    ]);
  return phone.e164;
};

/**
 * Starts a widget session. With a valid signed identity from the embedding site it is verified
 * for that number; otherwise it is unverified: bound to the number typed (so staff see the
 * profile) but seeing only its own chat, since anyone can type anyone's number. This browser's
 * previous session ends.
 */
export async function startSession(
  deps: WidgetDeps,
  channelId: string,
  input: WidgetSessionBody,
  previousToken: string | undefined,
): Promise<{ token: string; session: WidgetSession }> {
  const channel = await requireWebchat(deps, channelId);
  const identity = input.identity
    ? verifyIdentity(input.identity, channel.identitySecrets, channel.defaultRegion)
    : undefined;
  const e164 = identity?.e164 ?? readPhone(input.phone ?? '', channel.defaultRegion, 'phone');
  const name = input.identity?.name ?? input.name ?? '';
  if (previousToken) {
    const previous = await repo.findWidgetSession(deps.db, hashToken(previousToken), channel.id);
    if (previous) {
      await repo.deleteWidgetSession(deps.db, previous.id);
      // Its sockets would go on hearing the previous customer's chat.
      await deps.bus?.publish({ kind: 'session-ended', sessionId: previous.id });
    }
  }
  const customer = await repo.upsertCustomer(deps.db, e164, name || null, Boolean(identity));
  const token = randomBytes(32).toString('base64url');
  // Millisecond precision on the application's clock, like the inbound messages it is compared with.
  const now = new Date();
  const row = await repo.insertWidgetSession(deps.db, {
    tokenHash: hashToken(token),
    channelId: channel.id,
    customerId: customer.id,
    createdAt: now,
    verifiedAt: identity ? now : null,
  });
  const open = await repo.findOpenChat(deps.db, row);
  const chat = open ? await widgetChatById(deps.db, open.id) : null;
  return {
    token,
    // The name as typed, not the profile's: staff may have written something else there.
    session: {
      customer: { name, phone: formatPhone(e164) },
      chat: chat ?? null,
      verified: Boolean(row.verifiedAt),
      canVerify: Boolean(channel.webchat.verifyChannelId),
    },
  };
}

/** The session behind a widget cookie on this channel, or 401 (404 first for a wrong channel). */
export async function authenticateWidget(
  deps: WidgetDeps,
  channelId: string,
  token: string | undefined,
): Promise<WidgetSessionRow> {
  await requireWebchat(deps, channelId);
  if (!token) throw unauthorized(NO_SESSION);
  const session = await repo.findWidgetSession(deps.db, hashToken(token), channelId);
  if (!session || Date.now() - session.lastSeenAt.getTime() > WIDGET_IDLE_MS)
    throw unauthorized(NO_SESSION);
  // Idle expiry only needs minute precision; skip the write on most requests.
  if (Date.now() - session.lastSeenAt.getTime() > 60_000)
    await repo.touchWidgetSession(deps.db, session.id);
  return session;
}

/**
 * Whether the cookie names a live session on this channel, without a 401 when not: the page asks
 * this first so a visitor without a session sees the form after no failed request.
 */
export async function sessionState(
  deps: WidgetDeps,
  channelId: string,
  token: string | undefined,
): Promise<{ active: boolean }> {
  await requireWebchat(deps, channelId);
  if (!token) return { active: false };
  const session = await repo.findWidgetSession(deps.db, hashToken(token), channelId);
  return { active: !!session && Date.now() - session.lastSeenAt.getTime() <= WIDGET_IDLE_MS };
}

/** Deletes the sessions idle past the limit; their sockets close at the hub's next check. */
export async function forgetIdleSessions(deps: Pick<WidgetDeps, 'db'>): Promise<void> {
  await repo.deleteIdleWidgetSessions(deps.db, new Date(Date.now() - WIDGET_IDLE_MS));
}

/**
 * The name shown on the visitor's own lines. An unverified visitor never sees the profile's
 * name: it belongs to the number's owner, who may be someone else.
 */
async function authorName(deps: WidgetDeps, session: WidgetSessionRow) {
  if (!session.verifiedAt) return UNVERIFIED_AUTHOR;
  return (await repo.findCustomer(deps.db, session.customerId))?.name ?? null;
}

/** The state of the session's current chat (the open one, else one that ended since it began). */
export async function currentChat(
  deps: Pick<WidgetDeps, 'db'>,
  session: WidgetSessionRow,
): Promise<WidgetChat | null> {
  const current = await repo.findCurrentChat(deps.db, session);
  return current ? widgetChatById(deps.db, current.id) : null;
}

/** What was said since the session began, in the chats this session may see. */
export async function listMessages(
  deps: WidgetDeps,
  session: WidgetSessionRow,
): Promise<WidgetMessageList> {
  const rows = await repo.findMessagesSince(deps.db, session, MESSAGE_LIMIT);
  const messages = await toMessages(deps.db, rows, await authorName(deps, session));
  const chat = await currentChat(deps, session);
  const channel = await requireWebchat(deps, session.channelId);
  const customer = await repo.findCustomer(deps.db, session.customerId);
  return {
    items: messages.map((message, index) =>
      toWidgetMessage(
        message,
        clientIdOf(rows[index]?.providerMessageId ?? null, session.id),
        session.channelId,
      ),
    ),
    chat: chat ?? null,
    verified: Boolean(session.verifiedAt),
    canVerify: Boolean(channel.webchat.verifyChannelId),
    // The number this session is bound to (typed or proved), never the profile's name.
    phone: customer ? formatPhone(customer.phone) : '',
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
  const files = await filesToSend(deps, session, body, providerMessageId);
  const reply = await receiveInbound(deps, {
    channelId: session.channelId,
    providerMessageId,
    from: customer.phone,
    text: files?.text ?? body.text,
    unverifiedSessionId: session.verifiedAt ? undefined : session.id,
    content: files?.content,
    claimFiles: files?.claim,
  });
  const row = await repo.findInboundMessage(deps.db, session.channelId, providerMessageId);
  if (!row) throw new Error('the stored widget message is missing');
  const [message] = await toMessages(deps.db, [row], await authorName(deps, session));
  return { ...reply, message: toWidgetMessage(message!, body.clientId, session.channelId) };
}

/**
 * The visitor's uploads named in a send, checked (422 names any that are not this session's
 * unsent uploads), with the message's content and text, and the claim that hands them to the
 * message in its transaction. A retry of a stored send has nothing to check: it stores nothing.
 */
async function filesToSend(
  deps: WidgetDeps,
  session: WidgetSessionRow,
  body: WidgetSendBody,
  providerMessageId: string,
) {
  if (body.attachments.length === 0) return undefined;
  if (await repo.findInboundMessage(deps.db, session.channelId, providerMessageId))
    return undefined;
  const sender = { kind: 'widget' as const, widgetSessionId: session.id };
  const rows = await checkUploads(deps.db, body.attachments, sender);
  return {
    ...describeFiles(rows, body.text),
    claim: async (tx: Db, target: { chatId: string; messageId: string }) => {
      await claimUploads(tx, body.attachments, sender, target);
    },
  };
}

export async function endChat(deps: WidgetDeps, session: WidgetSessionRow): Promise<void> {
  await endChatAsCustomer(deps, {
    customerId: session.customerId,
    channelId: session.channelId,
    unverifiedSessionId: session.verifiedAt ? undefined : session.id,
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** An email (lower-cased) or a number we can read (E.164), else 422 on the contact field. */
function readContact(raw: string, region: string): string {
  const text = raw.trim();
  if (text.includes('@')) {
    if (EMAIL.test(text)) return text.toLowerCase();
  } else {
    const phone = normalizePhone(text, region);
    if (phone.ok) return phone.e164;
  }
  throw unprocessable('That is not an email address or a phone number we can read.', [
    {
      field: 'contact',
      message: 'Enter an email like name@example.com, or a number like 082 123 4567.',
    },
  ]);
}

/**
 * The visitor leaves an email or number to be contacted on about their ticket: stored on the
 * ticket (`ticket_contact`, staff see it) with event `contact_left`; `ticket.updated` tells the
 * desk and `widget.chat` the visitor's widgets.
 * Only the session's own open ticket: another session's chat is not found, a live chat is 409.
 */
export async function leaveContact(
  deps: WidgetDeps,
  session: WidgetSessionRow,
  body: WidgetContactBody,
): Promise<WidgetChat> {
  const chat = await repo.findSessionChat(deps.db, session, body.chatId);
  if (!chat) throw notFound('No such conversation.');
  if (chat.kind !== 'ticket')
    throw conflict('Someone is chatting with you here: just write your question in the chat.');
  if (chat.status === 'closed')
    throw conflict('This conversation has ended. Write to us again to start a new one.');
  const channel = await requireWebchat(deps, session.channelId);
  const contact = readContact(body.contact, channel.defaultRegion);
  await transact(deps, async (tx, emit) => {
    const row = await repo.setTicketContact(tx, chat.id, contact);
    if (!row) throw conflict('This conversation is no longer a ticket.');
    await recordEvent(tx, emit, {
      chatId: chat.id,
      customerId: row.customerId,
      type: 'contact_left',
      actor: { kind: 'customer' },
      data: { contact },
    });
    // Staff see the contact on the ticket at once; the ticket's announcement reaches the widget.
    await announceTicket(tx, emit, chat.id);
  });
  return (await widgetChatById(deps.db, chat.id))!;
}
