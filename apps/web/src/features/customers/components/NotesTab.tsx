import { useState } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { NoteIcon } from '../../../ui/icons.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { useNow } from '../../../ui/useNow.ts';
import { flattenNotes } from '../notesCache.ts';
import { useDeleteNote, useNotes } from '../hooks/useNotes.ts';
import { NoteComposer } from './NoteComposer.tsx';
import { NoteItem } from './NoteItem.tsx';

type NotesTabProps = { customerId: string; chatId: string | null };

export function NotesTab({ customerId, chatId }: NotesTabProps) {
  const notes = useNotes(customerId);
  const remove = useDeleteNote(customerId);
  const [removing, setRemoving] = useState<string | null>(null);
  const now = useNow();
  const items = flattenNotes(notes.data);

  return (
    <div className="notes">
      <NoteComposer customerId={customerId} chatId={chatId} />
      {notes.data === undefined ? (
        notes.isPending ? (
          <ListSkeleton label="Loading notes" rows={4} />
        ) : (
          <ErrorState
            title="Couldn't load the notes."
            error={notes.error}
            onRetry={() => void notes.refetch()}
            retrying={notes.isFetching}
          />
        )
      ) : items.length === 0 ? (
        <EmptyState
          icon={<NoteIcon size={20} />}
          title="No notes yet."
          description="What you learn about this customer, every colleague will see."
        />
      ) : (
        <>
          <ul className="notes__list" aria-label="Notes, newest first">
            {items.map((note) => (
              <NoteItem
                key={note.id}
                note={note}
                now={now}
                currentChatId={chatId}
                deleting={remove.isPending && removing === note.id}
                deleteError={removing === note.id ? remove.error : null}
                onDelete={() => {
                  setRemoving(note.id);
                  remove.mutate(note.id);
                }}
              />
            ))}
          </ul>
          {notes.hasNextPage ? (
            <div className="notes__more">
              <Button
                size="sm"
                pending={notes.isFetchingNextPage}
                onClick={() => void notes.fetchNextPage()}
              >
                {notes.isFetchingNextPage ? 'Loading…' : 'Load older'}
              </Button>
            </div>
          ) : null}
          {notes.isFetchNextPageError ? (
            <ErrorState
              compact
              title="Couldn't load older notes."
              error={notes.error}
              onRetry={() => void notes.fetchNextPage()}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
