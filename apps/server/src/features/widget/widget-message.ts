import type { Message, WidgetMessage } from '@parley/contract';

/** How an unverified visitor's own lines are signed to them (never the profile's name). */
export const UNVERIFIED_AUTHOR = 'You';

/** The widget's view of a message: a staff author is their first name, and nothing else. */
export function toWidgetMessage(message: Message, clientId: string | null): WidgetMessage {
  return {
    id: message.id,
    chatId: message.chatId,
    direction: message.direction,
    text: message.text,
    author: {
      kind: message.author.kind,
      name: message.author.kind === 'staff' ? firstName(message.author.name) : message.author.name,
    },
    status: message.status,
    createdAt: message.createdAt,
    clientId: message.direction === 'in' ? clientId : null,
    content: message.content,
    attachments: message.attachments,
    context: message.context,
    reactions: message.reactions,
    editedAt: message.editedAt,
    originalText: message.originalText,
    revokedAt: message.revokedAt,
  };
}

/** A staff member's first name: all a customer learns of them. */
export const firstName = (name: string) => name.trim().split(/\s+/)[0] || name;

/** Messages this session sent carry its clientId inside their provider id. */
export function clientIdOf(providerMessageId: string | null, sessionId: string): string | null {
  const prefix = `widget:${sessionId}:`;
  return providerMessageId?.startsWith(prefix) ? providerMessageId.slice(prefix.length) : null;
}
