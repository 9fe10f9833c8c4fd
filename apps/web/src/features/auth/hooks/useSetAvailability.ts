import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meQueryKey, setAvailability } from '../api.ts';

/**
 * Not optimistic: the server may refuse (e.g. while chats are being moved), so the switch shows
 * the requested state as pending and only the server's answer becomes the truth.
 */
export function useSetAvailability() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['session', 'availability'],
    mutationFn: (available: boolean) => setAvailability(available),
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}
