import { rooms } from '@parley/contract';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useRealtimeClient, useRealtimeFrame } from '../../../app/realtime/index.ts';
import { chatKeys } from '../api.ts';
import { dropChatFromView } from '../chatCache.ts';
import { chatListQuery } from './useChatList.ts';

/**
 * Keeps the Tagged list current. Being tagged arrives as a notification, so that reads the list
 * again. A tagged chat is someone else's: its updates reach me only through its room, which is
 * held while it is listed; its close clears the comments there, and it leaves the list.
 */
export function useTaggedSync() {
  const queryClient = useQueryClient();
  const client = useRealtimeClient();
  const tagged = useInfiniteQuery(chatListQuery('tagged', 'activity'));

  useRealtimeFrame('notification.created', () => {
    void queryClient.invalidateQueries({ queryKey: [...chatKeys.lists, 'tagged'] });
  });
  useRealtimeFrame('comments.cleared', ({ chatId }) =>
    dropChatFromView(queryClient, 'tagged', chatId),
  );

  const ids = tagged.data?.pages.flatMap((page) => page.items.map((chat) => chat.id)) ?? [];
  // One string, so the effect runs again only when the set of rooms changes, not every render.
  const chatRooms = ids.map((id) => rooms.chat(id)).join(' ');
  useEffect(() => {
    if (chatRooms === '') return undefined;
    const leave = chatRooms.split(' ').map((room) => client.joinRoom(room));
    return () => leave.forEach((leaveRoom) => leaveRoom());
  }, [client, chatRooms]);
}
