import type { ChatHistoryItem, CustomerTimelineItem } from '@parley/contract';
import { type InfiniteData, useQueryClient } from '@tanstack/react-query';
import { useRealtimeFrame } from '../../../app/realtime/index.ts';
import { historyKeys } from '../api.ts';

type Pages = InfiniteData<{ items: (ChatHistoryItem | CustomerTimelineItem)[] }, unknown>;

/**
 * Reads the history again when the customer's story changes while it is on screen: a chat
 * opens, closes or is flagged, a note is added or deleted, the profile is saved. Frames for the
 * customer reach us through the panel's `customer:<id>` room; chat frames only for chats we see.
 */
export function useHistoryLive(customerId: string) {
  const queryClient = useQueryClient();
  const reload = () =>
    void queryClient.invalidateQueries({ queryKey: historyKeys.all(customerId) });

  useRealtimeFrame('chat.updated', (chat) => {
    if (chat.customer.id !== customerId) return;
    // Every message touches its chat; only a change the list shows is worth a reload.
    const listed = queryClient
      .getQueriesData<Pages>({ queryKey: historyKeys.all(customerId) })
      .flatMap(([, data]) => data?.pages.flatMap((page) => page.items) ?? [])
      .filter((item): item is ChatHistoryItem => item.kind === 'chat' && item.id === chat.id);
    if (
      listed.length === 0 ||
      listed.some((item) => item.status !== chat.status || item.flagged !== chat.flagged)
    )
      reload();
  });
  useRealtimeFrame('note.created', (note) => {
    if (note.customerId === customerId) reload();
  });
  useRealtimeFrame('note.deleted', (note) => {
    if (note.customerId === customerId) reload();
  });
  useRealtimeFrame('customer.updated', (customer) => {
    if (customer.id === customerId) reload();
  });
}
