import type {
  CreateNoteBody,
  Note,
  NoteReference,
  NotePage,
  SharedNote,
  StaffSummary,
} from '@parley/contract';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import type { Db } from '../../db/client.ts';
import { type FieldError, forbidden, notFound, unprocessable } from '../../errors.ts';
import { isSupervisor, type Principal, requireStaff } from '../../principal.ts';
import { type EmitFrame, transact } from '../../realtime/frames.ts';
import { rooms } from '../../realtime/rooms.ts';
import {
  type CustomerDeps,
  canViewCustomer,
  findCustomerRow,
  findStaffSummary,
  recordCustomerEvent,
} from '../customers/index.ts';
import { parseReference } from './note-reference.ts';
import {
  deleteNoteRow,
  findChatOfCustomer,
  findNotePage,
  findNoteRow,
  findSharedNote,
  forgetNoteFrames,
  insertNoteRow,
} from './notes.repo.ts';

export type NoteDeps = CustomerDeps;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_NOTE_LENGTH = 5000;

/** The author may delete their note; supervisors and admins may delete any. */
export function canDeleteNote(principal: Principal, authorId: string | null): boolean {
  if (isSupervisor(principal)) return true;
  return principal.kind === 'staff' && authorId !== null && principal.staffId === authorId;
}

const forViewer = (principal: Principal, note: SharedNote): Note => ({
  ...note,
  canDelete: canDeleteNote(principal, note.author?.id ?? null),
});

async function actorOf(db: Db, staffId: string, role: StaffSummary['role']) {
  return (await findStaffSummary(db, staffId)) ?? { id: staffId, name: 'Former colleague', role };
}

async function assertCustomer(deps: NoteDeps, principal: Principal, customerId: string) {
  if (!canViewCustomer(principal) || !(await findCustomerRow(deps.db, customerId)))
    throw notFound('No such customer.');
}

export async function listNotes(
  deps: NoteDeps,
  principal: Principal,
  customerId: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<NotePage> {
  await assertCustomer(deps, principal, customerId);
  const after = decodeCursor(query.cursor, { at: 'time', id: 'uuid' });
  const page = await findNotePage(deps.db, customerId, after, query.limit);
  return {
    items: page.notes.map((note) => forViewer(principal, note)),
    nextCursor: page.next ? encodeCursor(page.next) : null,
  };
}

/**
 * Writes a note with its `note_added` event (no text in it) and announces both, in the caller's
 * transaction. For other features too: the wrap-up note of a closed chat.
 */
export async function writeNote(
  tx: Db,
  emit: EmitFrame,
  input: {
    customerId: string;
    body: string;
    reference: NoteReference | null;
    chatId: string | null;
    ticketId: string | null;
    author: StaffSummary;
  },
): Promise<SharedNote> {
  const row = await insertNoteRow(tx, {
    customerId: input.customerId,
    body: input.body,
    referenceKind: input.reference?.kind ?? null,
    referenceValue: input.reference?.value ?? null,
    chatId: input.chatId,
    ticketId: input.ticketId,
    authorId: input.author.id,
  });
  const note = await findSharedNote(tx, row.id);
  if (!note) throw new Error('note vanished');
  await recordCustomerEvent(tx, emit, {
    customerId: input.customerId,
    chatId: input.chatId,
    type: 'note_added',
    actor: input.author,
    data: { noteId: row.id },
  });
  await emit({ type: 'note.created', rooms: [rooms.customer(input.customerId)], data: note });
  return note;
}

export async function addNote(
  deps: NoteDeps,
  principal: Principal,
  customerId: string,
  input: CreateNoteBody,
): Promise<Note> {
  const author = requireStaff(principal);
  await assertCustomer(deps, principal, customerId);
  const errors: FieldError[] = [];
  const body = input.body.trim();
  if (body === '') errors.push({ field: 'body', message: 'Write something first.' });
  if (body.length > MAX_NOTE_LENGTH)
    errors.push({ field: 'body', message: `Keep a note to ${MAX_NOTE_LENGTH} characters.` });
  const reference = parseReference(input.reference);
  if (!reference.ok) errors.push({ field: 'reference', message: reference.message });
  const chatId = input.chatId?.trim() || null;
  if (chatId && !(UUID.test(chatId) && (await findChatOfCustomer(deps.db, chatId, customerId))))
    errors.push({ field: 'chatId', message: 'That is not a chat of this customer.' });
  const ticketId = input.ticketId?.trim() || null;
  // A ticket keeps its conversation's row: the id names a `chats` row with `kind = 'ticket'`.
  if (
    ticketId &&
    !(UUID.test(ticketId) && (await findChatOfCustomer(deps.db, ticketId, customerId, 'ticket')))
  )
    errors.push({ field: 'ticketId', message: 'That is not a ticket of this customer.' });
  if (errors.length > 0) throw unprocessable('The note needs another look.', errors);

  const note = await transact(deps, async (tx, emit) =>
    writeNote(tx, emit, {
      customerId,
      body,
      reference: reference.ok ? reference.reference : null,
      chatId,
      ticketId,
      author: await actorOf(tx, author.staffId, author.role),
    }),
  );
  return forViewer(principal, note);
}

/**
 * Deletes a note for good. The `note_deleted` event says who and when, never what it said.
 */
export async function deleteNote(deps: NoteDeps, principal: Principal, id: string): Promise<void> {
  const deleter = requireStaff(principal);
  if (!UUID.test(id)) throw notFound('No such note.');
  await transact(deps, async (tx, emit) => {
    const note = await findNoteRow(tx, id, true);
    if (!note) throw notFound('No such note.');
    if (!canDeleteNote(principal, note.authorId))
      throw forbidden('Only the note’s author, a supervisor or an admin can delete it.');
    await deleteNoteRow(tx, id);
    await forgetNoteFrames(tx, id);
    const actor = await actorOf(tx, deleter.staffId, deleter.role);
    await recordCustomerEvent(tx, emit, {
      customerId: note.customerId,
      chatId: note.chatId,
      type: 'note_deleted',
      actor,
      data: { noteId: id, by: { id: actor.id, name: actor.name } },
    });
    await emit({
      type: 'note.deleted',
      rooms: [rooms.customer(note.customerId)],
      data: { id, customerId: note.customerId },
    });
  });
}
