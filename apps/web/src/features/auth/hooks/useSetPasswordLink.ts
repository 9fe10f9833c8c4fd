import { useMutation, useQuery } from '@tanstack/react-query';
import { readSetPasswordLink, setPasswordWithLink } from '../api.ts';

export const setPasswordLinkKey = (token: string) => ['set-password', token] as const;

export function useSetPasswordLinkInfo(token: string) {
  return useQuery({
    queryKey: setPasswordLinkKey(token),
    queryFn: ({ signal }) => readSetPasswordLink(token, signal),
    // The link is used up by this page itself: asking again later would only say "used".
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useSetPassword(token: string) {
  return useMutation({ mutationFn: (password: string) => setPasswordWithLink(token, password) });
}
