import type { AutoReplyKind } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import type { EmitFrame } from '../../realtime/frames.ts';
import { customerVisibleRooms } from '../../realtime/rooms.ts';
import { enqueueWebhookEvent } from '../webhooks/index.ts';
import { toMessages } from './chat-payloads.repo.ts';
import { findAutoReplyTarget, insertAutoReply } from './chat-timers.repo.ts';
import type { ChatRow } from './chats.repo.ts';
import { queueForDelivery } from './messages.repo.ts';

/*
 * Auto-replies: what the system itself says to the customer, in the chat, as Parley. For now one
 * text per kind; the texts become editable per department and language later, behind
 * `autoReplyText`.
 */

export type { AutoReplyKind };

/** The built-in English texts; `directing` has none, so it is sent only once an admin writes it. */
const defaultTexts: Record<AutoReplyKind, string | null> = {
  directing: null,
  connecting: "You're chatting with {agent}.",
  out_of_hours:
    "We're closed right now. We open again {opening}, and we'll answer your message then.",
  all_busy: 'All our agents are busy. You are number {position} in the queue; please stay with us.',
  chat_ended: 'This chat has ended. Write again any time to start a new one.',
  ticket_created:
    "Nobody is free to chat right now, so we've made a ticket of your message. We'll get back to you here.",
  inactivity_warning:
    "Are you still there? This chat will close in {minutes} minutes if we don't hear from you.",
  pending_warning:
    "We haven't heard back from you. This chat will close in {minutes} minutes; write to keep it open.",
};

/** The words of an auto-reply, with its `{placeholders}` filled in. */
export function autoReplyText(
  kind: AutoReplyKind,
  vars: Record<string, string | number> = {},
): string | null {
  return (
    (defaultTexts[kind] ?? null)?.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in vars ? String(vars[name]) : whole,
    ) ?? null
  );
}

/**
 * Writes an auto-reply into the chat and sends it the way a staff reply goes (the widget's socket
 * for web chat, the outbox otherwise), in the caller's transaction. Never to a customer who opted
 * out. Answers whether the outbox has something new: the caller wakes it after the commit.
 */
export async function sendAutoReply(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  kind: AutoReplyKind,
  vars: Record<string, string | number> = {},
): Promise<{ sent: boolean; queued: boolean }> {
  const text = autoReplyText(kind, vars);
  if (text === null) return { sent: false, queued: false };
  const target = await findAutoReplyTarget(tx, chat);
  if (!target || target.optedOutAt) return { sent: false, queued: false };
  const direct = target.channelKind === 'webchat';
  const row = await insertAutoReply(tx, {
    chatId: chat.id,
    channelId: chat.channelId,
    text,
    status: direct ? 'sent' : 'queued',
  });
  if (!direct) await queueForDelivery(tx, row.id);
  const [message] = await toMessages(tx, [row], target.customerName);
  await emit({ type: 'message.created', rooms: customerVisibleRooms(chat), data: message! });
  await enqueueWebhookEvent(tx, 'message.out', message!);
  return { sent: true, queued: !direct };
}
