import type { ChatEvent, StaffSummary } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import type { EmitFrame } from '../../realtime/frames.ts';
import { rooms } from '../../realtime/rooms.ts';
import { insertCustomerEvent } from './customers.repo.ts';

/**
 * Writes an immutable event about a customer and announces it once to the customer's room, and
 * to the chat's room too when it happened on a chat (the conversation shows events inline).
 */
export async function recordCustomerEvent(
  tx: Db,
  emit: EmitFrame,
  change: {
    customerId: string;
    chatId: string | null;
    type: string;
    actor: StaffSummary;
    data: Record<string, unknown>;
  },
): Promise<ChatEvent> {
  // One frame, sent here, reaches both rooms: the chat's room hears no second copy.
  const row = await insertCustomerEvent(tx, {
    customerId: change.customerId,
    chatId: change.chatId,
    type: change.type,
    staffId: change.actor.id,
    data: change.data,
  });
  const event: ChatEvent = {
    id: row.id,
    chatId: row.chatId,
    customerId: row.customerId,
    type: row.type,
    actor: { kind: 'staff', ...change.actor },
    data: row.data,
    at: row.at.toISOString(),
    seq: row.seq,
  };
  const to = [rooms.customer(change.customerId)];
  if (change.chatId) to.push(rooms.chat(change.chatId));
  await emit({ type: 'event.created', rooms: to, data: event });
  return event;
}
