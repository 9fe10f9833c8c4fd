import { rooms } from '@parley/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRealtimeFrame, useRealtimeRoom } from '../../../app/realtime/index.ts';
import { commentKeys, fetchComments } from '../api.ts';
import type { ChatComments } from '../api.ts';
import { clearedComments, insertComment } from '../commentsCache.ts';

/**
 * A chat's comments, oldest first, kept live from its room: new comments appear, and the close
 * clears them. The conversation usually holds `chat:<id>` already; joining again is counted.
 */
export function useComments(chatId: string, enabled: boolean) {
  const queryClient = useQueryClient();
  const key = commentKeys.list(chatId);
  const room = rooms.chat(chatId);
  useRealtimeRoom(enabled ? room : null);

  const comments = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchComments(chatId, signal),
    enabled,
    // Frames only arrive while the room is held: coming back to the tab reads it again.
    staleTime: 0,
  });

  const update = (change: (data: ChatComments) => ChatComments) => {
    const state = queryClient.getQueryState(key);
    if (state?.data === undefined) {
      // Still loading: the answer may have been read before this change, so read again.
      if (state?.fetchStatus === 'fetching') void queryClient.invalidateQueries({ queryKey: key });
      return;
    }
    queryClient.setQueryData<ChatComments>(key, (data) => (data ? change(data) : data));
  };

  useRealtimeFrame('comment.created', (comment) => {
    if (enabled && comment.chatId === chatId) update((data) => insertComment(data, comment));
  });
  useRealtimeFrame('comments.cleared', (cleared) => {
    if (cleared.chatId !== chatId) return;
    // Whatever happens next, the comments are gone: no need to ask the server.
    void queryClient.cancelQueries({ queryKey: key });
    queryClient.setQueryData<ChatComments>(key, clearedComments);
  });
  // Frames flow from the acknowledgement on, and after a reconnect: whatever was written in
  // between is read again.
  useRealtimeFrame('subscribed', (data) => {
    if (enabled && data.room === room) void queryClient.invalidateQueries({ queryKey: key });
  });
  useRealtimeFrame('hello', () => {
    if (enabled) void queryClient.invalidateQueries({ queryKey: key });
  });

  return comments;
}
