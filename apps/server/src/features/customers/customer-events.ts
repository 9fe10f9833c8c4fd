import type { ChatEvent, StaffSummary } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { type Emit, rooms as frameRooms } from '../../realtime/events.ts';
import { insertCustomerEvent } from './customers.repo.ts';

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
  // One frame, sent here, reaches both rooms: the chat's room hears no second copy.
  const row = await insertCustomerEvent(tx, {
    customerId: e.customerId,
    chatId: e.chatId,
    type: e.type,
    staffId: e.actor.id,
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
  if (e.chatId) rooms.push(frameRooms.chat(e.chatId));
  await emit({ type: 'event.created', rooms, data: event });
  return event;
}
