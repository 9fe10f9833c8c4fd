import { rooms } from '@parley/contract';
import type { Chat } from '@parley/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useRealtimeFrame, useRealtimeRoom } from '../../../app/realtime/index.ts';
import { conversationKeys } from '../api.ts';
import {
  eventItem,
  flattenTimeline,
  isTimelineBehind,
  messageItem,
  storeTimelineItem,
} from '../timelineCache.ts';
import type { TimelinePages } from '../timelineCache.ts';

/**
 * Joins `chat:<id>` while the chat is open and applies its frames to the timeline. Returns
 * whether the server refused the room (then the conversation does not update by itself).
 */
export function useChatRoom(chatId: string): { refused: boolean } {
  const queryClient = useQueryClient();
  const room = rooms.chat(chatId);
  const [refusedRoom, setRefusedRoom] = useState<string | null>(null);
  useRealtimeRoom(room);

  const key = conversationKeys.timeline(chatId);
  useRealtimeFrame('message.created', (message) => {
    if (message.chatId === chatId) storeTimelineItem(queryClient, chatId, messageItem(message));
  });
  useRealtimeFrame('message.updated', (message) => {
    if (message.chatId === chatId) storeTimelineItem(queryClient, chatId, messageItem(message));
  });
  useRealtimeFrame('event.created', (event) => {
    if (event.chatId === chatId) storeTimelineItem(queryClient, chatId, eventItem(event));
  });
  useRealtimeFrame('chat.updated', (chat: Chat) => {
    if (chat.id !== chatId) return;
    const data = queryClient.getQueryData<TimelinePages>(key);
    if (data && isTimelineBehind(flattenTimeline(data), chat))
      void queryClient.invalidateQueries({ queryKey: key });
  });
  // Reconnected: the room was joined again before the resume, but a gap before the first
  // join (between the timeline's fetch and the subscription) is closed only by reading again.
  useRealtimeFrame('hello', () => void queryClient.invalidateQueries({ queryKey: key }));
  useRealtimeFrame('error', (error) => {
    if (error.ref === room) setRefusedRoom(room);
  });

  return { refused: refusedRoom === room };
}
