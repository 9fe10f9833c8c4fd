import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chatTags, comments, staff } from '../../db/schema.ts';

export type CommentRow = typeof comments.$inferSelect;
export type StaffSummary = { id: string; name: string; role: 'admin' | 'supervisor' | 'agent' };

/** Names and roles of these staff members, for showing who wrote and who was mentioned. */
export async function findStaffSummaries(db: Db, ids: string[]): Promise<StaffSummary[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: staff.id, name: staff.name, role: staff.role })
    .from(staff)
    .where(inArray(staff.id, ids));
}

export async function findCommentsOfChat(db: Db, chatId: string): Promise<CommentRow[]> {
  return db
    .select()
    .from(comments)
    .where(eq(comments.chatId, chatId))
    .orderBy(asc(comments.createdAt));
}

export async function insertComment(
  db: Db,
  values: { chatId: string; authorId: string; body: string; mentions: string[] },
): Promise<CommentRow> {
  const [row] = await db.insert(comments).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Tags a colleague into the chat; false when they were tagged into it already. */
export async function insertChatTag(
  db: Db,
  values: { chatId: string; staffId: string; taggedById: string },
): Promise<boolean> {
  const fresh = await db
    .insert(chatTags)
    .values(values)
    .onConflictDoNothing()
    .returning({ staffId: chatTags.staffId });
  return fresh.length > 0;
}

/**
 * The kept `comment.created` frames of a chat. A comment and its frame are written in one
 * transaction, so they share its now(): frames older than the chat's first comment cannot be
 * comment frames, and the created_at index keeps this from reading the whole realtime record.
 * Run it before the comments themselves are deleted.
 */
export async function deleteCommentFramesOfChat(db: Db, chatId: string): Promise<void> {
  await db.execute(sql`
    delete from realtime_frames
     where type = 'comment.created'
       and created_at >= (select min(created_at) from comments where chat_id = ${chatId})
       and data->>'chatId' = ${chatId}`);
}

export async function deleteCommentsOfChat(db: Db, chatId: string): Promise<void> {
  await db.execute(sql`delete from comments where chat_id = ${chatId}`);
}

export async function deleteTagsOfChat(db: Db, chatId: string): Promise<void> {
  await db.execute(sql`delete from chat_tags where chat_id = ${chatId}`);
}
