import { ChatList, NotificationList } from '@parley/contract';
import type { Chat, Notification } from '@parley/contract';
import { http, httpNoContent } from '../../app/http.ts';

export type Notifications = { items: Notification[]; unread: number };

export const notificationKeys = {
  all: ['notifications'] as const,
  pendingChats: ['notifications', 'pending-chats'] as const,
};

/** My bell, newest first (the latest 50), with how many are unread in all. */
export function fetchNotifications(signal?: AbortSignal): Promise<Notifications> {
  return http('/api/notifications', { parse: NotificationList, signal });
}

/** Marks everything in my bell read. */
export function markNotificationsRead(): Promise<void> {
  return httpNoContent('/api/notifications/read', { method: 'POST' });
}

/**
 * My pending chats (the newest 50), so a notice knows a chat was pending even when no list on
 * the desk has it: a chat frame says how a chat is, not how it was.
 */
export async function fetchMyPendingChats(meId: string, signal?: AbortSignal): Promise<Chat[]> {
  const list = await http('/api/chats?view=pending&sort=activity&limit=50', {
    parse: ChatList,
    signal,
  });
  return list.items.filter((chat) => chat.assignee?.id === meId);
}
