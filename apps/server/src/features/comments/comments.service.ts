import type { Comment } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { conflict, forbidden, unprocessable } from '../../errors.ts';
import { type Principal, requireStaff } from '../../principal.ts';
import { type Notifier, transact } from '../../realtime/frames.ts';
import { rooms } from '../../realtime/rooms.ts';
import type { Presence } from '../../realtime/presence.ts';
import { loadViewable, recordEvent } from '../chats/index.ts';
import { notify } from '../notifications/index.ts';
import { mayReadComments } from './comment-readers.ts';
import {
  type CommentRow,
  findCommentsOfChat,
  findStaffSummaries,
  insertChatTag,
  insertComment,
  type StaffSummary,
} from './comments.repo.ts';

export type CommentDeps = { db: Db; notifier: Notifier; presence: Presence };

/**
 * Comments are for the chat's agent, the colleagues tagged into it and supervisors, and only
 * while the chat is open. Others get 404 for chats they may not see, 403 for chats they may.
 */
async function loadCommentable(deps: CommentDeps, principal: Principal, chatId: string) {
  const reader = requireStaff(principal);
  const chat = await loadViewable(deps, principal, chatId);
  if (chat.status === 'closed')
    throw conflict('The chat is closed: its comments were deleted with it.');
  if (!(await mayReadComments(deps.db, reader, chat)))
    throw forbidden('Only the chat’s agent, tagged colleagues and supervisors comment.');
  return chat;
}

async function findPeople(db: Db, ids: string[]): Promise<Map<string, StaffSummary>> {
  const people = await findStaffSummaries(db, ids);
  return new Map(people.map((person) => [person.id, person]));
}

async function toComments(db: Db, rows: CommentRow[]): Promise<Comment[]> {
  const people = await findPeople(db, [
    ...new Set(rows.flatMap((row) => [...row.mentions, ...(row.authorId ? [row.authorId] : [])])),
  ]);
  return rows.map((row) => ({
    id: row.id,
    chatId: row.chatId,
    body: row.body,
    mentions: row.mentions.flatMap((id) => (people.has(id) ? [people.get(id)!] : [])),
    author: row.authorId ? (people.get(row.authorId) ?? null) : null,
    createdAt: row.createdAt.toISOString(),
  }));
}

export async function listComments(
  deps: CommentDeps,
  principal: Principal,
  chatId: string,
): Promise<Comment[]> {
  await loadCommentable(deps, principal, chatId);
  return toComments(deps.db, await findCommentsOfChat(deps.db, chatId));
}

/**
 * Adds a comment. Each person mentioned must be online now (they are asked to look at a live
 * conversation); they are tagged into the chat, notified, and an event records the tag without
 * the comment's text.
 */
export async function addComment(
  deps: CommentDeps,
  principal: Principal,
  chatId: string,
  input: { body: string; mentions: string[] },
): Promise<Comment> {
  const author = requireStaff(principal);
  await loadCommentable(deps, principal, chatId);
  const wanted = [...new Set(input.mentions)].filter((id) => id !== author.staffId);
  const known = await findPeople(
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
    const chat = await loadCommentable({ ...deps, db: tx }, principal, chatId);
    const row = await insertComment(tx, {
      chatId,
      authorId: author.staffId,
      body: input.body,
      mentions: wanted,
    });
    const [comment] = await toComments(tx, [row]);
    await emit({ type: 'comment.created', rooms: [rooms.chat(chatId)], data: comment! });
    for (const id of wanted) {
      // The chat's own agent is notified, but it is their chat, not one they were tagged into.
      const fresh =
        id !== chat.assigneeId &&
        (await insertChatTag(tx, { chatId, staffId: id, taggedById: author.staffId }));
      if (fresh)
        await recordEvent(tx, emit, {
          chatId,
          customerId: chat.customerId,
          type: 'tagged',
          actor: { kind: 'staff', staffId: author.staffId },
          data: { who: { id, name: known.get(id)!.name } },
        });
      await notify(tx, emit, {
        staffId: id,
        kind: 'mention',
        chatId,
        // The comment itself, so the bell opens the chat on it.
        data: {
          by: { id: author.staffId, name: comment!.author?.name ?? '' },
          commentId: comment!.id,
        },
      });
    }
    return comment!;
  });
}
