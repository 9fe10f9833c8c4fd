import type { ChatView } from '@parley/contract';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { chatKeys, fetchChatPage } from '../api.ts';
import type { ChatSort } from '../api.ts';

export function chatListQuery(view: ChatView, sort: ChatSort) {
  return infiniteQueryOptions({
    queryKey: chatKeys.list(view, sort),
    queryFn: ({ pageParam, signal }) => fetchChatPage({ view, sort, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** A view's chats, page by page; `chat.updated` frames keep the loaded pages current. */
export function useChatList(view: ChatView | undefined, sort: ChatSort) {
  return useInfiniteQuery({ ...chatListQuery(view ?? 'live', sort), enabled: view !== undefined });
}
