import type { Attachment } from '@parley/contract';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { attachments } from '../../db/schema.ts';

export type AttachmentRow = typeof attachments.$inferSelect;

/** Where a file is served to staff; the widget has its own path (widget-message.ts). */
export const attachmentUrl = (id: string) => `/api/attachments/${id}`;

/** The one builder of the Attachment payload, in REST answers and frames alike. */
export function toAttachment(row: AttachmentRow): Attachment {
  const ready = row.state === 'ready';
  return {
    id: row.id,
    name: row.name,
    contentType: row.contentType,
    size: row.size,
    url: attachmentUrl(row.id),
    state: row.state,
    failureReason: row.failureReason,
    thumbnailUrl: ready && row.thumbnailKey ? `${attachmentUrl(row.id)}?variant=thumbnail` : null,
    width: row.width,
    height: row.height,
  };
}

/** The attachments of these messages, in the order they were added, by message id. */
export async function findAttachmentsOf(
  db: Db,
  messageIds: string[],
): Promise<Map<string, Attachment[]>> {
  const byMessage = new Map<string, Attachment[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .select()
    .from(attachments)
    .where(inArray(attachments.messageId, messageIds))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  for (const row of rows) {
    const list = byMessage.get(row.messageId!) ?? [];
    list.push(toAttachment(row));
    byMessage.set(row.messageId!, list);
  }
  return byMessage;
}

export async function findAttachment(db: Db, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  return row;
}
