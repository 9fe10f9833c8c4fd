import type { Attachment, MessageContent, MessageContext, Reaction } from '@parley/contract';

/*
 * What the shared message renderer needs of a message: the desk's Message, the History
 * transcript's and the widget's WidgetMessage all carry these fields. Types only from the
 * contract, so the widget's page stays small.
 */

export type MessageParts = {
  /** Null while the widget's own message is on its way. */
  id: string | null;
  direction: 'in' | 'out';
  text: string;
  authorName: string;
  content: MessageContent | null;
  attachments: Attachment[];
  context: MessageContext | null;
  reactions: Reaction[];
  editedAt: string | null;
  originalText: string | null;
  revokedAt: string | null;
};

/** Who is reading: staff in the desk, or the customer in the widget (words change, not facts). */
export type Audience = 'staff' | 'customer';

type Extras = Omit<MessageParts, 'id' | 'direction' | 'text' | 'authorName'>;

/** The parts of any message-like value that carries the contract's extras. */
export function partsOf(
  message: Extras & { id: string | null; direction: 'in' | 'out'; text: string },
  authorName: string,
): MessageParts {
  return {
    id: message.id,
    direction: message.direction,
    text: message.text,
    authorName,
    content: message.content,
    attachments: message.attachments,
    context: message.context,
    reactions: message.reactions,
    editedAt: message.editedAt,
    originalText: message.originalText,
    revokedAt: message.revokedAt,
  };
}

/** The id a rendered message carries in the page, so a quote can scroll to it. */
export const messageElementId = (id: string) => `message-${id}`;

/** A sticker stands on its own, without the bubble around it. */
export function isBare(parts: MessageParts): boolean {
  return parts.content?.kind === 'sticker' && parts.attachments.some((a) => a.state === 'ready');
}

/** A system notice (a number change) reads as a centred line, like the chat's events. */
export function isNotice(parts: MessageParts): boolean {
  return parts.content?.kind === 'system';
}
