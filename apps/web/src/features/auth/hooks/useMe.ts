import { useQuery } from '@tanstack/react-query';
import { fetchMe, meQueryKey } from '../api.ts';

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: ({ signal }) => fetchMe(signal) });
}
