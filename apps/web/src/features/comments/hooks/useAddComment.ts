import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../app/http.ts';
import { commentKeys, postComment } from '../api.ts';
import type { ChatComments, NewComment } from '../api.ts';
import { clearedComments, insertComment } from '../commentsCache.ts';

/** Not optimistic: a tag of someone who went offline is refused (422) and the text is kept. */
export function useAddComment(chatId: string) {
  const queryClient = useQueryClient();
  const key = commentKeys.list(chatId);
  return useMutation({
    mutationFn: (comment: NewComment) => postComment(chatId, comment),
    onSuccess: (comment) =>
      queryClient.setQueryData<ChatComments>(key, (data) =>
        insertComment(data ?? { items: [], closed: false }, comment),
      ),
    onError: (error) => {
      if (isApiError(error, 409)) queryClient.setQueryData<ChatComments>(key, clearedComments);
    },
  });
}
