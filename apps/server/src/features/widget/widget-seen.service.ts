import { notFound } from '../../errors.ts';
import { transact } from '../../realtime/frames.ts';
import { rooms } from '../../realtime/rooms.ts';
import { toMessages } from '../chats/index.ts';
import type { WidgetDeps, WidgetSessionRow } from './widget.service.ts';
import * as repo from './widget.repo.ts';

/**
 * The visitor's widget showed our replies up to this message (visible, in a focused tab): they
 * become "read", stored so the desk shows "Seen" after a reload, told to the chat's room. Only the
 * session's own messages since it began (404 otherwise); repeating it changes nothing; a status
 * never moves back (a failed reply stays failed).
 */
export async function markSeen(
  deps: WidgetDeps,
  session: WidgetSessionRow,
  messageId: string,
): Promise<void> {
  const message = await repo.findSessionMessage(deps.db, session, messageId);
  if (!message) throw notFound('No such message.');
  await transact(deps, async (tx, emit) => {
    const changed = await repo.markRepliesRead(tx, message.chatId, message.seq, session.createdAt);
    if (changed.length === 0) return;
    const name = (await repo.findCustomer(tx, session.customerId))?.name ?? null;
    for (const updated of await toMessages(tx, changed, name))
      await emit({ type: 'message.updated', rooms: [rooms.chat(message.chatId)], data: updated });
  });
}
