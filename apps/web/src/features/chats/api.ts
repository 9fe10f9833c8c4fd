import { Chat, ChatCounts, ChatList, ChatReadList } from '@parley/contract';
import type { ChatView, Sentiment } from '@parley/contract';
import { http, httpNoContent } from '../../app/http.ts';

/** Newest first by the customer's activity or by start; `waiting`: longest in the queue first. */
export type ChatSort = 'activity' | 'newest' | 'waiting';

export const PAGE_SIZE = 50;

export const chatKeys = {
  all: ['chats'] as const,
  lists: ['chats', 'list'] as const,
  list: (view: ChatView, sort: ChatSort) => ['chats', 'list', view, sort] as const,
  detail: (id: string) => ['chats', 'detail', id] as const,
  counts: ['chats', 'counts'] as const,
  reads: ['chats', 'reads'] as const,
};

/** How many chats each of my lists holds, counted by the server. */
export function fetchChatCounts(signal?: AbortSignal): Promise<ChatCounts> {
  return http('/api/chats/counts', { parse: ChatCounts, signal });
}

export function fetchChatPage(params: {
  view: ChatView;
  sort: ChatSort;
  cursor: string | null;
  signal?: AbortSignal;
}): Promise<ChatList> {
  const query = new URLSearchParams({
    view: params.view,
    sort: params.sort,
    limit: String(PAGE_SIZE),
  });
  if (params.cursor) query.set('cursor', params.cursor);
  return http(`/api/chats?${query}`, { parse: ChatList, signal: params.signal });
}

export function fetchChat(id: string, signal?: AbortSignal): Promise<Chat> {
  return http(`/api/chats/${encodeURIComponent(id)}`, { parse: Chat, signal });
}

/** Moves that answer the chat as it now is; the server may refuse any of them (409, 403). */
export type ChatAction = 'accept' | 'pending' | 'resume' | 'flag' | 'unflag' | 'reopen';

export function runChatAction(id: string, action: ChatAction): Promise<Chat> {
  return http(`/api/chats/${encodeURIComponent(id)}/${action}`, { method: 'POST', parse: Chat });
}

export type WrapUp = {
  sentiment: Sentiment;
  tag?: string;
  note?: string;
  /** Jira keys, ticket numbers or links; the server checks each as it checks a note's. */
  references?: string[];
};

export function closeChat(id: string, wrapUp: WrapUp): Promise<Chat> {
  return http(`/api/chats/${encodeURIComponent(id)}/close`, {
    method: 'POST',
    body: wrapUp,
    parse: Chat,
  });
}

export function markChatRead(id: string): Promise<void> {
  return httpNoContent(`/api/chats/${encodeURIComponent(id)}/read`, { method: 'POST' });
}

/** When I last read each chat that can carry a marker for me. */
export function fetchChatReads(signal?: AbortSignal): Promise<ChatReadList> {
  return http('/api/chats/reads', { parse: ChatReadList, signal });
}
