import type { Me, Note, NotePage, SharedNote } from '@parley/contract';
import type { InfiniteData } from '@tanstack/react-query';

export type NotePages = InfiniteData<NotePage, string | null>;

/** What the server would answer for this viewer: frames carry no viewer-specific fields. */
export function noteFor(me: Pick<Me, 'id' | 'role'>, note: SharedNote): Note {
  return { ...note, canDelete: me.role !== 'agent' || note.author?.id === me.id };
}

const hasNote = (data: NotePages, id: string) =>
  data.pages.some((page) => page.items.some((item) => item.id === id));

/** Puts a new note in its place (newest first); a note already shown is left as it is. */
export function insertNote(data: NotePages, note: Note): NotePages {
  if (hasNote(data, note.id)) return data;
  const [first, ...rest] = data.pages;
  if (!first) return data;
  const items = [...first.items];
  const at = items.findIndex((item) => item.createdAt < note.createdAt);
  items.splice(at === -1 ? items.length : at, 0, note);
  return { ...data, pages: [{ ...first, items }, ...rest] };
}

export function removeNote(data: NotePages, id: string): NotePages {
  if (!hasNote(data, id)) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.filter((item) => item.id !== id),
    })),
  };
}

export const flattenNotes = (data: NotePages | undefined): Note[] =>
  data ? data.pages.flatMap((page) => page.items) : [];
