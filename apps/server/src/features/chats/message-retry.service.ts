import type { Message } from '@parley/contract';
import { conflict, notFound } from '../../errors.ts';
import type { Principal } from '../../principal.ts';
import { transact } from '../../realtime/frames.ts';
import { customerVisibleRooms } from '../../realtime/rooms.ts';
import { assertManager } from './chat-access.service.ts';
import { toMessages } from './chat-payloads.repo.ts';
import { findChannel, findChatRow, findCustomer } from './chats.repo.ts';
import { loadViewable, type ChatServiceDeps } from './chats.service.ts';
import { findChatMessage, queueForDelivery, requeueFailedReply } from './messages.repo.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Sends a reply the channel refused once more: the chat's agent or a supervisor (403 for others
 * who may see it, 404 for those who may not), only while it is failed (409 otherwise), so a double
 * click or a repeated request queues it once: the chat's row is locked and the message moves out
 * of `failed` in the same statement that finds it.
 */
export async function retryMessage(
  deps: ChatServiceDeps,
  principal: Principal,
  chatId: string,
  messageId: string,
): Promise<Message> {
  const viewed = await loadViewable(deps, principal, chatId);
  assertManager(principal, viewed);
  if (!UUID.test(messageId)) throw notFound('No such message.');
  const channel = await findChannel(deps.db, viewed.channelId);
  const direct = channel?.kind === 'webchat';
  const message = await transact(deps, async (tx, emit) => {
    const chat = await findChatRow(tx, chatId, true);
    if (!chat) throw notFound('No such chat.');
    const row = await requeueFailedReply(tx, chatId, messageId, direct ? 'sent' : 'queued');
    if (!row) {
      const found = await findChatMessage(tx, chatId, messageId);
      if (!found || found.direction !== 'out') throw notFound('No such message.');
      throw conflict('Only a message that failed can be sent again.');
    }
    if (chat.status === 'closed') throw conflict('This chat is closed. Reopen it to write.');
    if (!direct) await queueForDelivery(tx, row.id);
    const customer = await findCustomer(tx, chat.customerId);
    const [payload] = await toMessages(tx, [row], customer?.name ?? null);
    await emit({ type: 'message.updated', rooms: customerVisibleRooms(chat), data: payload! });
    return payload!;
  });
  if (!direct) deps.outbox?.wake();
  return message;
}
