import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { attachments } from '../../db/schema.ts';
import type { AttachmentRow } from './attachment-payloads.repo.ts';
import type { StoredFile } from './ingest.ts';

/** Who uploaded a file: a member of staff into a chat, or a web-chat visitor's session. */
export type Uploader = { staffId: string } | { widgetSessionId: string };

/** An uploaded file, ready and not yet sent: it waits for the message that carries it. */
export async function insertUpload(
  db: Db,
  upload: { chatId: string | null; file: StoredFile; by: Uploader },
): Promise<AttachmentRow> {
  const [row] = await db
    .insert(attachments)
    .values({
      chatId: upload.chatId,
      name: upload.file.name,
      contentType: upload.file.contentType,
      size: upload.file.size,
      sha256: upload.file.sha256,
      storageKey: upload.file.storageKey,
      thumbnailKey: upload.file.thumbnailKey,
      width: upload.file.width,
      height: upload.file.height,
      state: 'ready',
      uploadedByStaffId: 'staffId' in upload.by ? upload.by.staffId : null,
      uploadedByWidgetSessionId: 'widgetSessionId' in upload.by ? upload.by.widgetSessionId : null,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** These attachments (ids that are not ids match nothing); locked when a send will claim them. */
export async function findUploads(db: Db, ids: string[], lock = false): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  const query = db.select().from(attachments).where(inArray(attachments.id, ids));
  return lock ? query.for('update') : query;
}

/** Hands uploads to the message that sends them (only those still unsent). */
export async function attachUploads(
  tx: Db,
  ids: string[],
  target: { chatId: string; messageId: string },
): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await tx
    .update(attachments)
    .set({ chatId: target.chatId, messageId: target.messageId })
    .where(and(inArray(attachments.id, ids), isNull(attachments.messageId)))
    .returning({ id: attachments.id });
  return rows.length;
}

export async function findAttachmentRow(db: Db, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  return row;
}

/** The attachments a message carries, in the order they were added. */
export async function findMessageFiles(db: Db, messageId: string): Promise<AttachmentRow[]> {
  return db
    .select()
    .from(attachments)
    .where(eq(attachments.messageId, messageId))
    .orderBy(attachments.createdAt, attachments.id);
}
