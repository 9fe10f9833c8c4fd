import { SetupStatus } from '@parley/contract';
import { useQuery } from '@tanstack/react-query';
import { http } from '../../../app/http.ts';

export const setupQueryKey = ['session', 'setup'] as const;

/**
 * Whether the desk still needs its first admin. Asked only by the sign-in page; a failure reads as
 * "no", so the usual form shows.
 */
export function useSetupStatus() {
  return useQuery({
    queryKey: setupQueryKey,
    queryFn: ({ signal }) => http('/api/setup', { parse: SetupStatus, signal }),
    retry: false,
    staleTime: Infinity,
  });
}
