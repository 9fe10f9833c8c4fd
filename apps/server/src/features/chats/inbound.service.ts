import type { InboundReply, MessageContent, MessageContext } from '@parley/contract';
import type { AttachmentSource } from '../../db/schema.ts';
import type { Db } from '../../db/client.ts';
import { notFound, unprocessable } from '../../errors.ts';
import { type EmitFrame, transact } from '../../realtime/frames.ts';
import { normalizePhone } from '../customers/index.ts';
import { customerVisibleRooms, widgetRoomOf } from '../../realtime/rooms.ts';
import { sendAutoReply, tellCustomerTheyWait } from './auto-replies.ts';
import { announceChat, recordEvent } from './chat-events.service.ts';
import { closeChatTransition, resumeChatTransition } from './chat-lifecycle.service.ts';
import { findChat, toMessages } from './chat-payloads.repo.ts';
import { enqueueWebhookEvent } from '../webhooks/index.ts';
import {
  type ChannelRow,
  type ChatRow,
  findChannel,
  lockOpenCustomerChat,
  lockOpenSessionChat,
} from './chats.repo.ts';
import type { ChatDeps, ChatServiceDeps } from './chats.service.ts';
import { appendToOpenChatInOneStatement } from './inbound-fast-path.repo.ts';
import { findQuotedMessage, insertMediaFetches } from './inbound-actions.repo.ts';
import {
  applyCustomerChange,
  applyToEarlierMessage,
  type InboundAction,
} from './inbound-actions.service.ts';
import {
  findStoredInboundMessage,
  insertInboundMessage,
  insertQueuedChat,
  setCustomerOptedOut,
  touchOpenChat,
  touchOpenSessionChat,
  upsertCustomer,
} from './inbound.repo.ts';
import { routeQueuedChat, serveQueue } from './routing.service.ts';
import {
  announceTicket,
  becomeTicketTransition,
  closeTicketForLiveChat,
  linkTicketToChat,
  liveChatPossible,
  ticketCauseForNewConversation,
} from './ticket-conversion.service.ts';

export type InboundInput = {
  channelId: string;
  /** The provider's id for this message: a repeat is acknowledged and stores nothing. */
  providerMessageId: string;
  from: string;
  text: string;
  name?: string | undefined;
  sentAt?: Date | undefined;
  /**
   * A web-chat visitor who has not proved the number: the message goes to that widget session's
   * own chat, never to the customer's, and changes nothing on the customer's profile.
   */
  unverifiedSessionId?: string | undefined;
  /** What the message is when not plain text; `text` is then its one-line reading. */
  content?: MessageContent | null | undefined;
  /** A quoted reply, forward markers, the ad it came from. */
  context?: MessageContext | null | undefined;
  /**
   * Files the provider holds for this message: each becomes an attachment shown at once as
   * downloading, fetched by the outbox from its source.
   */
  media?: InboundMedia[] | undefined;
  /**
   * The provider's id of the message this one quotes: resolved to ours (either direction, this
   * customer's conversations only) for `context.replyTo`; `fallback` reads it when we lack it.
   */
  replyTo?: { providerMessageId: string; fallback: string | null } | null | undefined;
  /**
   * A reaction, edit or deletion of an earlier message, applied to it when we have it (then no row
   * is stored); otherwise the message is stored as `text`/`content` say. A number or identity
   * change is stored as its line and changes the customer with it.
   */
  action?: InboundAction | null | undefined;
  /**
   * Files the sender uploaded beforehand (a web-chat visitor's): handed to the message in its
   * transaction, which fails as a whole when they cannot be (the caller's 422 names them).
   */
  claimFiles?:
    ((tx: Db, target: { chatId: string; messageId: string }) => Promise<void>) | undefined;
};

export type { InboundAction };

export type InboundMedia = {
  source: AttachmentSource;
  name: string | null;
  declaredType: string | null;
};

class DuplicateMessage extends Error {}

const END = '//end';
const STOP = '//stop';

/** Only a plain text message can be a keyword or take the one-statement write. */
const isPlainText = (input: InboundInput) =>
  !input.content &&
  !input.context &&
  !input.replyTo &&
  !input.action &&
  !input.claimFiles &&
  (input.media?.length ?? 0) === 0;
