import type { SignInBody } from '@parley/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meQueryKey, signIn } from '../api.ts';

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInBody) => signIn(body),
    onSuccess: ({ user }) => queryClient.setQueryData(meQueryKey, user),
  });
}
