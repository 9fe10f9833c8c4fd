import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { adminQueryKeys, fetchAdminStaff, fetchAuditPage } from '../api.ts';

/**
 * Newest first, a page at a time; `objectKind` '' means every kind, `actor` '' everyone (a staff
 * id, or 'system' for the command line and Parley itself).
 */
export function useAudit(objectKind: string, actor = '') {
  return useInfiniteQuery({
    queryKey: adminQueryKeys.audit(objectKind, actor),
    queryFn: ({ pageParam, signal }) =>
      fetchAuditPage({ cursor: pageParam, objectKind, actor }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** The people the "who" filter offers, deactivated ones too (their changes stay in the log). */
export function useAuditActors() {
  return useQuery({
    queryKey: adminQueryKeys.staffSearch(''),
    queryFn: ({ signal }) => fetchAdminStaff('', { signal }),
    staleTime: 60_000,
  });
}
