import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { staff } from '../../db/schema.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import { isSupervisor, type Principal, requireStaff } from '../../principal.ts';
import type { ChatRow } from './chats.repo.ts';

/**
 * Who may see a chat: supervisors, its agent, anyone once it is closed (history is shared),
 * and the agents of its department while it waits in the queue. Others are told it does not
 * exist, so ids of other people's live chats reveal nothing.
 */
export function canViewChat(p: Principal, chat: ChatRow): boolean {
  if (isSupervisor(p)) return true;
  if (p.kind !== 'staff') return false;
  if (chat.assigneeId === p.staffId) return true;
  if (chat.status === 'closed') return true;
  return chat.status === 'queued' && p.departmentIds.includes(chat.departmentId);
}

/** Whether the staff member was tagged into this (open) chat by a colleague's comment. */
export async function isTagged(db: Db, chatId: string, staffId: string): Promise<boolean> {
  const [row] = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from chat_tags where chat_id = ${chatId} and staff_id = ${staffId}`,
  );
  return row !== undefined;
}

/** canViewChat, and also those tagged into the chat while it is open. */
export async function canViewChatWithTags(db: Db, p: Principal, chat: ChatRow): Promise<boolean> {
  if (canViewChat(p, chat)) return true;
  return p.kind === 'staff' && chat.status !== 'closed' && (await isTagged(db, chat.id, p.staffId));
}

export async function assertViewable(
  db: Db,
  p: Principal,
  chat: ChatRow | undefined,
): Promise<ChatRow> {
  if (!chat || !(await canViewChatWithTags(db, p, chat))) throw notFound('No such chat.');
  return chat;
}

/** Writing to the customer is for the chat's own agent only, never for a watching supervisor. */
export function assertWriter(p: Principal, chat: ChatRow) {
  const s = requireStaff(p);
  if (chat.assigneeId !== s.staffId)
    throw forbidden('Only the chat’s agent writes to the customer. You can watch and comment.');
  if (chat.status === 'closed') throw conflict('This chat is closed. Reopen it to write.');
}

/** Managing a chat (pending, flag, close): its agent, or a supervisor. */
export function assertManager(p: Principal, chat: ChatRow) {
  if (isSupervisor(p)) return;
  const s = requireStaff(p);
  if (chat.assigneeId !== s.staffId)
    throw forbidden('Only the chat’s agent or a supervisor can do that.');
}

/** Locks the agent's row, then counts (a fresh snapshot after the lock): room for one more? */
export async function assertCapacity(tx: Db, agentId: string) {
  const [row] = await tx
    .select({ id: staff.id, name: staff.name, capacity: staff.capacity })
    .from(staff)
    .where(eq(staff.id, agentId))
    .for('update');
  if (!row) throw notFound('No such staff member.');
  const [count] = await queryRows<{ load: number }>(
    tx,
    sql`select count(*)::int as load from chats where assignee_id = ${agentId} and status = 'live'`,
  );
  if ((count?.load ?? 0) >= row.capacity)
    throw conflict(`${row.name} already has ${row.capacity} live chats, their capacity.`);
  return row;
}
