import type { WrapUpTag } from '@parley/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminQueryKeys, createTag, deleteTag, fetchTags } from '../api.ts';

export function useTags() {
  return useQuery({
    queryKey: adminQueryKeys.tags,
    queryFn: ({ signal }) => fetchTags({ signal }),
  });
}

export function useCreateTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTag,
    onSuccess: (created) =>
      queryClient.setQueryData<WrapUpTag[]>(adminQueryKeys.tags, (list = []) => [...list, created]),
  });
}

export function useDeleteTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTag,
    onSuccess: (_, id) =>
      queryClient.setQueryData<WrapUpTag[]>(adminQueryKeys.tags, (list = []) =>
        list.filter((tag) => tag.id !== id),
      ),
  });
}
