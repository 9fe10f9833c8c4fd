import { SearchPage, type SearchKind } from '@parley/contract';
import { http } from '../../app/http.ts';

export const searchKeys = {
  results: (kind: SearchKind, q: string) => ['search', kind, q] as const,
};

/** One page of matches, best first. */
export function fetchSearch(
  kind: SearchKind,
  q: string,
  signal?: AbortSignal,
): Promise<SearchPage> {
  const query = new URLSearchParams({ q, kind, limit: '20' });
  return http(`/api/search?${query}`, { parse: SearchPage, signal });
}
