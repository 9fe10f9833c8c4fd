import type { Comment, Notification } from '@parley/contract';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chatTags, comments, notifications, staff } from '../../db/schema.ts';
import { conflict, forbidden, unprocessable } from '../../errors.ts';
import { type Principal, requireStaff } from '../../principal.ts';
import { type Notifier, transact } from '../../realtime/events.ts';
import { rooms } from '../../realtime/rooms.ts';
import type { Presence } from '../../realtime/presence.ts';
import { loadViewable, recordEvent } from '../chats/index.ts';
import { mayReadComments } from './comment-readers.ts';

export type CommentDeps = { db: Db; notifier: Notifier; presence: Presence };

/**
 * Comments are for the chat's agent, the colleagues tagged into it and supervisors, and only
 * while the chat is open. Others get 404 for chats they may not see, 403 for chats they may.
 */
async function loadCommentable(deps: CommentDeps, p: Principal, chatId: string) {
  const s = requireStaff(p);
  const chat = await loadViewable(deps, p, chatId);
  if (chat.status === 'closed')
    throw conflict('The chat is closed: its comments were deleted with it.');
  if (!(await mayReadComments(deps.db, s, chat)))
    throw forbidden('Only the chat’s agent, tagged colleagues and supervisors comment.');
  return chat;
}

async function summaries(db: Db, ids: string[]) {
  if (ids.length === 0)
    return new Map<string, { id: string; name: string; role: 'admin' | 'supervisor' | 'agent' }>();
  const rows = await db
    .select({ id: staff.id, name: staff.name, role: staff.role })
    .from(staff)
    .where(inArray(staff.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

async function toComments(db: Db, rows: (typeof comments.$inferSelect)[]): Promise<Comment[]> {
  const people = await summaries(db, [
    ...new Set(rows.flatMap((r) => [...r.mentions, ...(r.authorId ? [r.authorId] : [])])),
  ]);
  return rows.map((r) => ({
    id: r.id,
    chatId: r.chatId,
    body: r.body,
    mentions: r.mentions.flatMap((id) => (people.has(id) ? [people.get(id)!] : [])),
    author: r.authorId ? (people.get(r.authorId) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function listComments(
  deps: CommentDeps,
  p: Principal,
  chatId: string,
): Promise<Comment[]> {
  await loadCommentable(deps, p, chatId);
  const rows = await deps.db
    .select()
    .from(comments)
    .where(eq(comments.chatId, chatId))
    .orderBy(asc(comments.createdAt));
  return toComments(deps.db, rows);
}

/**
 * Adds a comment. Each person mentioned must be online now (they are asked to look at a live
 * conversation); they are tagged into the chat, notified, and an event records the tag without
 * the comment's text.
 */
export async function addComment(
  deps: CommentDeps,
  p: Principal,
  chatId: string,
  input: { body: string; mentions: string[] },
): Promise<Comment> {
  const s = requireStaff(p);
  await loadCommentable(deps, p, chatId);
  const wanted = [...new Set(input.mentions)].filter((id) => id !== s.staffId);
  const known = await summaries(
    deps.db,
    wanted.filter((id) => /^[0-9a-f-]{36}$/i.test(id)),
  );
  const online = await deps.presence.onlineIds();
  const refused = wanted.filter((id) => !known.has(id) || !online.has(id));
  if (refused.length > 0)
    throw unprocessable(
      `Only colleagues who are online can be tagged: ${refused.map((id) => known.get(id)?.name ?? id).join(', ')} ${refused.length === 1 ? 'is' : 'are'} not.`,
      refused.map((id) => ({
        field: 'mentions',
        message: `${known.get(id)?.name ?? id} is not online`,
      })),
    );
  return transact(deps, async (tx, emit) => {
    const chat = await loadCommentable({ ...deps, db: tx }, p, chatId);
    const [row] = await tx
      .insert(comments)
      .values({ chatId, authorId: s.staffId, body: input.body, mentions: wanted })
      .returning();
    if (!row) throw new Error('insert returned no row');
    const [comment] = await toComments(tx, [row]);
    await emit({ type: 'comment.created', rooms: [rooms.chat(chatId)], data: comment! });
    for (const id of wanted) {
      // The chat's own agent is notified, but it is their chat, not one they were tagged into.
      const fresh =
        id === chat.assigneeId
          ? []
          : await tx
              .insert(chatTags)
              .values({ chatId, staffId: id, taggedById: s.staffId })
              .onConflictDoNothing()
              .returning({ staffId: chatTags.staffId });
      if (fresh.length > 0)
        await recordEvent(tx, emit, {
          chatId,
          customerId: chat.customerId,
          type: 'tagged',
          actor: { kind: 'staff', staffId: s.staffId },
          data: { who: { id, name: known.get(id)!.name } },
        });
      const [note] = await tx
        .insert(notifications)
        .values({
          staffId: id,
          kind: 'mention',
          chatId,
          data: { by: { id: s.staffId, name: comment!.author?.name ?? '' } },
        })
        .returning();
      await emit({
        type: 'notification.created',
        rooms: [rooms.staff(id)],
        data: toNotification(note!),
      });
    }
    return comment!;
  });
}

const toNotification = (r: typeof notifications.$inferSelect): Notification => ({
  id: r.id,
  kind: 'mention',
  chatId: r.chatId,
  data: r.data,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});

export async function listNotifications(deps: CommentDeps, p: Principal) {
  const s = requireStaff(p);
  const rows = await deps.db
    .select()
    .from(notifications)
    .where(eq(notifications.staffId, s.staffId))
    .orderBy(desc(notifications.createdAt))
    .limit(50);
  const [unread] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.staffId, s.staffId), isNull(notifications.readAt)));
  return { items: rows.map(toNotification), unread: unread?.n ?? 0 };
}

export async function markNotificationsRead(deps: CommentDeps, p: Principal) {
  const s = requireStaff(p);
  await deps.db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.staffId, s.staffId), isNull(notifications.readAt)));
}
