import { useInfiniteQuery } from '@tanstack/react-query';
import { adminQueryKeys, fetchAuditPage } from '../api.ts';

/** Newest first, a page at a time; `objectKind` '' means every kind. */
export function useAudit(objectKind: string) {
  return useInfiniteQuery({
    queryKey: adminQueryKeys.audit(objectKind),
    queryFn: ({ pageParam, signal }) =>
      fetchAuditPage({ cursor: pageParam, objectKind }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}
