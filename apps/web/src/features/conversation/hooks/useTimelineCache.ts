import type { TimelineItem } from '@parley/contract';
import { useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { conversationKeys } from '../api.ts';
import { upsertItem } from '../timelineCache.ts';
import type { TimelinePages } from '../timelineCache.ts';

/**
 * Puts a message or event into its chat's cached timeline. While the timeline is still loading
 * the item cannot be placed, and the load may have been read before it existed: read it again.
 */
export function storeTimelineItem(queryClient: QueryClient, chatId: string, item: TimelineItem) {
  const key = conversationKeys.timeline(chatId);
  const state = queryClient.getQueryState(key);
  if (!state) return;
  if (state.data === undefined) {
    if (state.fetchStatus === 'fetching') void queryClient.invalidateQueries({ queryKey: key });
    return;
  }
  queryClient.setQueryData<TimelinePages>(key, (data) => (data ? upsertItem(data, item) : data));
}

export function useStoreTimelineItem() {
  const queryClient = useQueryClient();
  return (chatId: string, item: TimelineItem) => storeTimelineItem(queryClient, chatId, item);
}
