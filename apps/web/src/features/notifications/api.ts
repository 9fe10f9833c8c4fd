import { NotificationList } from '@parley/contract';
import type { Notification } from '@parley/contract';
import { http, httpNoContent } from '../../app/http.ts';

export type Notifications = { items: Notification[]; unread: number };

export const notificationKeys = { all: ['notifications'] as const };

/** My bell, newest first (the latest 50), with how many are unread in all. */
export function fetchNotifications(signal?: AbortSignal): Promise<Notifications> {
  return http('/api/notifications', { parse: NotificationList, signal });
}

/** Marks everything in my bell read. */
export function markNotificationsRead(): Promise<void> {
  return httpNoContent('/api/notifications/read', { method: 'POST' });
}
