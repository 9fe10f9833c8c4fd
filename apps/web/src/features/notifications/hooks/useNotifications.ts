import type { Notification } from '@parley/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRealtimeFrame } from '../../../app/realtime/index.ts';
import { fetchNotifications, markNotificationsRead, notificationKeys } from '../api.ts';
import type { Notifications } from '../api.ts';
import { addNotification, markAllRead } from '../notificationsCache.ts';

/**
 * My bell, kept live from `notification.created` frames on my staff room. `onArrive` runs after
 * the new notification is in the cache.
 */
export function useNotifications(onArrive?: (notification: Notification) => void) {
  const queryClient = useQueryClient();
  const key = notificationKeys.all;

  useRealtimeFrame('notification.created', (notification) => {
    const state = queryClient.getQueryState<Notifications>(key);
    if (state?.data === undefined) {
      if (state?.fetchStatus === 'fetching') void queryClient.invalidateQueries({ queryKey: key });
    } else {
      queryClient.setQueryData<Notifications>(key, (data) =>
        data ? addNotification(data, notification) : data,
      );
    }
    onArrive?.(notification);
  });
  // Read on another tab or node: the count is 0 here too.
  useRealtimeFrame('notifications.read', ({ at }) => {
    queryClient.setQueryData<Notifications>(key, (data) => (data ? markAllRead(data, at) : data));
  });
  // Anything that arrived before the socket was up is read again.
  useRealtimeFrame('hello', () => void queryClient.invalidateQueries({ queryKey: key }));

  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchNotifications(signal),
    // Frames keep it current.
    staleTime: Infinity,
  });
}

/** Looking at the bell reads it: the count drops at once; a failure reads the truth again. */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  const key = notificationKeys.all;
  return useMutation({
    mutationFn: markNotificationsRead,
    onMutate: async () => {
      if (queryClient.getQueryData(key) === undefined) return { loaded: false };
      // A read in flight may have left before the mark and would bring the old count back.
      await queryClient.cancelQueries({ queryKey: key });
      queryClient.setQueryData<Notifications>(key, (data) =>
        data ? markAllRead(data, new Date().toISOString()) : data,
      );
      return { loaded: true };
    },
    onSuccess: (_result, _variables, context) => {
      // Opened while the first read was on its way: it may have been answered before the mark.
      if (!context.loaded) void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}
