import type { Notification } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { type Principal, requireStaff } from '../../principal.ts';
import { type EmitFrame, type Notifier, transact } from '../../realtime/frames.ts';
import { rooms } from '../../realtime/rooms.ts';
import {
  countUnreadNotifications,
  findRecentNotifications,
  insertNotification,
  markUnreadNotificationsRead,
  type NotificationRow,
} from './notifications.repo.ts';

/*
 * The bell: one list per staff member of things that need them (a mention, a transfer offered
 * to them or one of theirs answered, a chat of theirs that timed out). Features write to it with
 * `notify` inside their own transaction, so a notification exists exactly when its cause does.
 */

export type NotificationDeps = { db: Db; notifier: Notifier };
export type NotificationKind = Notification['kind'];

const toNotification = (row: NotificationRow): Notification => ({
  id: row.id,
  kind: row.kind as NotificationKind,
  chatId: row.chatId,
  data: row.data,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt?.toISOString() ?? null,
});

/** Rings one person's bell, in the caller's transaction: stored, and pushed to their every tab. */
export async function notify(
  tx: Db,
  emit: EmitFrame,
  note: {
    staffId: string;
    kind: NotificationKind;
    chatId: string | null;
    data: Record<string, unknown>;
  },
): Promise<Notification> {
  const notification = toNotification(await insertNotification(tx, note));
  await emit({
    type: 'notification.created',
    rooms: [rooms.staff(note.staffId)],
    data: notification,
  });
  return notification;
}

/** My bell: the latest 50, newest first, and how many of all are unread. */
export async function listNotifications(
  deps: NotificationDeps,
  principal: Principal,
): Promise<{ items: Notification[]; unread: number }> {
  const me = requireStaff(principal);
  const rows = await findRecentNotifications(deps.db, me.staffId, 50);
  const unread = await countUnreadNotifications(deps.db, me.staffId);
  return { items: rows.map(toNotification), unread };
}

/** Marks my bell read; every tab of mine, on every node, zeroes its count. */
export async function markNotificationsRead(deps: NotificationDeps, principal: Principal) {
  const me = requireStaff(principal);
  const at = new Date();
  await transact(deps, async (tx, emit) => {
    await markUnreadNotificationsRead(tx, me.staffId, at);
    await emit({
      type: 'notifications.read',
      rooms: [rooms.staff(me.staffId)],
      data: { at: at.toISOString() },
    });
  });
}
