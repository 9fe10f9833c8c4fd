import type { Comment } from '@parley/contract';
import type { ChatComments } from './api.ts';

/**
 * Adds a comment in time order, once: the author's own answer and the room's frame both bring
 * it, in either order.
 */
export function insertComment(data: ChatComments, comment: Comment): ChatComments {
  if (data.closed || data.items.some((item) => item.id === comment.id)) return data;
  const items = [...data.items];
  let index = items.length;
  while (index > 0 && Date.parse(items[index - 1]!.createdAt) > Date.parse(comment.createdAt))
    index -= 1;
  items.splice(index, 0, comment);
  return { ...data, items };
}

/** The chat closed: its comments are gone for good. */
export const clearedComments: ChatComments = { items: [], closed: true };
