import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chats } from '../../db/schema.ts';
import type { Emit } from '../../realtime/events.ts';
import { announceChat, announceChatClosed, recordEvent } from './chat-events.ts';
import { updateChat } from './chats.repo.ts';

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
  emit: Emit,
  s: { sessionId: string; customerId: string; channelId: string },
): Promise<{ chatId: string; outcome: 'adopted' | 'closed' } | undefined> {
  const [chat] = await tx
    .select()
    .from(chats)
    .where(
      and(
        eq(chats.widgetSessionId, s.sessionId),
        eq(chats.unverified, true),
        ne(chats.status, 'closed'),
      ),
    )
    .for('update');
  if (!chat) return undefined;
  const before = { assigneeId: chat.assigneeId, status: chat.status };
  const [other] = await tx
    .select({ id: chats.id })
    .from(chats)
    .where(
      and(
        eq(chats.customerId, s.customerId),
        eq(chats.channelId, s.channelId),
        eq(chats.unverified, false),
        ne(chats.status, 'closed'),
      ),
    )
    .for('update');
  if (!other && chat.customerId === s.customerId) {
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
  await updateChat(tx, chat.id, { status: 'closed', closedAt: new Date(), queuedAt: null });
  await announceChatClosed(tx, emit, chat.id);
  await recordEvent(tx, emit, {
    chatId: chat.id,
    customerId: chat.customerId,
    type: 'verified_elsewhere',
    actor: { kind: 'customer' },
    data: other ? { continuedIn: other.id } : { reason: 'another number' },
  });
  await announceChat(tx, emit, chat.id, before);
  return { chatId: chat.id, outcome: 'closed' };
}
