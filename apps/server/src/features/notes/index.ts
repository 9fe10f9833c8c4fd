export { canDeleteNote, writeNote, type NoteDeps } from './notes.service.ts';
export { parseReference } from './note-reference.ts';
