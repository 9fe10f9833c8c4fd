import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { findChannel as findCachedChannel } from '../chats/index.ts';
import { channels, chats, customers, messages } from '../../db/schema.ts';

export type ChannelRow = typeof channels.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

/** Read through the chats feature's short cache: every inbound message needs its channel. */
export const findChannel: (db: Db, id: string) => Promise<ChannelRow | undefined> =
  findCachedChannel;

/** The name shown on the customer's messages, for turning rows into contract Messages. */
export async function findCustomerNameOfChat(db: Db, chatId: string): Promise<string | null> {
  const [row] = await db
    .select({ name: customers.name })
    .from(chats)
    .innerJoin(customers, eq(customers.id, chats.customerId))
    .where(eq(chats.id, chatId));
  return row?.name ?? null;
}

/**
 * The states a message may move to `status` from. Statuses only move forward
 * (queued < sent < delivered < read), and a failure counts unless the customer already read it:
 * providers deliver status callbacks out of order, and a late "delivered" must not undo "read".
 */
const movesFrom: Record<DeliveryStatus, MessageRow['status'][]> = {
  sent: ['queued'],
  delivered: ['queued', 'sent'],
  read: ['queued', 'sent', 'delivered'],
  failed: ['queued', 'sent', 'delivered'],
};

/** Moves our outbound message with this provider id forward; undefined when nothing changed. */
export async function advanceOutboundStatus(
  db: Db,
  input: {
    channelId: string;
    providerMessageId: string;
    status: DeliveryStatus;
    reason?: string | undefined;
  },
): Promise<MessageRow | undefined> {
  const [row] = await db
    .update(messages)
    .set({
      status: input.status,
      ...(input.status === 'failed'
        ? { failureReason: input.reason ?? 'The provider could not deliver the message.' }
        : {}),
    })
    .where(
      and(
        eq(messages.channelId, input.channelId),
        eq(messages.direction, 'out'),
        eq(messages.providerMessageId, input.providerMessageId),
        inArray(messages.status, movesFrom[input.status]),
      ),
    )
    .returning();
  return row;
}

/** Everything the outbox needs to send one message: the text, where to, and through what. */
export async function findDelivery(db: Db, messageId: string) {
  const [row] = await db
    .select({
      message: messages,
      customer: { phone: customers.phone, name: customers.name, optedOutAt: customers.optedOutAt },
      channel: channels,
    })
    .from(messages)
    .innerJoin(chats, eq(chats.id, messages.chatId))
    .innerJoin(customers, eq(customers.id, chats.customerId))
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(eq(messages.id, messageId));
  return row;
}

/** Records the provider's acceptance. A status callback that raced ahead is not undone. */
export async function markMessageSent(
  db: Db,
  messageId: string,
  providerMessageId: string | undefined,
): Promise<MessageRow | undefined> {
  const [row] = await db
    .update(messages)
    .set({
      status: sql`case when ${messages.status} = 'queued' then 'sent'::message_status else ${messages.status} end`,
      providerMessageId: providerMessageId ?? null,
    })
    .where(eq(messages.id, messageId))
    .returning();
  return row;
}

export async function markMessageFailed(
  db: Db,
  messageId: string,
  reason: string,
): Promise<MessageRow | undefined> {
  const [row] = await db
    .update(messages)
    .set({ status: 'failed', failureReason: reason })
    .where(eq(messages.id, messageId))
    .returning();
  return row;
}
