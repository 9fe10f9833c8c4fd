import type { Attachment, Message, WidgetMessage } from '@parley/contract';

/** Where the widget fetches a file: under its channel, so the session cookie goes with it. */
export const widgetAttachmentUrl = (channelId: string, id: string) =>
  `/api/widget/${encodeURIComponent(channelId)}/attachments/${id}`;

/** How an unverified visitor's own lines are signed to them (never the profile's name). */
export const UNVERIFIED_AUTHOR = 'You';

/**
 * The widget's view of a message: a staff author is their first name, and nothing else; its
 * files are fetched through the widget's own path on `channelId`, with the session cookie.
 */
export function toWidgetMessage(
  message: Message,
  clientId: string | null,
  channelId: string,
): WidgetMessage {
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
    attachments: message.attachments.map((file) => widgetAttachment(file, channelId)),
    context: message.context,
    reactions: message.reactions,
    editedAt: message.editedAt,
    originalText: message.originalText,
    revokedAt: message.revokedAt,
  };
}

function widgetAttachment(file: Attachment, channelId: string): Attachment {
  const url = widgetAttachmentUrl(channelId, file.id);
  return { ...file, url, thumbnailUrl: file.thumbnailUrl && `${url}?variant=thumbnail` };
}

/** A staff member's first name: all a customer learns of them. */
export const firstName = (name: string) => name.trim().split(/\s+/)[0] || name;

/** Messages this session sent carry its clientId inside their provider id. */
export function clientIdOf(providerMessageId: string | null, sessionId: string): string | null {
  const prefix = `widget:${sessionId}:`;
  return providerMessageId?.startsWith(prefix) ? providerMessageId.slice(prefix.length) : null;
}
