import type { Chat, Sentiment } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { conflict, notFound } from '../../errors.ts';
import type { EmitFrame } from '../../realtime/frames.ts';
import {
  type Actor,
  announceChat,
  announceChatClosed,
  type ChatBefore,
  recordEvent,
} from './chat-events.service.ts';
import { sendAutoReply } from './auto-replies.ts';
import type { KnownChat } from './chat-payloads.repo.ts';
import { type ChatRow, findNewerOpenChat, updateChat } from './chats.repo.ts';
import { endOpenTransfer } from './chat-transfer.service.ts';
import { enqueueWebhookEvent } from '../webhooks/index.ts';
import { type AgentLoad, lockAgentLoad, setLastAgent } from './routing.repo.ts';

/*
 * Every change of a chat's state, each written once: its rules, the row change, the events the
 * timeline keeps, the frames that go out. Whoever asks (a staff action, the customer's message,
 * routing, the widget, a timer) calls these inside its transaction with the chat row locked, and
 * says who acts: access checks on a principal stay with the caller, the chat's rules are here.
 * Each transition announces the chat as it now is and answers that payload.
 */

type WriteStep = (tx: Db, emit: EmitFrame) => Promise<void>;

const beforeOf = (chat: ChatRow): ChatBefore => ({
  assigneeId: chat.assigneeId,
  status: chat.status,
});

/** Why a chat closes; each reason is the event the timeline shows for it. */
export type CloseReason =
  /** Staff closed it with the wrap-up; `writeNote` stores the wrap-up note, if there is one. */
  | { kind: 'wrap-up'; sentiment: Sentiment; tag: string | null; writeNote?: WriteStep }
  /** The customer wrote `//end` or pressed the widget's End button. */
  | { kind: 'ended-by-customer' }
  /** The widget session proved a number whose conversation goes on elsewhere. */
  | { kind: 'verified-elsewhere'; continuedIn: string | undefined }
  /** The customer said nothing for the inactivity close time after staff last spoke (a timer). */
  | { kind: 'inactivity' }
  /** A pending chat waited the pending auto-close time without a word from the customer. */
  | { kind: 'pending-timeout' };

function closedEventOf(reason: CloseReason): { type: string; data?: Record<string, unknown> } {
  switch (reason.kind) {
    case 'wrap-up':
      return {
        type: 'closed',
        data: { sentiment: reason.sentiment, tag: reason.tag, withNote: Boolean(reason.writeNote) },
      };
    case 'ended-by-customer':
      return { type: 'ended_by_customer' };
    case 'verified-elsewhere':
      return {
        type: 'verified_elsewhere',
        data: reason.continuedIn
          ? { continuedIn: reason.continuedIn }
          : { reason: 'another number' },
      };
    case 'inactivity':
      return { type: 'inactivity_timeout' };
    case 'pending-timeout':
      return { type: 'pending_auto_closed' };
  }
}

/**
 * Closes a chat, with the "chat ended" auto-reply unless the customer ended it. A flag holds the chat open against staff and the system, never against the
 * customer: they may always end their own conversation, and a verified takeover closes the
 * visitor's chat whatever staff marked on it. Closing a closed chat is refused to staff (they
 * asked for something that cannot happen) and is nothing to do for anyone else (the customer's
 * `//end` may race a staff close). Every registered feature forgets what it must
 * (`announceChatClosed`), the event says why, and the chat's audience and the customer's widget
 * hear it ended. The caller serves the queue after the commit: the agent has room again.
 */
export async function closeChatTransition(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  close: { by: Actor; reason: CloseReason; at?: Date },
): Promise<Chat | undefined> {
  if (chat.status === 'closed') {
    if (close.by.kind === 'staff') throw conflict('This chat is already closed.');
    return undefined;
  }
  if (chat.flagged && close.by.kind !== 'customer')
    throw conflict('A flagged chat cannot be closed. Un-flag it first.');
  const reason = close.reason;
  await endOpenTransfer(tx, emit, chat, 'The chat was closed.');
  await updateChat(tx, chat.id, {
    status: 'closed',
    closedAt: close.at ?? new Date(),
    queuedAt: null,
    ...(reason.kind === 'wrap-up' ? { sentiment: reason.sentiment, wrapTag: reason.tag } : {}),
  });
  await announceChatClosed(tx, emit, chat.id);
  if (reason.kind === 'wrap-up' && reason.writeNote) await reason.writeNote(tx, emit);
  await recordEvent(tx, emit, {
    chatId: chat.id,
    customerId: chat.customerId,
    actor: close.by,
    ...closedEventOf(reason),
  });
  // Said before the widget hears the chat ended, so it is the last thing the customer reads.
  if (tellsCustomerItEnded(chat, reason)) await sendAutoReply(tx, emit, chat, 'chat_ended');
  const closed = await announceChat(tx, emit, chat.id, beforeOf(chat));
  if (closed) await enqueueWebhookEvent(tx, 'chat.closed', closed);
  return closed;
}

