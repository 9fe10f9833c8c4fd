import type { CreateNoteBody, Note, NotePage } from '@parley/contract';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { createNote, customerKeys, deleteNote, fetchNotePage } from '../api.ts';
import { insertNote, removeNote } from '../notesCache.ts';
import type { NotePages } from '../notesCache.ts';

export function useNotes(customerId: string) {
  return useInfiniteQuery<
    NotePage,
    Error,
    NotePages,
    ReturnType<typeof customerKeys.notes>,
    string | null
  >({
    queryKey: customerKeys.notes(customerId),
    queryFn: ({ pageParam, signal }) => fetchNotePage(customerId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/**
 * Applies a change to the cached notes. While the first page is still loading the change
 * cannot be placed and the load may predate it: read again instead.
 */
export function updateCachedNotes(
  queryClient: QueryClient,
  customerId: string,
  change: (data: NotePages) => NotePages,
) {
  const key = customerKeys.notes(customerId);
  const state = queryClient.getQueryState(key);
  if (!state) return;
  if (state.data === undefined) {
    if (state.fetchStatus === 'fetching') void queryClient.invalidateQueries({ queryKey: key });
    return;
  }
  queryClient.setQueryData<NotePages>(key, (data) => (data ? change(data) : data));
}

export function useAddNote(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation<Note, Error, CreateNoteBody>({
    mutationFn: (body) => createNote(customerId, body),
    onSuccess: (note) =>
      updateCachedNotes(queryClient, customerId, (data) => insertNote(data, note)),
  });
}

export function useDeleteNote(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, Error, string>({
    mutationFn: (id) => deleteNote(id),
    onSuccess: (_, id) =>
      updateCachedNotes(queryClient, customerId, (data) => removeNote(data, id)),
  });
}
