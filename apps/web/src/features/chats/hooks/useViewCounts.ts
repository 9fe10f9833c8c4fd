import { useInfiniteQuery } from '@tanstack/react-query';
import type { DeskViewId } from '../views.ts';
import { chatListQuery } from './useChatList.ts';

/**
 * Counts for the nav: my live chats, the chats waiting in my queue, and the open chats I was
 * tagged in. They share the lists' cache (default sort), so frames keep them current without
 * more requests.
 */
export function useViewCounts(): Partial<Record<DeskViewId, number>> {
  const live = useInfiniteQuery(chatListQuery('live', 'activity'));
  const queue = useInfiniteQuery(chatListQuery('queue', 'activity'));
  const tagged = useInfiniteQuery(chatListQuery('tagged', 'activity'));
  const count = (data: typeof live.data) =>
    data?.pages.reduce((sum, page) => sum + page.items.length, 0) ?? 0;
  return { live: count(live.data), queue: count(queue.data), tagged: count(tagged.data) };
}
