import type { Notification } from '@parley/contract';
import type { Notifications } from './api.ts';

/** A new notification goes on top, once, and counts as unread until the bell is opened. */
export function addNotification(data: Notifications, notification: Notification): Notifications {
  if (data.items.some((item) => item.id === notification.id)) return data;
  const items = [notification, ...data.items].sort(
    (first, second) => Date.parse(second.createdAt) - Date.parse(first.createdAt),
  );
  return { items, unread: data.unread + (notification.readAt === null ? 1 : 0) };
}

export function markAllRead(data: Notifications, at: string): Notifications {
  return {
    items: data.items.map((item) => (item.readAt === null ? { ...item, readAt: at } : item)),
    unread: 0,
  };
}
