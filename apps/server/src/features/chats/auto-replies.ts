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

export type AutoReplyKind = 'inactivity_warning' | 'chat_ended';

const defaultTexts: Record<AutoReplyKind, string> = {
  inactivity_warning:
    "Are you still there? This chat will close in {minutes} minutes if we don't hear from you.",
  chat_ended: 'This chat has ended. Write again any time to start a new one.',
};

/** The words of an auto-reply, with its `{placeholders}` filled in. */
export function autoReplyText(
  kind: AutoReplyKind,
  vars: Record<string, string | number> = {},
): string {
  return defaultTexts[kind].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
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
  const target = await findAutoReplyTarget(tx, chat);
  if (!target || target.optedOutAt) return { sent: false, queued: false };
  const direct = target.channelKind === 'webchat';
  const row = await insertAutoReply(tx, {
    chatId: chat.id,
    channelId: chat.channelId,
    text: autoReplyText(kind, vars),
    status: direct ? 'sent' : 'queued',
  });
  if (!direct) await queueForDelivery(tx, row.id);
  const [message] = await toMessages(tx, [row], target.customerName);
  await emit({ type: 'message.created', rooms: customerVisibleRooms(chat), data: message! });
  await enqueueWebhookEvent(tx, 'message.out', message!);
  return { sent: true, queued: !direct };
}
