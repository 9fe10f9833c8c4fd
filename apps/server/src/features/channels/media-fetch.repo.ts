import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { attachments, chats, customers, messages } from '../../db/schema.ts';
import type { StoredFile } from '../files/index.ts';

/** A file to fetch, with the message it belongs to and what decides who hears of it. */
export async function findMediaJob(db: Db, attachmentId: string) {
  const [row] = await db
    .select({
      attachment: attachments,
      message: messages,
      chat: {
        id: chats.id,
        customerId: chats.customerId,
        channelId: chats.channelId,
        unverified: chats.unverified,
        widgetSessionId: chats.widgetSessionId,
      },
      customerName: customers.name,
    })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .innerJoin(chats, eq(chats.id, messages.chatId))
    .innerJoin(customers, eq(customers.id, chats.customerId))
    .where(eq(attachments.id, attachmentId));
  return row;
}

/** The file is in the store: what it turned out to be. Only a file still downloading changes. */
export async function markAttachmentReady(db: Db, id: string, file: StoredFile) {
  const rows = await db
    .update(attachments)
    .set({
      state: 'ready',
      failureReason: null,
      name: file.name,
      contentType: file.contentType,
      size: file.size,
      sha256: file.sha256,
      storageKey: file.storageKey,
      thumbnailKey: file.thumbnailKey,
      width: file.width,
      height: file.height,
    })
    .where(and(eq(attachments.id, id), eq(attachments.state, 'downloading')))
    .returning({ id: attachments.id });
  return rows.length > 0;
}

export async function markAttachmentFailed(db: Db, id: string, reason: string) {
  const rows = await db
    .update(attachments)
    .set({ state: 'failed', failureReason: reason })
    .where(and(eq(attachments.id, id), eq(attachments.state, 'downloading')))
    .returning({ id: attachments.id });
  return rows.length > 0;
}
