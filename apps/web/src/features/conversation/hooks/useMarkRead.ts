import type { Chat, Me } from '@parley/contract';
import { useEffect } from 'react';
import { markChatRead, seenPoint, useSeenChats } from '../../chats/index.ts';

/**
 * Looking at a chat reads it: on opening, and again whenever the customer writes while it is
 * open. The list's "new" and "unread" markers follow from this.
 */
export function useMarkRead(chat: Chat | undefined, me: Me) {
  const { store } = useSeenChats(me.id);
  const chatId = chat?.id;
  const point = chat ? seenPoint(chat) : undefined;
  useEffect(() => {
    if (chatId === undefined || point === undefined) return;
    store.markSeen(chatId, point);
    // Best effort: the marker here is already cleared, and the next visit tries again.
    markChatRead(chatId).catch(() => undefined);
  }, [chatId, point, store]);
}
