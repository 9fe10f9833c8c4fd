import { CustomerTimelinePage, HistoryPage, type CustomerTimelineKind } from '@parley/contract';
import { http } from '../../app/http.ts';

export const HISTORY_PAGE_SIZE = 20;

export const historyKeys = {
  all: (customerId: string) => ['history', customerId] as const,
  chats: (customerId: string) => ['history', customerId, 'chats'] as const,
  timeline: (customerId: string, kinds: readonly CustomerTimelineKind[]) =>
    ['history', customerId, 'timeline', [...kinds].sort().join(',')] as const,
};

/** The customer's chats (and later tickets), newest first; `cursor` reaches older ones. */
export function fetchHistoryPage(
  customerId: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<HistoryPage> {
  const query = new URLSearchParams({ limit: String(HISTORY_PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  return http(`/api/customers/${encodeURIComponent(customerId)}/history?${query}`, {
    parse: HistoryPage,
    signal,
  });
}

/** Chats, notes and profile changes on one timeline, newest first, only the kinds asked for. */
export function fetchCustomerTimelinePage(
  customerId: string,
  kinds: readonly CustomerTimelineKind[],
  cursor: string | null,
  signal?: AbortSignal,
): Promise<CustomerTimelinePage> {
  const query = new URLSearchParams({ kinds: kinds.join(','), limit: String(HISTORY_PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  return http(`/api/customers/${encodeURIComponent(customerId)}/timeline?${query}`, {
    parse: CustomerTimelinePage,
    signal,
  });
}
