import type { SharedNote } from '@parley/contract';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { channels, chats, notes, realtimeFrames, staff } from '../../db/schema.ts';

export type NoteRow = typeof notes.$inferSelect;

/** The exact stored time (microseconds), so a page boundary never skips or repeats a note. */
const createdAtText = sql<string>`to_char(${notes.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function selectNotes(db: Db) {
  return db
    .select({
      note: notes,
      at: createdAtText,
      author: { id: staff.id, name: staff.name, role: staff.role },
      chat: { id: chats.id, createdAt: chats.createdAt },
      channel: { id: channels.id, kind: channels.kind, name: channels.name },
    })
    .from(notes)
    .leftJoin(staff, eq(staff.id, notes.authorId))
    .leftJoin(chats, eq(chats.id, notes.chatId))
    .leftJoin(channels, eq(channels.id, chats.channelId));
}

type NoteSelection = Awaited<ReturnType<ReturnType<typeof selectNotes>['execute']>>[number];

function toSharedNote(row: NoteSelection): SharedNote {
  const note = row.note;
  return {
    id: note.id,
    customerId: note.customerId,
    body: note.body,
    reference:
      note.referenceKind && note.referenceValue
        ? { kind: note.referenceKind, value: note.referenceValue }
        : null,
    chatId: note.chatId,
    ticketId: note.ticketId,
    chat:
      row.chat?.id && row.channel?.id
        ? { id: row.chat.id, createdAt: row.chat.createdAt.toISOString(), channel: row.channel }
        : null,
    author: row.author?.id ? row.author : null,
    createdAt: note.createdAt.toISOString(),
  };
}

export type NoteCursor = { at: string; id: string };

/** A customer's notes, newest first, after the cursor's note. */
export async function findNotePage(
  db: Db,
  customerId: string,
  after: NoteCursor | undefined,
  limit: number,
) {
  const rows = await selectNotes(db)
    .where(
      and(
        eq(notes.customerId, customerId),
        after
          ? sql`(${notes.createdAt}, ${notes.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(notes.createdAt), desc(notes.id))
    .limit(limit + 1);
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return {
    notes: rows.slice(0, limit).map(toSharedNote),
    next: last ? { at: last.at, id: last.note.id } : undefined,
  };
}

export async function findSharedNote(db: Db, id: string): Promise<SharedNote | undefined> {
  const [row] = await selectNotes(db).where(eq(notes.id, id));
  return row ? toSharedNote(row) : undefined;
}

export async function findNoteRow(db: Db, id: string, lock = false) {
  const query = db.select().from(notes).where(eq(notes.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function insertNoteRow(db: Db, values: typeof notes.$inferInsert): Promise<NoteRow> {
  const [row] = await db.insert(notes).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function deleteNoteRow(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(notes).where(eq(notes.id, id)).returning({ id: notes.id });
  return rows.length > 0;
}

/** The chat, if it is one of this customer's (any status). */
export async function findChatOfCustomer(
  db: Db,
  chatId: string,
  customerId: string,
  kind?: 'ticket',
) {
  const [row] = await db
    .select({ id: chats.id })
    .from(chats)
    .where(
      and(
        eq(chats.id, chatId),
        eq(chats.customerId, customerId),
        kind ? eq(chats.kind, kind) : undefined,
      ),
    );
  return row;
}

/**
 * Drops the kept `note.created` frames of a deleted note, so its text does not linger in the
 * realtime record for resumes (a resuming client still gets `note.deleted`).
 */
export async function forgetNoteFrames(db: Db, id: string) {
  await db
    .delete(realtimeFrames)
    .where(
      and(eq(realtimeFrames.type, 'note.created'), sql`${realtimeFrames.data}->>'id' = ${id}`),
    );
}