/**
 * Whether the customer hears "chat ended": on every close of a chat except their own (they know)
 * and a verified takeover (their conversation goes on in another chat).
 */
const tellsCustomerItEnded = (chat: ChatRow, reason: CloseReason) =>
  chat.kind === 'chat' &&
  reason.kind !== 'ended-by-customer' &&
  reason.kind !== 'verified-elsewhere';

/** Locks the agent's row and counts their live chats, for an assignment that must fit. */
export async function lockAgent(tx: Db, agentId: string): Promise<AgentLoad> {
  const agent = await lockAgentLoad(tx, agentId);
  if (!agent) throw notFound('No such staff member.');
  return agent;
}

/** An agent takes one more live chat only below their capacity, counted after locking their row. */
function assertRoom(agent: AgentLoad) {
  if (agent.load >= agent.capacity)
    throw conflict(`${agent.name} already has ${agent.capacity} live chats, their capacity.`);
}

/**
 * Whether a chat can go to this agent: a closed chat must be reopened first, and a flagged chat
 * stays with its agent. `assignChatTransition` checks this itself; a caller with checks of its
 * own may ask first so that these answer first.
 */
export function assertAssignable(chat: ChatRow, agentId: string) {
  if (chat.status === 'closed')
    throw conflict('A closed chat cannot be assigned. Reopen it first.');
  if (chat.flagged && chat.assigneeId && chat.assigneeId !== agentId)
    throw conflict('A flagged chat stays with its agent. Un-flag it before reassigning.');
}

/**
 * Gives a chat to an agent: an agent accepting from the queue, a supervisor assigning, routing
 * (`by` the system). The agent comes locked with their load (`lockAgent`, or routing's
 * candidates) and must have room. A queued chat goes live; the customer remembers the agent so
 * routing prefers them next time, and hears who they are chatting with.
 */
export async function assignChatTransition(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  assignment: { agent: AgentLoad; by: Actor },
): Promise<Chat | undefined> {
  const { agent, by } = assignment;
  assertAssignable(chat, agent.id);
  assertRoom(agent);
  if (chat.assigneeId !== agent.id)
    await endOpenTransfer(tx, emit, chat, `The chat was assigned to ${agent.name}.`);
  await updateChat(tx, chat.id, {
    status: chat.status === 'queued' ? 'live' : chat.status,
    assigneeId: agent.id,
    queuedAt: null,
  });
  await setLastAgent(tx, chat.customerId, agent.id);
  await recordEvent(tx, emit, {
    chatId: chat.id,
    customerId: chat.customerId,
    type: 'assigned',
    actor: by,
    data: {
      to: { id: agent.id, name: agent.name },
      by: by.kind === 'system' ? 'routing' : 'staff',
    },
  });
  const assigned = await announceChat(tx, emit, chat.id, beforeOf(chat));
  if (chat.assigneeId !== agent.id) await tellCustomerWhoIsConnected(tx, emit, chat);
  return assigned;
}

/**
 * The "connecting" auto-reply ("You're chatting with {agent}") once a chat has a new agent:
 * routing, an accept, a supervisor's assignment, an accepted transfer. Not for tickets.
 */
async function tellCustomerWhoIsConnected(tx: Db, emit: EmitFrame, chat: ChatRow) {
  if (chat.kind === 'chat') await sendAutoReply(tx, emit, chat, 'connecting');
}

/** Why a chat went back to the queue: its agent was deactivated, or did not answer in time. */
export type ReturnReason = 'agent_deactivated' | 'reply_timeout';

