import type { Me } from '@parley/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useRealtimeFrame } from '../../../app/realtime/index.ts';
import { meQueryKey } from '../api.ts';

/** Availability changed in another tab or by a supervisor: keep our own switch truthful. */
export function useOwnPresenceSync() {
  const queryClient = useQueryClient();
  useRealtimeFrame('staff.presence', (presence) => {
    queryClient.setQueryData<Me | null>(meQueryKey, (me) =>
      me && me.id === presence.id && me.available !== presence.available
        ? { ...me, available: presence.available }
        : me,
    );
  });
}
