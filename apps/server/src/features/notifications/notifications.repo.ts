import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notifications } from '../../db/schema.ts';

export type NotificationRow = typeof notifications.$inferSelect;

export async function insertNotification(
  db: Db,
  values: {
    staffId: string;
    kind: string;
    chatId: string | null;
    data: Record<string, unknown>;
  },
): Promise<NotificationRow> {
  const [row] = await db.insert(notifications).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findRecentNotifications(
  db: Db,
  staffId: string,
  limit: number,
): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.staffId, staffId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

export async function countUnreadNotifications(db: Db, staffId: string): Promise<number> {
  const [unread] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.staffId, staffId), isNull(notifications.readAt)));
  return unread?.n ?? 0;
}

/** Marks every unread notification of one person read at `at`. */
export async function markUnreadNotificationsRead(
  db: Db,
  staffId: string,
  at: Date,
): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.staffId, staffId), isNull(notifications.readAt)));
}
