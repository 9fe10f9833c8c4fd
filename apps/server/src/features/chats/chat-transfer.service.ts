import type { Chat, OpenTransfer } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { conflict } from '../../errors.ts';
import type { EmitFrame } from '../../realtime/frames.ts';
import { type Actor, announceChat, recordEvent } from './chat-events.service.ts';
import { sendAutoReply } from './auto-replies.ts';
import { type ChatRow, updateChat } from './chats.repo.ts';
import { type AgentLoad, setLastAgent } from './routing.repo.ts';

/*
 * What a transfer does to a chat. The transfers feature keeps the offers; the chat carries a copy
 * of the open one (`open_transfer`) and changes hands when it is accepted. Chats never import
 * transfers: a transition that takes the chat away from its offer (close, pending, flag, back to
 * the queue, a supervisor's assignment) calls `endOpenTransfer`, and the transfers feature
 * registers what that means (the offer is withdrawn) with `onOpenTransferEnds`.
 */

/** What the transfers feature does when a chat's open offer can no longer stand. */
export type OpenTransferEndsHook = (
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  reason: string,
) => Promise<void>;

// A set: every app built in one process (tests build many) registers the same hook once.
const endHooks = new Set<OpenTransferEndsHook>();

export function onOpenTransferEnds(hook: OpenTransferEndsHook): void {
  endHooks.add(hook);
}

/**
 * The chat (row locked) leaves the state its open offer was made in: the offer ends, in this
 * transaction, with the reason. Nothing to do, and no query, when the chat has no open offer.
 */
export async function endOpenTransfer(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  reason: string,
): Promise<void> {
  if (!chat.openTransfer) return;
  if (endHooks.size === 0) {
    // Nobody keeps offers (a script without the transfers feature): the chat still drops it.
    await updateChat(tx, chat.id, { openTransfer: null });
    return;
  }
  for (const hook of endHooks) await hook(tx, emit, chat, reason);
}

/** Sets or clears the copy of the open offer every Chat payload shows as `transfer`. */
export async function setChatOpenTransfer(
  tx: Db,
  chatId: string,
  offer: OpenTransfer | null,
): Promise<void> {
  await updateChat(tx, chatId, { openTransfer: offer });
}

/**
 * An accepted transfer: the chat (row locked, live) goes to the receiver (row locked with their
 * load, `lockAgent`), into the offer's department when it named one, and its offer is gone. The
 * customer remembers the receiver, so routing prefers them next time, and hears who they are
 * chatting with now ("connecting"). The event is the
 * caller's (`transfer_accepted`); the chat is announced to its old and new agent.
 */
export async function handOverChatTransition(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  handover: {
    agent: AgentLoad;
    departmentId: string | null;
    by: Actor;
    event: { type: string; data: Record<string, unknown> };
  },
): Promise<Chat | undefined> {
  const { agent } = handover;
  if (chat.status !== 'live') throw conflict('Only a live chat can change hands this way.');
  if (agent.load >= agent.capacity)
    throw conflict(`${agent.name} is at capacity (${agent.load}/${agent.capacity}).`);
  await updateChat(tx, chat.id, {
    assigneeId: agent.id,
    departmentId: handover.departmentId ?? chat.departmentId,
    openTransfer: null,
    queuedAt: null,
  });
  await setLastAgent(tx, chat.customerId, agent.id);
  await recordEvent(tx, emit, {
    chatId: chat.id,
    customerId: chat.customerId,
    actor: handover.by,
    ...handover.event,
  });
  const after = await announceChat(tx, emit, chat.id, {
    assigneeId: chat.assigneeId,
    status: chat.status,
  });
  if (chat.kind === 'chat' && chat.assigneeId !== agent.id)
    await sendAutoReply(tx, emit, chat, 'connecting');
  return after;
}
