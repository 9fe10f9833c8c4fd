import type { AutoReplyKind } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import type { EmitFrame } from '../../realtime/frames.ts';
import { customerVisibleRooms } from '../../realtime/rooms.ts';
import { enqueueWebhookEvent } from '../webhooks/index.ts';
import { toMessages } from './chat-payloads.repo.ts';
import {
  defaultAutoReplyTexts,
  fillPlaceholders,
  resolveAutoReplyText,
} from '../auto-replies/index.ts';
import {
  type AutoReplyTarget,
  countQueuePosition,
  findAutoReplyTarget,
  insertAutoReply,
} from './chat-timers.repo.ts';
import { type ChatRow, findChatRow } from './chats.repo.ts';
import { queueForDelivery } from './messages.repo.ts';

/*
 * Auto-replies: what the system itself says to the customer, in the chat, as Parley. The words
 * come from the auto-replies feature (the admins' texts per department and language, else the
 * built-in English ones); this sends them.
 */

export type { AutoReplyKind };

/** The built-in words of an auto-reply, with its `{placeholders}` filled in. */
export function autoReplyText(
  kind: AutoReplyKind,
  vars: Record<string, string | number> = {},
): string | null {
  const text = defaultAutoReplyTexts[kind];
  return text === null ? null : fillPlaceholders(text, vars);
}

/** The placeholders every auto-reply may use, from the chat as it now is. */
function placeholdersOf(target: AutoReplyTarget): Record<string, string> {
  return {
    customer: target.customerName?.trim() || 'there',
    agent: target.agentName?.trim().split(/\s+/)[0] || 'our team',
    department: target.departmentName,
  };
}

/** Placeholder values; a function is asked for its words in the reply's language. */
export type AutoReplyVars = Record<string, string | number | ((language: string) => string)>;

/**
 * Writes an auto-reply into the chat and sends it the way a staff reply goes (the widget's socket
 * for web chat, the outbox otherwise), in the caller's transaction. Never to a customer who opted
 * out, and not at all when there are no words for it (`directing` until an admin writes it). The
 * placeholders `{customer}`, `{agent}` and `{department}` come from the chat as it now is (call it
 * after the change that gave the chat its agent); `vars` adds or overrides others. Answers
 * whether the outbox has something new: the caller wakes it after the commit.
 */
export async function sendAutoReply(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  kind: AutoReplyKind,
  vars: AutoReplyVars = {},
): Promise<{ sent: boolean; queued: boolean }> {
  const target = await findAutoReplyTarget(tx, chat.id);
  if (!target || target.optedOutAt) return { sent: false, queued: false };
  const words = await resolveAutoReplyText(tx, {
    kind,
    departmentId: target.departmentId,
    language: target.language,
  });
  if (words === null) return { sent: false, queued: false };
  // A value that depends on the language (a date) is said in the language of the words chosen.
  const said = Object.fromEntries(
    Object.entries(vars).map(([name, value]) => [
      name,
      typeof value === 'function' ? value(words.language) : value,
    ]),
  );
  const text = fillPlaceholders(words.text, { ...placeholdersOf(target), ...said });
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

/**
 * The "all busy" auto-reply with the chat's place in its department's queue, when the chat is
 * still a chat waiting there once routing (and whatever else may take it: a ticket) had its turn.
 */
export async function tellCustomerTheyWait(tx: Db, emit: EmitFrame, chatId: string) {
  const chat = await findChatRow(tx, chatId);
  if (!chat || chat.kind !== 'chat' || chat.status !== 'queued')
    return { sent: false, queued: false };
  const position = await countQueuePosition(tx, chat);
  return sendAutoReply(tx, emit, chat, 'all_busy', { position });
}
