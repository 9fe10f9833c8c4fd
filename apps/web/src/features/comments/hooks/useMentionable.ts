import type { StaffPresence } from '@parley/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRealtimeFrame } from '../../../app/realtime/index.ts';
import { fetchStaff } from '../../staff/index.ts';
import { commentKeys } from '../api.ts';

/** Applies a presence change to the list of people online now. */
export function applyPresence(
  list: StaffPresence[] | undefined,
  presence: StaffPresence,
): StaffPresence[] | undefined {
  if (!list) return list;
  const rest = list.filter((person) => person.id !== presence.id);
  return presence.online ? [...rest, presence] : rest;
}

/**
 * Colleagues online now, the only ones a comment may tag, kept fresh by `staff.presence`
 * frames while mounted (a reconnect reads the list again: see useStaffPresenceSync).
 */
export function useMentionable(enabled: boolean) {
  const queryClient = useQueryClient();
  useRealtimeFrame('staff.presence', (presence) => {
    queryClient.setQueryData<StaffPresence[]>(commentKeys.mentionable, (list) =>
      applyPresence(list, presence),
    );
  });
  return useQuery({
    queryKey: commentKeys.mentionable,
    queryFn: ({ signal }) => fetchStaff({ online: true, signal }),
    enabled,
    // Frames keep it fresh only while the composer is on screen: read it again when it returns.
    staleTime: 0,
  });
}
