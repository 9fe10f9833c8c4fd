import type { MessageContent, Reaction } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { type EmitFrame, transact } from '../../realtime/frames.ts';
import { customerVisibleRooms, rooms } from '../../realtime/rooms.ts';
import { normalizePhone, toCustomer } from '../customers/index.ts';
import { enqueueWebhookEvent } from '../webhooks/index.ts';
import { recordEvent } from './chat-events.service.ts';
import { toMessages } from './chat-payloads.repo.ts';
import { findChatRow } from './chats.repo.ts';
import type { ChatDeps } from './chats.service.ts';
import {
  editMessage,
  lockEarlierMessage,
  moveCustomerNumber,
  revokeMessage,
  setMessageReactions,
} from './inbound-actions.repo.ts';

/**
 * What a customer's message does to an earlier message or to the customer. Reactions, edits and
 * deletions change the message they name and store no row of their own, so a replay must change
 * nothing: each is applied only when newer than what the message already shows.
 */
export type InboundAction =
  | { kind: 'react'; target: string; emoji: string | null }
  | { kind: 'edit'; target: string }
  | { kind: 'revoke'; target: string }
  | { kind: 'number-changed'; to: string }
  | { kind: 'identity-changed' };

export type EarlierMessageAction = Extract<InboundAction, { target: string }>;

/**
 * Applies a reaction, edit or deletion to the sender's earlier message. Answers undefined when we
 * do not have that message (the caller then stores the action as a message of its own), else the
 * chat and whether anything changed (a replay or an older action changes nothing).
 */
export async function applyToEarlierMessage(
  deps: ChatDeps,
  input: {
    channelId: string;
    phone: string;
    action: EarlierMessageAction;
    text: string;
    content: MessageContent | null;
    at: Date;
  },
): Promise<{ chatId: string; changed: boolean } | undefined> {
  return transact(deps, async (tx, emit) => {
    const { action, at } = input;
    const target = await lockEarlierMessage(tx, {
      channelId: input.channelId,
      providerMessageId: action.target,
      phone: input.phone,
      inboundOnly: action.kind !== 'react',
    });
    if (!target) return undefined;
    const unchanged = { chatId: target.chatId, changed: false };
    let row;
    if (action.kind === 'react') {
      const theirs = target.reactions.find((r) => r.by === 'customer');
      if (theirs && theirs.at >= at.toISOString()) return unchanged;
      // A reaction taken back stays as an empty mark, so an older one replayed stays ignored.
      const mine: Reaction = { emoji: action.emoji ?? '', by: 'customer', at: at.toISOString() };
      row = await setMessageReactions(tx, target.id, [
        ...target.reactions.filter((r) => r.by !== 'customer'),
        mine,
      ]);
    } else if (action.kind === 'edit') {
      if (target.editedAt && target.editedAt.getTime() >= at.getTime()) return unchanged;
      // A new caption updates the picture's content; the file itself never changes.
      const content =
        target.content && input.content && target.content.kind === input.content.kind
          ? input.content
          : target.content;
      row = await editMessage(tx, target.id, { text: input.text, content, at });
    } else {
      row = await revokeMessage(tx, target.id, at);
      if (!row) return unchanged;
    }
    if (!row) return unchanged;
    const chat = await findChatRow(tx, row.chatId);
    const [frame] = await toMessages(tx, [row], target.customerName);
    if (frame && chat)
      await emit({ type: 'message.updated', rooms: customerVisibleRooms(chat), data: frame });
    return { chatId: row.chatId, changed: true };
  });
}

/**
 * The customer's number changed (their chats and history move with them, unless someone else
 * already has the new number: then only the event says so), or their security code did. Runs in
 * the transaction that stored the notification's line, so a replay does nothing twice.
 */
export async function applyCustomerChange(
  tx: Db,
  emit: EmitFrame,
  change: {
    action: Extract<InboundAction, { kind: 'number-changed' | 'identity-changed' }>;
    chatId: string;
    customer: { id: string; phone: string };
    defaultRegion: string;
  },
): Promise<{ movedTo: string } | undefined> {
  const { action, customer, chatId } = change;
  const base = { chatId, customerId: customer.id, actor: { kind: 'customer' as const } };
  if (action.kind === 'identity-changed') {
    await recordEvent(tx, emit, { ...base, type: 'customer_identity_changed' });
    return undefined;
  }
  const next = normalizePhone(action.to, change.defaultRegion);
  const to = next.ok ? next.e164 : action.to;
  const moved =
    next.ok && next.e164 !== customer.phone
      ? await moveCustomerNumber(tx, customer.id, next.e164)
      : undefined;
  await recordEvent(tx, emit, {
    ...base,
    type: 'customer_number_changed',
    data: { from: customer.phone, to, moved: Boolean(moved) },
  });
  if (!moved) return undefined;
  const payload = toCustomer(moved);
  await emit({ type: 'customer.updated', rooms: [rooms.customer(customer.id)], data: payload });
  await enqueueWebhookEvent(tx, 'customer.updated', payload);
  return { movedTo: moved.phone };
}
