import type { Notification } from '@parley/contract';

function nameAt(data: Record<string, unknown>, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = data[key];
    if (typeof value === 'object' && value !== null && 'name' in value) {
      const name = (value as { name: unknown }).name;
      if (typeof name === 'string' && name.trim()) return name;
    }
  }
  return null;
}

function textAt(data: Record<string, unknown>, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** The customer the notification is about: from its data, else what the desk knows, else none. */
function customerIn(notification: Notification, known: string | null): string | null {
  const named = textAt(notification.data, 'customerName');
  if (named) return named;
  const customer = notification.data.customer;
  if (typeof customer === 'object' && customer !== null) {
    const { name, phone } = customer as { name?: unknown; phone?: unknown };
    if (typeof name === 'string' && name.trim()) return name.trim();
    if (typeof phone === 'string' && phone) return phone;
  }
  return known;
}

/** "the chat with Thandi Nkosi", or "a chat" while the desk does not know whose it is. */
const theChat = (customer: string | null) => (customer ? `the chat with ${customer}` : 'a chat');

/**
 * One bell item in words: who (bold) and what, as one sentence. `customer` is what the desk
 * already knows about the chat's customer, used when the notification's data does not say.
 */
export function notificationSentence(
  notification: Notification,
  customer: string | null,
): { who: string; what: string } {
  const data = notification.data;
  const who = customerIn(notification, customer);
  switch (notification.kind) {
    case 'mention':
      return { who: nameAt(data, 'by') ?? 'A colleague', what: 'tagged you' };
    case 'transfer_offer': {
      const department = nameAt(data, 'toDepartment', 'department');
      return {
        who: nameAt(data, 'by', 'offeredBy', 'from') ?? 'A colleague',
        what: `offers ${department && !data.toAgent ? `anyone in ${department}` : 'you'} ${theChat(who)}`,
      };
    }
    case 'transfer_rejected': {
      const reason = textAt(data, 'reason');
      return {
        who: nameAt(data, 'by', 'answeredBy', 'toAgent') ?? 'A colleague',
        what: `rejected your transfer of ${theChat(who)}${reason ? `: ${reason}` : ''}`,
      };
    }
    case 'transfer_returned':
      return {
        who: 'Nobody',
        what: `accepted your transfer of ${theChat(who)} in time; it is still yours`,
      };
    case 'reply_timeout':
      return {
        who: who ? `Chat with ${who}` : 'A chat of yours',
        what: 'went back to the queue: no reply in time',
      };
    case 'ticket_assigned':
      return {
        who: nameAt(data, 'by') ?? 'A supervisor',
        what: `gave you the ticket of ${who ?? 'a customer'}`,
      };
  }
}

/** Where the item opens its chat: the view it now sits in for me. */
export function notificationHref(notification: Notification): string | null {
  if (notification.chatId === null) return null;
  const chat = encodeURIComponent(notification.chatId);
  switch (notification.kind) {
    case 'mention': {
      // The mention opens on its comment (Comments tab, scrolled to it and highlighted).
      const comment = textAt(notification.data, 'commentId');
      return comment ? `/tagged/${chat}?comment=${encodeURIComponent(comment)}` : `/tagged/${chat}`;
    }
    case 'reply_timeout':
      return `/queue/${chat}`;
    case 'transfer_offer':
    case 'transfer_rejected':
    case 'transfer_returned':
      return `/live/${chat}`;
    case 'ticket_assigned':
      return `/tickets/assigned/${chat}`;
  }
}
