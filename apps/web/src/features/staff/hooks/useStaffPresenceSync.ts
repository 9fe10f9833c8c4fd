import type { StaffPresence } from '@parley/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useRealtimeFrame } from '../../../app/realtime/index.ts';
import { staffQueryKey } from '../api.ts';

export function upsertPresence(
  list: StaffPresence[] | undefined,
  presence: StaffPresence,
): StaffPresence[] | undefined {
  // Before the first fetch lands there is nothing to patch; the fetch brings the current state.
  if (!list) return list;
  const index = list.findIndex((person) => person.id === presence.id);
  if (index === -1) return [...list, presence];
  return list.map((person, i) => (i === index ? presence : person));
}

export function useStaffPresenceSync() {
  const queryClient = useQueryClient();
  // The list may have been read just before the socket subscribed; a change in that gap would
  // never arrive as a frame, so each (re)connection reads the list once more.
  useRealtimeFrame('hello', () => {
    void queryClient.invalidateQueries({ queryKey: staffQueryKey });
  });
  useRealtimeFrame('staff.presence', (presence) => {
    queryClient.setQueryData<StaffPresence[]>(staffQueryKey, (list) =>
      upsertPresence(list, presence),
    );
  });
}
