import type { Chat, Me } from '@parley/contract';
import { useEffect, useSyncExternalStore } from 'react';
import { markChatRead, seenPoint, useSeenChats } from '../../chats/index.ts';

function subscribeVisibility(listener: () => void) {
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}
const isVisible = () => document.visibilityState !== 'hidden';

/**
 * Looking at a chat reads it: on opening, and again whenever the customer writes while it is
 * open and the tab is on screen. A chat open in a hidden tab is not being looked at, so what the
 * customer writes there stays unread (and alerts) until the person comes back.
 */
export function useMarkRead(chat: Chat | undefined, me: Me) {
  const { store } = useSeenChats(me.id);
  const visible = useSyncExternalStore(subscribeVisibility, isVisible, () => true);
  const chatId = chat?.id;
  const point = chat ? seenPoint(chat) : undefined;
  useEffect(() => {
    if (chatId === undefined || point === undefined || !visible) return;
    store.markSeen(chatId, point);
    // Best effort: the marker here is already cleared, and the next visit tries again.
    markChatRead(chatId).catch(() => undefined);
  }, [chatId, point, store, visible]);
}
