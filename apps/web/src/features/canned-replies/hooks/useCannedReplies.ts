import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  cannedQueryKey,
  createCannedReply,
  deleteCannedReply,
  fetchCannedReplies,
  updateCannedReply,
} from '../api.ts';

/** The person's replies and the shared ones; `enabled` false waits until they are wanted. */
export function useCannedReplies(enabled = true) {
  return useQuery({
    queryKey: cannedQueryKey,
    queryFn: ({ signal }) => fetchCannedReplies({ signal }),
    enabled,
    staleTime: 30_000,
  });
}

function useCannedMutation<A, R>(mutationFn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cannedQueryKey }),
  });
}

export const useCreateCannedReply = () => useCannedMutation(createCannedReply);
export const useUpdateCannedReply = () => useCannedMutation(updateCannedReply);
export const useDeleteCannedReply = () => useCannedMutation(deleteCannedReply);
