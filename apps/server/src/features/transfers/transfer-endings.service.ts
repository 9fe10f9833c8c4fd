import type { Db } from '../../db/client.ts';
import type { EmitFrame } from '../../realtime/frames.ts';
import { type ChatRow, setChatOpenTransfer } from '../chats/index.ts';
import { notify } from '../notifications/index.ts';
import type { Timer } from '../timers/index.ts';
import {
  findDueTransferIds,
  findTransferRow,
  lockOpenTransferOfChat,
  updateTransfer,
} from './transfers.repo.ts';
import {
  announceTransfer,
  closeOffer,
  lockChatAndTransfer,
  named,
  sendersOf,
  withdraw,
} from './transfers.service.ts';

/*
 * How an offer ends without an answer: withdrawn when its chat leaves the state it was offered in
 * (run by the chats' transitions), or returned to its sender when its time is up (the timer).
 * Both run in the caller's transaction with the chat's row locked before the offer's.
 */

/**
 * The chat (row locked) was closed, marked pending, flagged, sent back to the queue or assigned
 * elsewhere: its open offer is withdrawn in the same transaction (registered with the chats'
 * `onOpenTransferEnds` in app.ts). The transition announces the chat afterwards.
 */
export async function withdrawOpenTransfer(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  reason: string,
): Promise<void> {
  const open = await lockOpenTransferOfChat(tx, chat.id);
  if (open) await withdraw(tx, emit, chat, open, reason);
  else await setChatOpenTransfer(tx, chat.id, null);
}

/**
 * Returns an unanswered offer to its sender once its time is up, at most once: the chat's row
 * and then the offer's are locked, and the offer must still be open and due under the lock.
 */
export async function returnDueTransfer(
  tx: Db,
  emit: EmitFrame,
  id: string,
  now: Date,
): Promise<boolean> {
  const row = await findTransferRow(tx, id);
  if (!row || row.state !== 'offered') return false;
  const { chat, transfer } = await lockChatAndTransfer(tx, row);
  if (transfer.state !== 'offered' || transfer.expiresAt > now) return false;
  await updateTransfer(tx, transfer.id, { state: 'returned', answeredAt: now });
  const returned = await announceTransfer(tx, emit, transfer.id);
  await closeOffer(tx, emit, chat, {
    type: 'transfer_returned',
    actor: { kind: 'system' },
    data: {
      to: {
        ...(returned.toAgent ? { agent: named(returned.toAgent) } : {}),
        ...(returned.toDepartment ? { department: named(returned.toDepartment) } : {}),
      },
    },
  });
  for (const sender of sendersOf(transfer))
    await notify(tx, emit, {
      staffId: sender,
      kind: 'transfer_returned',
      chatId: chat.id,
      data: {
        transferId: transfer.id,
        to: named(returned.toAgent) ?? named(returned.toDepartment),
      },
    });
  return true;
}

/** The transfer offer expiry, for the timer worker: an unanswered offer returns to the sender. */
export const transferOfferTimer: Timer = {
  name: 'transfer-offer',
  findDue: (db, ctx, limit) => findDueTransferIds(db, ctx.now, limit),
  fire: (tx, emit, id, ctx) => returnDueTransfer(tx, emit, id, ctx.now),
};
