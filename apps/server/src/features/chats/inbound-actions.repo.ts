import type { MessageContent, Reaction } from '@parley/contract';
import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { attachments, customers, messages, outbox } from '../../db/schema.ts';
import type { AttachmentSource } from '../../db/schema.ts';
import type { MessageRow } from './chat-payloads.repo.ts';

/*
 * What a customer's message does besides being stored: its files wait to be fetched, it quotes an
 * earlier message, or it reacts to, edits or deletes one. Earlier messages are found by the
 * provider's id, and only in the sender's own conversations on the channel.
 */

/** Each file shows at once as downloading; the outbox fetches it from its source. */
export async function insertMediaFetches(
  tx: Db,
  message: { chatId: string; messageId: string },
  files: { name: string; contentType: string; source: AttachmentSource }[],
) {
  for (const file of files) {
    const [row] = await tx
      .insert(attachments)
      .values({
        chatId: message.chatId,
        messageId: message.messageId,
        name: file.name,
        contentType: file.contentType,
        state: 'downloading',
        source: file.source,
      })
      .returning({ id: attachments.id });
    if (!row) throw new Error('attachment insert returned nothing');
    await tx.insert(outbox).values({ attachmentId: row.id, messageId: null, state: 'pending' });
  }
}

/**
 * The sender's earlier message with this provider id, locked for a change: either direction (a
 * customer reacts to our replies too), or only theirs (`inboundOnly`, for edits and deletions).
 */
export async function lockEarlierMessage(
  tx: Db,
  where: { channelId: string; providerMessageId: string; phone: string; inboundOnly: boolean },
): Promise<(MessageRow & { customerName: string | null }) | undefined> {
  const direction = where.inboundOnly ? sql`and m.direction = 'in'` : sql``;
  const [found] = await queryRows<{ id: string; customer_name: string | null }>(
    tx,
    sql`select m.id, cu.name as customer_name from messages m
        join chats c on c.id = m.chat_id
        join customers cu on cu.id = c.customer_id
        where m.channel_id = ${where.channelId} and m.provider_message_id = ${where.providerMessageId}
          and cu.phone = ${where.phone} ${direction}
        order by m.direction limit 1
        for update of m`,
  );
  if (!found) return undefined;
  const [row] = await tx.select().from(messages).where(eq(messages.id, found.id));
  return row ? { ...row, customerName: found.customer_name } : undefined;
}

/** The quoted message's id and reading, when it is in this customer's conversations. */
export async function findQuotedMessage(
  tx: Db,
  where: { channelId: string; providerMessageId: string; customerId: string },
): Promise<{ id: string; text: string } | undefined> {
  const [row] = await queryRows<{ id: string; text: string }>(
    tx,
    sql`select m.id, m.text from messages m join chats c on c.id = m.chat_id
        where m.channel_id = ${where.channelId} and m.provider_message_id = ${where.providerMessageId}
          and c.customer_id = ${where.customerId}
        order by m.direction limit 1`,
  );
  return row;
}

export async function setMessageReactions(tx: Db, id: string, reactions: Reaction[]) {
  const [row] = await tx.update(messages).set({ reactions }).where(eq(messages.id, id)).returning();
  return row;
}

/** The new wording replaces the text; the first wording is kept once. */
export async function editMessage(
  tx: Db,
  id: string,
  change: { text: string; content: MessageContent | null; at: Date },
) {
  const [row] = await tx
    .update(messages)
    .set({
      text: change.text,
      content: change.content,
      originalText: sql`coalesce(${messages.originalText}, ${messages.text})`,
      editedAt: change.at,
    })
    .where(eq(messages.id, id))
    .returning();
  return row;
}

export async function revokeMessage(tx: Db, id: string, at: Date) {
  const [row] = await tx
    .update(messages)
    .set({ revokedAt: at })
    .where(and(eq(messages.id, id), sql`${messages.revokedAt} is null`))
    .returning();
  return row;
}

/** Moves a customer to a new number unless someone else has it; answers whether it moved. */
export async function moveCustomerNumber(tx: Db, customerId: string, phone: string) {
  const [taken] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.phone, phone));
  if (taken) return undefined;
  const [row] = await tx
    .update(customers)
    .set({ phone, version: sql`${customers.version} + 1`, updatedAt: new Date() })
    .where(eq(customers.id, customerId))
    .returning();
  return row;
}