const keywordOf = (input: InboundInput) =>
  isPlainText(input) ? input.text.trim().toLowerCase() : '';

/** A file's name until its bytes are stored, by what the message is. */
const fallbackFileNames: Partial<Record<MessageContent['kind'], string>> = {
  image: 'photo',
  video: 'video',
  audio: 'audio',
  document: 'document',
  sticker: 'sticker',
};

/**
 * Who each number belonged to when this process last wrote for it, so the one-statement write
 * can be handed its widget room (computed by widgetRoomOf) up front. The statement checks the id
 * still matches; a number not seen yet simply takes the full path once.
 */
const customerIds = new WeakMap<Db, Map<string, string>>();
function knownCustomers(db: Db) {
  let known = customerIds.get(db);
  if (!known) customerIds.set(db, (known = new Map()));
  return known;
}
function rememberCustomer(db: Db, phone: string, id: string) {
  const known = knownCustomers(db);
  if (known.size > 50_000) known.clear();
  known.set(phone, id);
}

const isUniqueViolation = (err: unknown) =>
  (err as { code?: string })?.code === '23505' ||
  (err as { cause?: { code?: string } })?.cause?.code === '23505';

/**
 * A customer's message arrives: the customer, chat, message and events are written in one
 * transaction, and only then is the message acknowledged. A repeated provider id stores nothing.
 */
export async function receiveInbound(deps: ChatDeps, input: InboundInput): Promise<InboundReply> {
  const channel = await findChannel(deps.db, input.channelId);
  if (!channel) throw notFound('No such channel.');
  const phone = normalizePhone(input.from, channel.defaultRegion);
  if (!phone.ok)
    throw unprocessable('The sender is not a phone number we can read.', [
      { field: 'from', message: `not a valid phone number for region ${channel.defaultRegion}` },
    ]);
  const keyword = keywordOf(input);
  const customerId = knownCustomers(deps.db).get(phone.e164);
  const action = input.action;
  if (action && 'target' in action) {
    // A reaction, edit or deletion changes the message it names when we have it.
    const applied = await applyToEarlierMessage(deps, {
      channelId: channel.id,
      phone: phone.e164,
      action,
      text: input.text,
      content: input.content ?? null,
      at: arrivalTime(input.sentAt),
    });
    if (applied) return { accepted: true, duplicate: !applied.changed, chatId: applied.chatId };
  }
  if (
    isPlainText(input) &&
    keyword !== END &&
    keyword !== STOP &&
    !input.unverifiedSessionId &&
    customerId
  ) {
    // Most messages go to a chat that is already live or queued: one statement stores them.
    const at = arrivalTime(input.sentAt);
    const done = await appendToOpenChatInOneStatement(deps.db, {
      phone: phone.e164,
      name: input.name ?? null,
      customerId,
      widgetRoom: widgetRoomOf({
        customerId,
        channelId: channel.id,
        unverified: false,
        widgetSessionId: null,
      }),
      channel,
      text: input.text,
      providerMessageId: input.providerMessageId,
      at,
    });
    if (done.kind === 'stored') {
      deps.notifier.wake(done.frames);
      return { accepted: true, duplicate: false, chatId: done.chatId };
    }
    if (done.kind === 'duplicate') {
      const winner = await findStoredInboundMessage(deps.db, channel.id, input.providerMessageId);
      if (winner) return { accepted: true, duplicate: true, chatId: winner.chatId };
    }
  }
  const online = await deps.presence.onlineIds();
  try {
    const { chatId, customerId: writer } = await transact(deps, (tx, emit) =>
      writeInbound(tx, emit, { ...input, e164: phone.e164, channel, online }),
    );
    rememberCustomer(deps.db, phone.e164, writer);
    // An auto-reply (directing, connecting, all busy, a ticket's) may wait in the outbox; a look
    // finds nothing when none does.
    (deps as ChatServiceDeps).outbox?.wake();
    // An ended chat frees its agent: the queue may move.
    if (keyword === END) await serveQueue(deps);
    return { accepted: true, duplicate: false, chatId };
  } catch (err) {
    // A repeat of a stored message, or two deliveries of one that raced: find the first.
    if (!(err instanceof DuplicateMessage) && !isUniqueViolation(err)) throw err;
    const winner = await findStoredInboundMessage(deps.db, channel.id, input.providerMessageId);
    if (winner) return { accepted: true, duplicate: true, chatId: winner.chatId };
    throw err;
  }
}