/**
 * An open chat leaves its agent and waits in the queue again, ahead of chats that arrived after
 * it (it keeps its place by arrival). The event names why; routing picks it up after the commit
 * (and after a reply timeout offers it to someone else first: routing.service.ts).
 */
export async function returnToQueueTransition(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  unassign: { by: Actor; reason: ReturnReason },
): Promise<Chat | undefined> {
  if (chat.status === 'closed' || chat.status === 'queued' || !chat.assigneeId) return undefined;
  await endOpenTransfer(tx, emit, chat, 'The chat went back to the queue.');
  await updateChat(tx, chat.id, { status: 'queued', assigneeId: null, queuedAt: chat.createdAt });
  await recordEvent(tx, emit, {
    chatId: chat.id,
    customerId: chat.customerId,
    type: 'unassigned',
    actor: unassign.by,
    data: { from: chat.assigneeId, reason: unassign.reason },
  });
  return announceChat(tx, emit, chat.id, beforeOf(chat));
}

/** A live chat waits for the customer; it comes back with their next message or from staff. */
export async function markPendingTransition(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  by: Actor,
): Promise<Chat | undefined> {
  if (chat.status !== 'live')
    throw conflict(`Only a live chat can be marked pending (this one is ${chat.status}).`);
  await endOpenTransfer(tx, emit, chat, 'The chat was marked pending.');
  await updateChat(tx, chat.id, { status: 'pending' });
  await recordEvent(tx, emit, {
    chatId: chat.id,
    customerId: chat.customerId,
    type: 'pending',
    actor: by,
  });
  return announceChat(tx, emit, chat.id, beforeOf(chat));
}

/**
 * A pending chat is live again: staff resumed it, or the customer wrote. The customer's message
 * hands what it holds (`known`) so the frame costs one small query on that path.
 */
export async function resumeChatTransition(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  resume: { by: Actor; reason: 'staff' | 'customer wrote'; known?: Omit<KnownChat, 'row'> },
): Promise<Chat | undefined> {
  if (chat.status !== 'pending') throw conflict('Only a pending chat can be resumed.');
  const row = await updateChat(tx, chat.id, { status: 'live' });
  await recordEvent(tx, emit, {
    chatId: chat.id,
    customerId: chat.customerId,
    type: 'live_again',
    actor: resume.by,
    data: { reason: resume.reason },
  });
  const known = resume.known && { ...resume.known, row };
  return announceChat(tx, emit, chat.id, beforeOf(chat), known);
}

/** Flags or un-flags an open chat; asking for what it already is changes nothing. */
export async function setFlagTransition(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  flag: { flagged: boolean; by: Actor },
): Promise<Chat | undefined> {
  if (chat.status === 'closed') throw conflict('A closed chat cannot be flagged.');
  if (chat.flagged !== flag.flagged) {
    if (flag.flagged) await endOpenTransfer(tx, emit, chat, 'The chat was flagged.');
    await updateChat(tx, chat.id, { flagged: flag.flagged });
    await recordEvent(tx, emit, {
      chatId: chat.id,
      customerId: chat.customerId,
      type: flag.flagged ? 'flagged' : 'unflagged',
      actor: flag.by,
    });
  }
  return announceChat(tx, emit, chat.id, beforeOf(chat));
}

/**
 * A closed chat opens again, live, with whoever reopens it as its agent (within their capacity),
 * and loses its wrap-up. Not when the customer has written since: their newer chat is the one.
 */
export async function reopenChatTransition(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  reopen: { agentId: string; by: Actor },
): Promise<Chat | undefined> {
  if (chat.status !== 'closed') throw conflict('Only a closed chat can be reopened.');
  if (await findNewerOpenChat(tx, chat))
    throw conflict('The customer has a newer open chat on this channel: continue there.');
  assertRoom(await lockAgent(tx, reopen.agentId));
  await updateChat(tx, chat.id, {
    status: 'live',
    assigneeId: reopen.agentId,
    closedAt: null,
    sentiment: null,
    wrapTag: null,
  });
  await recordEvent(tx, emit, {
    chatId: chat.id,
    customerId: chat.customerId,
    type: 'reopened',
    actor: reopen.by,
  });
  return announceChat(tx, emit, chat.id, beforeOf(chat));
}
