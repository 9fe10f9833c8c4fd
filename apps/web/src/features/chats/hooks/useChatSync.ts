import type { Me } from '@parley/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useRealtimeFrame } from '../../../app/realtime/index.ts';
import { chatKeys } from '../api.ts';
import { storeChat } from '../chatCache.ts';
import { useChatReads } from './useChatReads.ts';
import { useTaggedSync } from './useTaggedSync.ts';

/** Keeps every cached chat list and chat current from `chat.updated` frames (and Tagged, and reads). */
export function useChatSync(me: Me) {
  const queryClient = useQueryClient();
  // A change between a list's fetch and the socket's first hello never arrives as a frame.
  useRealtimeFrame('hello', () => {
    void queryClient.invalidateQueries({ queryKey: chatKeys.lists });
  });
  useRealtimeFrame('chat.updated', (chat) => storeChat(queryClient, chat, me));
  useTaggedSync();
  useChatReads(me);
}
