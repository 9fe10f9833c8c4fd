import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../app/http.ts';
import { signOut } from '../api.ts';
import { endLocalSession } from '../endLocalSession.ts';

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await signOut();
      } catch (error) {
        // Already signed out (expired, or ended in another tab): the goal is reached.
        if (!isApiError(error, 401)) throw error;
      }
    },
    onSuccess: () => endLocalSession(queryClient),
  });
}
