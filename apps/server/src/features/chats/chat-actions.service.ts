import type { Chat, Sentiment } from '@parley/contract';
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chats, staff, staffDepartments } from '../../db/schema.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../errors.ts';
import { parseReference, writeNote } from '../notes/index.ts';
import { isSupervisor, type Principal, requireStaff } from '../../principal.ts';
import { type Emit, transact } from '../../realtime/events.ts';
import { actorOf, announceChat, announceChatClosed, recordEvent } from './chat-events.ts';
import { assertCapacity, assertManager } from './chat-access.ts';
import { type ChatRow, findChatRow, updateChat } from './chats.repo.ts';
import { type ChatServiceDeps, loadViewable } from './chats.service.ts';
import { drainQueues } from './routing.ts';
import { assignChat } from './routing.ts';

type Step = (tx: Db, emit: Emit, chat: ChatRow) => Promise<void>;

/**
 * Runs one action on a locked chat row and answers the chat as it now is. Everything the action
 * writes, its events and frames commit together.
 */
async function act(deps: ChatServiceDeps, p: Principal, id: string, step: Step): Promise<Chat> {
  await loadViewable(deps, p, id);
  return transact(deps, async (tx, emit) => {
    const chat = await findChatRow(tx, id, true);
    if (!chat) throw notFound('No such chat.');
    const before = { assigneeId: chat.assigneeId, status: chat.status };
    await step(tx, emit, chat);
    const after = await announceChat(tx, emit, id, before);
    if (!after) throw notFound('No such chat.');
    return after;
  });
}

/** After capacity frees up, the queue moves. */
async function serveQueue(deps: ChatServiceDeps) {
  const online = await deps.presence.onlineIds();
  await drainQueues({ db: deps.db, transact: (fn) => transact(deps, fn) }, online);
}

const event = (
  tx: Db,
  emit: Emit,
  chat: ChatRow,
  p: Principal,
  type: string,
  data?: Record<string, unknown>,
) =>
  recordEvent(tx, emit, {
    chatId: chat.id,
    customerId: chat.customerId,
    type,
    actor: actorOf(p),
    data,
  });

export function acceptChat(deps: ChatServiceDeps, p: Principal, id: string) {
  const s = requireStaff(p);
  return act(deps, p, id, async (tx, emit, chat) => {
    if (chat.status !== 'queued') throw conflict('Someone else has this chat already.');
    if (!isSupervisor(p) && !s.departmentIds.includes(chat.departmentId))
      throw forbidden('This chat belongs to another department.');
    const me = await assertCapacity(tx, s.staffId);
    await assignChat(tx, emit, chat, me, actorOf(p));
  });
}

export function assignTo(deps: ChatServiceDeps, p: Principal, id: string, agentId: string) {
  if (!isSupervisor(p)) throw forbidden('Only supervisors assign chats to others.');
  return act(deps, p, id, async (tx, emit, chat) => {
    if (chat.status === 'closed')
      throw conflict('A closed chat cannot be assigned. Reopen it first.');
    if (chat.flagged && chat.assigneeId && chat.assigneeId !== agentId)
      throw conflict('A flagged chat stays with its agent. Un-flag it before reassigning.');
    const [member] = await tx
      .select({ id: staff.id })
      .from(staffDepartments)
      .innerJoin(staff, eq(staff.id, staffDepartments.staffId))
      .where(
        and(
          eq(staffDepartments.staffId, agentId),
          eq(staffDepartments.departmentId, chat.departmentId),
        ),
      );
    if (!member) throw conflict('That person does not work in this chat’s department.');
    const agent = await assertCapacity(tx, agentId);
    await assignChat(tx, emit, chat, agent, actorOf(p));
  });
}

export function markPending(deps: ChatServiceDeps, p: Principal, id: string) {
  return act(deps, p, id, async (tx, emit, chat) => {
    assertManager(p, chat);
    if (chat.status !== 'live')
      throw conflict(`Only a live chat can be marked pending (this one is ${chat.status}).`);
    await updateChat(tx, chat.id, { status: 'pending' });
    await event(tx, emit, chat, p, 'pending');
  });
}

export function resumeChat(deps: ChatServiceDeps, p: Principal, id: string) {
  return act(deps, p, id, async (tx, emit, chat) => {
    assertManager(p, chat);
    if (chat.status !== 'pending') throw conflict('Only a pending chat can be resumed.');
    await updateChat(tx, chat.id, { status: 'live' });
    await event(tx, emit, chat, p, 'live_again', { reason: 'staff' });
  });
}

