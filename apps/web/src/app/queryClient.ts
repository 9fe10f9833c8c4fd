import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError, NetworkError } from './http.ts';

type QueryClientOptions = {
  /** A query answered 401: the session is gone, whatever screen we are on. */
  onUnauthorized?: () => void;
};

export function createQueryClient({ onUnauthorized }: QueryClientOptions = {}): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isApiError(error, 401)) onUnauthorized?.();
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Client errors will not change on retry; network blips and 5xx often do.
        retry: (failureCount, error) =>
          failureCount < 2 &&
          (error instanceof NetworkError || (isApiError(error) && error.status >= 500)),
      },
      mutations: { retry: false },
    },
  });
}