/** The provider's time when it is not in the future, else now. */
const arrivalTime = (sentAt: Date | undefined) =>
  sentAt && sentAt.getTime() < Date.now() ? sentAt : new Date();

async function writeInbound(
  tx: Db,
  emit: EmitFrame,
  input: InboundInput & {
    e164: string;
    channel: ChannelRow;
    online: Set<string>;
  },
): Promise<{ chatId: string; customerId: string; outbox?: boolean }> {
  const at = arrivalTime(input.sentAt);
  const keyword = keywordOf(input);
  const session = input.unverifiedSessionId;

  // What the one-statement write leaves here: a new chat, a pending chat, a customer who opted
  // out, or a keyword. Finding the open chat and touching it is one statement that locks the row.
  // An unverified visitor's profile name is not taken: they may not be who they say.
  const customer = await upsertCustomer(tx, input.e164, session ? null : (input.name ?? null));
  let chat = session
    ? await touchOpenSessionChat(tx, session, at)
    : await touchOpenChat(tx, customer.id, input.channel.id, at);
  let created = false;
  // An unassigned ticket gives way when the customer could chat live now: it closes first (one
  // open conversation per customer and channel) and a new chat starts. Otherwise they join it.
  let followedTicket: ChatRow | undefined;
  if (
    chat?.kind === 'ticket' &&
    !chat.assigneeId &&
    keyword !== END &&
    (await liveChatPossible(tx, chat.departmentId, input.online, at))
  ) {
    await closeTicketForLiveChat(tx, chat, at);
    followedTicket = chat;
    chat = undefined;
  }
  if (!chat) {
    chat = await insertQueuedChat(tx, {
      customerId: customer.id,
      channelId: input.channel.id,
      departmentId: input.channel.departmentId,
      at,
      widgetSessionId: session,
    });
    created = true;
  }
  const message = await insertInboundMessage(tx, {
    chatId: chat.id,
    channelId: input.channel.id,
    text: input.text,
    providerMessageId: input.providerMessageId,
    at,
    content: input.content,
    context: await resolveReply(tx, input, customer.id),
    // An edit of a message we never had is stored as what it now says.
    editedAt: input.action?.kind === 'edit' ? at : null,
  });
  // Someone stored this provider id first: undo everything and answer "duplicate".
  if (!message) throw new DuplicateMessage();
  if (input.media && input.media.length > 0)
    await insertMediaFetches(
      tx,
      { chatId: chat.id, messageId: message.id },
      input.media.map((file) => ({
        name: file.name ?? fallbackFileNames[input.content?.kind ?? 'document'] ?? 'file',
        contentType: file.declaredType ?? 'application/octet-stream',
        source: file.source,
      })),
    );
  await input.claimFiles?.(tx, { chatId: chat.id, messageId: message.id });
  const [frame] = await toMessages(tx, [message], customer.name);
  if (frame)
    await emit({
      type: 'message.created',
      rooms: customerVisibleRooms(chat),
      data: frame,
    });
  // Receivers hear of a new chat before its first message.
  if (created) await enqueueWebhookEvent(tx, 'chat.created', () => findChat(tx, chat.id));
  if (frame) await enqueueWebhookEvent(tx, 'message.in', frame);

  const base = { chatId: chat.id, customerId: customer.id, actor: { kind: 'customer' as const } };
  if (created) await recordEvent(tx, emit, { ...base, type: 'queued', actor: { kind: 'system' } });
  if (followedTicket) await linkTicketToChat(tx, emit, followedTicket, chat.id);
  const change = input.action;
  if (!session && (change?.kind === 'number-changed' || change?.kind === 'identity-changed')) {
    // Messages from the old number then find no customer: the one-statement write checks the id.
    await applyCustomerChange(tx, emit, {
      action: change,
      chatId: chat.id,
      customer,
      defaultRegion: input.channel.defaultRegion,
    });
  }

  // Opting out or back in is the number's owner's choice: someone unverified cannot make it.
  if (!session && keyword === STOP) {
    await setCustomerOptedOut(tx, customer.id, at);
    await recordEvent(tx, emit, { ...base, type: 'opted_out' });
  } else if (!session && customer.optedOutAt) {
    await setCustomerOptedOut(tx, customer.id, null);
    await recordEvent(tx, emit, { ...base, type: 'opted_in' });
  }

  const done = { chatId: chat.id, customerId: customer.id };
  const known = {
    customer: { id: customer.id, phone: customer.phone, name: customer.name },
    channel: input.channel,
    lastMessage: {
      text: message.text,
      direction: 'in' as const,
      at: message.createdAt.toISOString(),
    },
  };
  if (keyword === END) {
    await endAsCustomer(tx, emit, chat, at);
    return done;
  }
  // A repeat contact while a ticket is open joins it: whoever works tickets sees it move.
  if (chat.kind === 'ticket') {
    await announceTicket(tx, emit, chat.id);
    return done;
  }
  if (chat.status === 'pending') {
    await resumeChatTransition(tx, emit, chat, {
      by: { kind: 'customer' },
      reason: 'customer wrote',
      known,
    });
    return done;
  }
  if (created && chat.status === 'queued') {
    // Nobody can take it live (closed, or nobody available): it becomes a ticket at once.
    const cause = await ticketCauseForNewConversation(tx, chat, input.online, at);
    if (cause) {
      const { queued } = await becomeTicketTransition(tx, emit, chat, { ...cause, listed: false });
      return { ...done, outbox: queued };
    }
    // A new chat goes to an agent with room, if someone has; the assignment announces it.
    await sendAutoReply(tx, emit, chat, 'directing');
    if (await routeQueuedChat(tx, emit, chat, input.online)) return done;
  }
  await announceChat(tx, emit, chat.id, chat, { ...known, row: chat });
  if (created) await tellCustomerTheyWait(tx, emit, chat.id);
  return done;
}

