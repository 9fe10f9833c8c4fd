import { describe, expect, it } from 'vitest';
import { insertNote, noteFor, removeNote, type NotePages } from './notesCache.ts';
import { buildNote } from './testFixtures.ts';

const pages = (...items: ReturnType<typeof buildNote>[][]): NotePages => ({
  pages: items.map((list, i) => ({
    items: list,
    nextCursor: i < items.length - 1 ? `c${i}` : null,
  })),
  pageParams: items.map((_, i) => (i === 0 ? null : `c${i - 1}`)),
});

describe('notes cache', () => {
  it('puts a new note first, once', () => {
    const old = buildNote({ createdAt: '2030-01-01T09:00:00.000Z' });
    const fresh = buildNote({ createdAt: '2030-01-02T09:00:00.000Z' });
    const data = insertNote(pages([old]), fresh);
    expect(data.pages[0]?.items.map((n) => n.id)).toEqual([fresh.id, old.id]);
    expect(insertNote(data, fresh)).toBe(data);
  });

  it('removes a deleted note from any page', () => {
    const a = buildNote();
    const b = buildNote();
    const data = removeNote(pages([a], [b]), b.id);
    expect(data.pages.flatMap((p) => p.items.map((n) => n.id))).toEqual([a.id]);
  });

  it('works out who may delete a note that arrived as a frame', () => {
    const { canDelete: _, ...shared } = buildNote({
      author: { id: 'me', name: 'Me', role: 'agent' },
    });
    expect(noteFor({ id: 'me', role: 'agent' }, shared).canDelete).toBe(true);
    expect(noteFor({ id: 'other', role: 'agent' }, shared).canDelete).toBe(false);
    expect(noteFor({ id: 'boss', role: 'supervisor' }, shared).canDelete).toBe(true);
  });
});
