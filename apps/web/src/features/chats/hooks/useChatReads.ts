import type { Me } from '@parley/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useRealtimeFrame } from '../../../app/realtime/index.ts';
import { chatKeys, fetchChatReads } from '../api.ts';
import { seenStoreFor } from '../seen.ts';

/**
 * Keeps what I have read in step with the server: loaded once, then every `chat.read` frame (a
 * chat read in another tab or browser of mine) and every reconnect. If the load fails the desk
 * goes on with what it learns from here, rather than showing no markers at all.
 */
export function useChatReads(me: Me) {
  const queryClient = useQueryClient();
  const store = seenStoreFor(me.id);
  const reads = useQuery({
    queryKey: chatKeys.reads,
    queryFn: ({ signal }) => fetchChatReads(signal),
    staleTime: Infinity,
  });
  useEffect(() => {
    if (reads.data) store.merge(reads.data.items, true);
    else if (reads.isError) store.merge([], true);
  }, [reads.data, reads.isError, store]);
  useRealtimeFrame('chat.read', (read) => store.merge([read]));
  // Reads made while the socket was down come back with the list.
  useRealtimeFrame('hello', () => void queryClient.invalidateQueries({ queryKey: chatKeys.reads }));
}
