import type { Me } from '@parley/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useRealtimeEvent } from '../../../app/realtime/index.ts';
import { chatKeys } from '../api.ts';
import { storeChat } from '../chatCache.ts';
import { useTaggedSync } from './useTaggedSync.ts';

/** Keeps every cached chat list and chat current from `chat.updated` frames (and Tagged). */
export function useChatSync(me: Me) {
  const queryClient = useQueryClient();
  // A change between a list's fetch and the socket's first hello never arrives as a frame.
  useRealtimeEvent('hello', () => {
    void queryClient.invalidateQueries({ queryKey: chatKeys.lists });
  });
  useRealtimeEvent('chat.updated', (chat) => storeChat(queryClient, chat, me));
  useTaggedSync();
}
