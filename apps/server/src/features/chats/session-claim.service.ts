import type { Db } from '../../db/client.ts';
import type { EmitFrame } from '../../realtime/frames.ts';
import { announceChat, recordEvent } from './chat-events.service.ts';
import { closeChatTransition } from './chat-lifecycle.service.ts';
import { lockOpenCustomerChat, lockOpenSessionChat, updateChat } from './chats.repo.ts';

/**
 * A widget session has just proved it holds the customer's number. Its open unverified chat, if
 * it has one, becomes the customer's own when nothing else claims that place: it was started
 * under the same number and the customer has no other open chat on this channel.
 *
 * Otherwise the unverified chat is closed, with an event saying why, and the session carries on
 * in the customer's chat (its next message goes there). The one-open-chat-per-customer rule is
 * what lets every channel, agent and the customer's other browsers find the conversation; merging
 * two live conversations would mix their agents and messages, so the visitor's earlier lines
 * stay readable to staff in the closed chat instead. Answers what became of the chat, if any.
 */
export async function claimSessionChat(
  tx: Db,
  emit: EmitFrame,
  session: { sessionId: string; customerId: string; channelId: string },
): Promise<{ chatId: string; outcome: 'adopted' | 'closed' } | undefined> {
  const chat = await lockOpenSessionChat(tx, session.sessionId);
  if (!chat) return undefined;
  const other = await lockOpenCustomerChat(tx, session.customerId, session.channelId);
  if (!other && chat.customerId === session.customerId) {
    const before = { assigneeId: chat.assigneeId, status: chat.status };
    await updateChat(tx, chat.id, { unverified: false });
    await recordEvent(tx, emit, {
      chatId: chat.id,
      customerId: chat.customerId,
      type: 'number_verified',
      actor: { kind: 'customer' },
    });
    await announceChat(tx, emit, chat.id, before);
    return { chatId: chat.id, outcome: 'adopted' };
  }
  await closeChatTransition(tx, emit, chat, {
    by: { kind: 'customer' },
    reason: { kind: 'verified-elsewhere', continuedIn: other?.id },
  });
  return { chatId: chat.id, outcome: 'closed' };
}
