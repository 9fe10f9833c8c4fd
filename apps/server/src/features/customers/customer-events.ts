import type { ChatEvent, StaffSummary } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import type { Emit } from '../../realtime/events.ts';
import { rooms } from '../../realtime/rooms.ts';
import { insertCustomerEvent } from './customers.repo.ts';

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
  const to = [rooms.customer(e.customerId)];
  if (e.chatId) to.push(rooms.chat(e.chatId));
  await emit({ type: 'event.created', rooms: to, data: event });
  return event;
}
