import { useInfiniteQuery } from '@tanstack/react-query';
import { conversationKeys, fetchTimelinePage } from '../api.ts';
import type { ConversationSource } from '../api.ts';

/** A chat's messages and events, newest page first; frames add to it while the chat is open. */
export function useTimeline(chatId: string, source: ConversationSource = 'chats') {
  return useInfiniteQuery({
    queryKey: conversationKeys.timeline(chatId),
    queryFn: ({ pageParam, signal }) => fetchTimelinePage(chatId, pageParam, signal, source),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // Frames only arrive while the chat is open: coming back to it reads it again.
    staleTime: 0,
  });
}
