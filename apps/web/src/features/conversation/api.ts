import { AttachmentLimits, Message, Timeline, WrapUpTagList } from '@parley/contract';
import type { UploadedAttachment } from '@parley/contract';
import { http } from '../../app/http.ts';

export const TIMELINE_PAGE_SIZE = 50;

/**
 * Which API a conversation is read and answered through: a ticket keeps its conversation's id
 * but has its own paths (`/api/tickets/{id}/timeline|messages`). The cache is keyed by the id
 * alone, so the room's frames land in the same timeline either way.
 */
export type ConversationSource = 'chats' | 'tickets';

export const conversationKeys = {
  timeline: (chatId: string) => ['chats', 'timeline', chatId] as const,
  send: (chatId: string) => ['chats', 'send', chatId] as const,
  attachmentLimits: ['attachments', 'limits'] as const,
  wrapUpTags: ['wrap-up-tags'] as const,
};

/** The admins' wrap-up tags, the only ones a close may carry. */
export async function fetchWrapUpTags(signal?: AbortSignal) {
  return (await http('/api/admin/tags', { parse: WrapUpTagList, signal })).items;
}

/** The newest page first; `cursor` reaches the next older page. Each page is in time order. */
export function fetchTimelinePage(
  chatId: string,
  cursor: string | null,
  signal?: AbortSignal,
  source: ConversationSource = 'chats',
): Promise<Timeline> {
  const query = new URLSearchParams({ limit: String(TIMELINE_PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  return http(`/api/${source}/${encodeURIComponent(chatId)}/timeline?${query}`, {
    parse: Timeline,
    signal,
  });
}

/** `attachments` are ids of files uploaded to the chat beforehand; names show while sending. */
export type OutgoingMessage = {
  text: string;
  clientId: string;
  attachments?: UploadedAttachment[];
};

/** A repeated clientId answers the first result, so a retry never sends twice. */
export function sendMessage(
  chatId: string,
  body: OutgoingMessage,
  source: ConversationSource = 'chats',
): Promise<Message> {
  const { attachments = [], ...rest } = body;
  return http(`/api/${source}/${encodeURIComponent(chatId)}/messages`, {
    method: 'POST',
    body: attachments.length > 0 ? { ...rest, attachments: attachments.map((a) => a.id) } : rest,
    parse: Message,
  });
}

/** Where a file for this conversation is uploaded before the message that carries it. */
export const attachmentUploadUrl = (chatId: string, source: ConversationSource = 'chats') =>
  `/api/${source}/${encodeURIComponent(chatId)}/attachments`;

/** The size and types the admin allows, checked before a file is uploaded. */
export function fetchAttachmentLimits(signal?: AbortSignal): Promise<AttachmentLimits> {
  return http('/api/attachments/limits', { parse: AttachmentLimits, signal });
}

/** Sends a reply the channel refused once more; 409 when it is no longer failed. */
export function retryFailedMessage(chatId: string, messageId: string): Promise<Message> {
  return http(
    `/api/chats/${encodeURIComponent(chatId)}/messages/${encodeURIComponent(messageId)}/retry`,
    { method: 'POST', parse: Message },
  );
}
