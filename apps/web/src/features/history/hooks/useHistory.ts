import type { CustomerTimelineKind } from '@parley/contract';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { fetchCustomerTimelinePage, fetchHistoryPage, historyKeys } from '../api.ts';

/** The customer's chats, newest page first; read again whenever the tab is opened. */
export function useHistory(customerId: string) {
  return useInfiniteQuery({
    queryKey: historyKeys.chats(customerId),
    queryFn: ({ pageParam, signal }) => fetchHistoryPage(customerId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    staleTime: 0,
  });
}

/** The customer's whole story, only the kinds chosen. */
export function useCustomerTimeline(customerId: string, kinds: readonly CustomerTimelineKind[]) {
  return useInfiniteQuery({
    queryKey: historyKeys.timeline(customerId, kinds),
    queryFn: ({ pageParam, signal }) =>
      fetchCustomerTimelinePage(customerId, kinds, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: kinds.length > 0,
    // A filter change keeps the list on screen until the new one arrives, rather than flashing.
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
