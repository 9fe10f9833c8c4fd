import type { SearchConversation, SearchResult, TicketView } from '@parley/contract';

/** The desk's address of a conversation: its chat view, or its ticket tab. */
export function conversationHref(conversation: SearchConversation): string {
  const id = encodeURIComponent(conversation.id);
  if (conversation.kind === 'ticket') {
    const tab: TicketView =
      conversation.status === 'closed'
        ? 'closed'
        : conversation.status === 'queued'
          ? 'unassigned'
          : 'assigned';
    return `/tickets/${tab}/${id}`;
  }
  const view = conversation.status === 'queued' ? 'queue' : conversation.status;
  return `/${view}/${id}`;
}

/** The query that asks the conversation to show one message (read by useMessageTarget). */
export const MESSAGE_PARAM = 'message';

/**
 * Where a result opens: a message in its conversation, scrolled to and marked; a customer or a
 * note on the customer's latest conversation. Null when there is none the person may open.
 */
export function resultHref(result: SearchResult): string | null {
  if (result.kind === 'message')
    return `${conversationHref(result.conversation)}?${MESSAGE_PARAM}=${encodeURIComponent(result.id)}`;
  return result.lastConversation ? conversationHref(result.lastConversation) : null;
}
