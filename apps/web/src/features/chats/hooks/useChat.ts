import type { Chat } from '@parley/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { chatKeys, fetchChat } from '../api.ts';
import { findCachedChat } from '../chatCache.ts';

/**
 * One chat; shows what a list already knows while its own answer is on the way. With no id
 * (nothing open) it reads nothing.
 */
export function useChat(id: string | null) {
  const queryClient = useQueryClient();
  return useQuery<Chat, Error, Chat, ReturnType<typeof chatKeys.detail>>({
    queryKey: chatKeys.detail(id ?? ''),
    queryFn: ({ signal }) => fetchChat(id ?? '', signal),
    placeholderData: () => (id === null ? undefined : findCachedChat(queryClient, id)),
    enabled: id !== null,
  });
}
