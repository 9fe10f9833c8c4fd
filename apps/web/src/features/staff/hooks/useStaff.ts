import { useQuery } from '@tanstack/react-query';
import { fetchStaff, staffQueryKey } from '../api.ts';

/** Everyone, online or not; `staff.presence` frames keep it current (see useStaffPresenceSync). */
export function useStaff() {
  return useQuery({
    queryKey: staffQueryKey,
    queryFn: ({ signal }) => fetchStaff({ signal }),
    // Realtime frames keep this fresh; refetching on every focus would only add load.
    staleTime: Infinity,
  });
}
