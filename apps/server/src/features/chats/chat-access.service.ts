import type { Db } from '../../db/client.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import { isSupervisor, type Principal, requireStaff } from '../../principal.ts';
import { type ChatRow, isTagged } from './chats.repo.ts';

/**
 * Who may see a chat: supervisors, its agent, anyone once it is closed (history is shared),
 * and the agents of its department while it waits in the queue. Others are told it does not
 * exist, so ids of other people's live chats reveal nothing.
 */
export function canViewChat(principal: Principal, chat: ChatRow): boolean {
  if (isSupervisor(principal)) return true;
  if (principal.kind !== 'staff') return false;
  if (chat.assigneeId === principal.staffId) return true;
  if (chat.status === 'closed') return true;
  return chat.status === 'queued' && principal.departmentIds.includes(chat.departmentId);
}

/** canViewChat, and also those tagged into the chat while it is open. */
export async function canViewChatWithTags(
  db: Db,
  principal: Principal,
  chat: ChatRow,
): Promise<boolean> {
  if (canViewChat(principal, chat)) return true;
  return (
    principal.kind === 'staff' &&
    chat.status !== 'closed' &&
    (await isTagged(db, chat.id, principal.staffId))
  );
}

export async function assertViewable(
  db: Db,
  principal: Principal,
  chat: ChatRow | undefined,
): Promise<ChatRow> {
  if (!chat || !(await canViewChatWithTags(db, principal, chat))) throw notFound('No such chat.');
  return chat;
}

/**
 * Writing to the customer is for the chat's own agent only, whatever the caller's role: a
 * supervisor watching someone else's chat comments instead, an agent takes a queued chat first.
 */
export function assertWriter(principal: Principal, chat: ChatRow) {
  const me = requireStaff(principal);
  if (chat.assigneeId !== me.staffId)
    throw forbidden(
      isSupervisor(principal)
        ? 'Supervisors comment on another agent’s chat; only its agent writes to the customer.'
        : chat.status === 'queued'
          ? 'Only the chat’s agent writes to the customer. Take it from the queue first.'
          : 'Only the chat’s agent writes to the customer. You can comment instead.',
    );
  if (chat.status === 'closed') throw conflict('This chat is closed. Reopen it to write.');
}

/** Managing a chat (pending, flag, close): its agent, or a supervisor. */
export function assertManager(principal: Principal, chat: ChatRow) {
  if (isSupervisor(principal)) return;
  const me = requireStaff(principal);
  if (chat.assigneeId !== me.staffId)
    throw forbidden('Only the chat’s agent or a supervisor can do that.');
}
