import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useRealtimeFrame } from '../../../app/realtime/index.ts';
import { fetchSupervisorDesk, supervisorKeys } from '../api.ts';
import type { DeskFilters } from '../filters.ts';

/** Frames come in bursts (routing moves several chats at once): one refetch per quiet moment. */
export const DESK_REFRESH_DELAY_MS = 750;

/**
 * The supervisor desk as the filters narrow it. Supervisors receive every `chat.updated` frame and
 * every `staff.presence` change; each one refetches the desk (debounced) rather than patching it,
 * because a change can move a chat in or out of the filters, the order and the counts at once.
 */
export function useSupervisorDesk(filters: DeskFilters) {
  const desk = useQuery({
    queryKey: supervisorKeys.desk(filters),
    queryFn: ({ signal }) => fetchSupervisorDesk(filters, signal),
    // Changing a filter keeps the last answer on screen until the new one lands.
    placeholderData: keepPreviousData,
  });
  useDeskRefresh();
  return desk;
}

function useDeskRefresh() {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const refreshSoon = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries({ queryKey: supervisorKeys.desks });
    }, DESK_REFRESH_DELAY_MS);
  };

  // A change between the desk's fetch and the socket's (re)connection never arrives as a frame.
  useRealtimeFrame('hello', refreshSoon);
  useRealtimeFrame('chat.updated', refreshSoon);
  useRealtimeFrame('staff.presence', refreshSoon);
  useRealtimeFrame('transfer.updated', refreshSoon);
}
