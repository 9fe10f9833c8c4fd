import { Comment, CommentList } from '@parley/contract';
import { http, isApiError } from '../../app/http.ts';
import { staffQueryKey } from '../staff/index.ts';

/** What the Comments tab holds for a chat: its comments, or that the chat closed and took them. */
export type ChatComments = { items: Comment[]; closed: boolean };

export const commentKeys = {
  list: (chatId: string) => ['comments', chatId] as const,
  /**
   * Colleagues online now, the only people a comment may tag. Under the staff key, so the staff
   * list's reconnect refresh reads it again too.
   */
  mentionable: [...staffQueryKey, 'online'] as const,
};

const path = (chatId: string) => `/api/chats/${encodeURIComponent(chatId)}/comments`;

/** Oldest first. A closed chat answers 409: its comments were deleted with it. */
export async function fetchComments(chatId: string, signal?: AbortSignal): Promise<ChatComments> {
  try {
    const list = await http(path(chatId), { parse: CommentList, signal });
    return { items: list.items, closed: false };
  } catch (error) {
    if (isApiError(error, 409)) return { items: [], closed: true };
    throw error;
  }
}

export type NewComment = { body: string; mentions: string[] };

/** 422 when someone tagged is not online (the detail names them); 409 once the chat closed. */
export function postComment(chatId: string, comment: NewComment): Promise<Comment> {
  return http(path(chatId), { method: 'POST', body: comment, parse: Comment });
}
