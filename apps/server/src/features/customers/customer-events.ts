import type { ChatEvent, StaffSummary } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import type { Emit } from '../../realtime/events.ts';
import { chatRoom, recordEvent } from '../chats/index.ts';

/** Everyone with this customer open: profile saves, notes and the customer's events. */
export const customerRoom = (id: string) => `customer:${id}`;

/**
 * Writes an immutable event about a customer and announces it once to the customer's room, and
 * to the chat's room too when it happened on a chat (the conversation shows events inline).
 */
export async function recordCustomerEvent(
  tx: Db,
  emit: Emit,
  e: {
    customerId: string;
    chatId: string | null;
    type: string;
    actor: StaffSummary;
    data: Record<string, unknown>;
  },
): Promise<ChatEvent> {
  // The row is written by the chats feature; the frame is ours, so one frame reaches both rooms.
  const row = await recordEvent(tx, async () => undefined, {
    chatId: e.chatId,
    customerId: e.customerId,
    type: e.type,
    actor: { kind: 'staff', staffId: e.actor.id },
    data: e.data,
  });
  const event: ChatEvent = {
    id: row.id,
    chatId: row.chatId,
    customerId: row.customerId,
    type: row.type,
    actor: { kind: 'staff', ...e.actor },
    data: row.data,
    at: row.at.toISOString(),
    seq: row.seq,
  };
  const rooms = [customerRoom(e.customerId)];
  if (e.chatId) rooms.push(chatRoom(e.chatId));
  await emit({ type: 'event.created', rooms, data: event });
  return event;
}