export function setFlag(deps: ChatServiceDeps, p: Principal, id: string, flagged: boolean) {
  return act(deps, p, id, async (tx, emit, chat) => {
    assertManager(p, chat);
    if (chat.status === 'closed') throw conflict('A closed chat cannot be flagged.');
    if (chat.flagged === flagged) return;
    await updateChat(tx, chat.id, { flagged });
    await event(tx, emit, chat, p, flagged ? 'flagged' : 'unflagged');
  });
}

export type CloseInput = {
  sentiment: Sentiment;
  tag?: string | undefined;
  note?: string | undefined;
  references?: string[] | undefined;
};

/** Closes a chat as its agent or a supervisor, with the wrap-up; the note becomes a customer note. */
export async function closeChat(
  deps: ChatServiceDeps,
  p: Principal,
  id: string,
  input: CloseInput,
) {
  const s = requireStaff(p);
  // References are checked before anything is written: a bad one refuses the whole close.
  const parsed = (input.references ?? []).map((raw) => ({ raw, result: parseReference(raw) }));
  const bad = parsed.filter((r) => !r.result.ok);
  if (bad.length > 0)
    throw unprocessable(
      'A reference must be an http(s) link, a Jira key such as SUP-1234, or a ticket number.',
      bad.map((r) => ({
        field: 'references',
        message: `"${r.raw}" is not a link, Jira key or ticket number`,
      })),
    );
  const references = parsed.flatMap((r) =>
    r.result.ok && r.result.reference ? [r.result.reference] : [],
  );
  const chat = await act(deps, p, id, async (tx, emit, row) => {
    assertManager(p, row);
    if (row.status === 'closed') throw conflict('This chat is already closed.');
    if (row.flagged) throw conflict('A flagged chat cannot be closed. Un-flag it first.');
    await updateChat(tx, row.id, {
      status: 'closed',
      closedAt: new Date(),
      queuedAt: null,
      sentiment: input.sentiment,
      wrapTag: input.tag ?? null,
    });
    await announceChatClosed(tx, emit, row.id);
    // The wrap-up note joins the customer's notes, with its first reference as the note's link.
    const [first, ...rest] = references;
    const body = [input.note, ...rest.map((r) => r.value)].filter(Boolean).join('\n');
    const note = Boolean(body || first);
    if (note) {
      const [me] = await tx
        .select({ id: staff.id, name: staff.name, role: staff.role })
        .from(staff)
        .where(eq(staff.id, s.staffId));
      await writeNote(tx, emit, {
        customerId: row.customerId,
        body: body || 'Wrap-up',
        reference: first ?? null,
        chatId: row.id,
        ticketId: null,
        author: me!,
      });
    }
    await event(tx, emit, row, p, 'closed', {
      sentiment: input.sentiment,
      tag: input.tag ?? null,
      withNote: Boolean(note),
    });
  });
  await serveQueue(deps);
  return chat;
}

export function reopenChat(deps: ChatServiceDeps, p: Principal, id: string) {
  const s = requireStaff(p);
  return act(deps, p, id, async (tx, emit, chat) => {
    if (chat.status !== 'closed') throw conflict('Only a closed chat can be reopened.');
    const [newer] = await tx
      .select({ id: chats.id })
      .from(chats)
      .where(
        // An unverified chat stands apart: only its own widget session's next chat is newer.
        chat.unverified && chat.widgetSessionId
          ? and(
              eq(chats.widgetSessionId, chat.widgetSessionId),
              eq(chats.unverified, true),
              ne(chats.status, 'closed'),
            )
          : and(
              eq(chats.customerId, chat.customerId),
              eq(chats.channelId, chat.channelId),
              eq(chats.unverified, chat.unverified),
              ne(chats.status, 'closed'),
            ),
      );
    if (newer)
      throw conflict('The customer has a newer open chat on this channel: continue there.');
    await assertCapacity(tx, s.staffId);
    await updateChat(tx, chat.id, {
      status: 'live',
      assigneeId: s.staffId,
      closedAt: null,
      sentiment: null,
      wrapTag: null,
    });
    await event(tx, emit, chat, p, 'reopened');
  });
}

export { serveQueue };