/** A quote is one line, short enough for the bubble above the reply. */
const quoteOf = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
};

/** The message's context with the quoted message resolved to ours, when it quotes one. */
async function resolveReply(
  tx: Db,
  input: InboundInput & { channel: ChannelRow },
  customerId: string,
): Promise<MessageContext | null> {
  if (!input.replyTo) return input.context ?? null;
  const quoted = await findQuotedMessage(tx, {
    channelId: input.channel.id,
    providerMessageId: input.replyTo.providerMessageId,
    customerId,
  });
  return {
    forwarded: false,
    frequentlyForwarded: false,
    referral: null,
    ...input.context,
    replyTo: quoted
      ? { messageId: quoted.id, text: quoteOf(quoted.text) }
      : { messageId: null, text: input.replyTo.fallback ?? 'an earlier message' },
  };
}

/** The customer ended the chat (`//end`, or the widget's End button). The chat row is locked. */
const endAsCustomer = (tx: Db, emit: EmitFrame, chat: ChatRow, at?: Date) =>
  closeChatTransition(tx, emit, chat, {
    by: { kind: 'customer' },
    reason: { kind: 'ended-by-customer' },
    at,
  });

/**
 * Ends the customer's open chat on a channel, if there is one; answers its id. An unverified
 * widget session ends only the chat it started.
 */
export async function endChatAsCustomer(
  deps: ChatDeps,
  who: { customerId: string; channelId: string; unverifiedSessionId?: string | undefined },
): Promise<string | undefined> {
  const ended = await transact(deps, async (tx, emit) => {
    const chat = who.unverifiedSessionId
      ? await lockOpenSessionChat(tx, who.unverifiedSessionId)
      : await lockOpenCustomerChat(tx, who.customerId, who.channelId);
    if (!chat) return undefined;
    await endAsCustomer(tx, emit, chat);
    return chat.id;
  });
  if (ended) await serveQueue(deps);
  return ended;
}
