import type { Db } from '../../db/client.ts';
import { type Notifier, transact } from '../../realtime/frames.ts';
import { rooms } from '../../realtime/rooms.ts';
import { toMessages } from '../chats/index.ts';
import {
  advanceOutboundStatus,
  type DeliveryStatus,
  findCustomerNameOfChat,
} from './channels.repo.ts';

export type DeliveryStatusInput = {
  channelId: string;
  providerMessageId: string;
  status: DeliveryStatus;
  /** Why it failed, as a sentence for the agent; only used with status 'failed'. */
  reason?: string | undefined;
};

/**
 * A provider reports what became of one of our replies. Statuses only move forward, an unknown
 * id is ignored (it may be another system's message on a shared number), and each change reaches
 * the chat's room. True when the message changed.
 */
export async function applyDeliveryStatus(
  deps: { db: Db; notifier: Notifier },
  input: DeliveryStatusInput,
): Promise<boolean> {
  return transact(deps, async (tx, emit) => {
    const row = await advanceOutboundStatus(tx, input);
    if (!row) return false;
    const [frame] = await toMessages(tx, [row], await findCustomerNameOfChat(tx, row.chatId));
    if (frame)
      await emit({ type: 'message.updated', rooms: [rooms.chat(row.chatId)], data: frame });
    return true;
  });
}
