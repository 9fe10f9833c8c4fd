import { hashKey } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { meQueryKey } from './api.ts';

/**
 * Forget everything the signed-out person could see. `me` becomes null (which shows the
 * sign-in page) before the rest is dropped, so no screen renders with half a cache.
 */
export function endLocalSession(queryClient: QueryClient) {
  void queryClient.cancelQueries();
  queryClient.setQueryData(meQueryKey, null);
  const meHash = hashKey(meQueryKey);
  queryClient.removeQueries({ predicate: (query) => query.queryHash !== meHash });
  queryClient.getMutationCache().clear();
}
