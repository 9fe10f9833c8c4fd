import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useRealtimeFrame } from '../../../app/realtime/index.ts';
import { chatKeys, fetchChatCounts } from '../api.ts';
import type { DeskViewId } from '../views.ts';

/** My lists' counts as last read; useViewCounts (in the sidebar) keeps them current. */
export function useChatCounts() {
  return useQuery({
    queryKey: chatKeys.counts,
    queryFn: ({ signal }) => fetchChatCounts(signal),
  });
}

/** A burst of frames (a busy queue) asks for the counts once, this long after the first. */
const RECOUNT_AFTER_MS = 400;

/**
 * The counts beside the views, as the server counts them (not the rows loaded so far): read
 * again shortly after any chat changes, and after the socket (re)connects.
 */
export function useViewCounts(): Partial<Record<DeskViewId, number>> {
  const queryClient = useQueryClient();
  const counts = useChatCounts();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const recount = () => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void queryClient.invalidateQueries({ queryKey: chatKeys.counts });
    }, RECOUNT_AFTER_MS);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  useRealtimeFrame('chat.updated', recount);
  useRealtimeFrame('hello', recount);
  useRealtimeFrame('notification.created', recount);
  return counts.data ?? {};
}
