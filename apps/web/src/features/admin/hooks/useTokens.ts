import type { ApiToken } from '@parley/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminQueryKeys, createToken, fetchTokens, revokeToken } from '../api.ts';

export function useTokens() {
  return useQuery({
    queryKey: adminQueryKeys.tokens,
    queryFn: ({ signal }) => fetchTokens({ signal }),
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    // The list keeps the token without its secret: the secret lives only in the dialog.
    onSuccess: ({ token: _secret, ...created }) =>
      queryClient.setQueryData<ApiToken[]>(adminQueryKeys.tokens, (list = []) => [
        created,
        ...list,
      ]),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSuccess: (_, id) =>
      queryClient.setQueryData<ApiToken[]>(adminQueryKeys.tokens, (list = []) =>
        list.filter((token) => token.id !== id),
      ),
  });
}
