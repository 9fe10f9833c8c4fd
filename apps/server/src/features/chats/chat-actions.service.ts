import type { Chat, Sentiment } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../errors.ts';
import { parseReference, writeNote } from '../notes/index.ts';
import { listActiveTagNames } from '../tags/index.ts';
import { isSupervisor, type Principal, requireStaff } from '../../principal.ts';
import { type EmitFrame, transact } from '../../realtime/frames.ts';
import { assertManager } from './chat-access.service.ts';
import { actorOf } from './chat-events.service.ts';
import {
  assertAssignable,
  assignChatTransition,
  closeChatTransition,
  lockAgent,
  markPendingTransition,
  reopenChatTransition,
  resumeChatTransition,
  setFlagTransition,
} from './chat-lifecycle.service.ts';
import { type ChatRow, findChatRow } from './chats.repo.ts';
import { type ChatServiceDeps, loadViewable } from './chats.service.ts';
import { serveQueue } from './routing.service.ts';
import { findStaffSummary, isDepartmentMember } from './routing.repo.ts';

/*
 * What staff do to a chat from the desk. Each action checks who may ask, then hands the change to
 * its transition (chat-lifecycle.service.ts), where the chat's own rules live.
 */

type Step = (tx: Db, emit: EmitFrame, chat: ChatRow) => Promise<Chat | undefined>;

/** A ticket has its own actions (features/tickets): the chat's would treat it as a live chat. */
function assertIsChat(chat: ChatRow) {
  if (chat.kind === 'ticket')
    throw conflict('This is a ticket: accept, reply to and close it from Tickets.');
}

/**
 * Runs one transition on a locked chat row and answers the chat as it now is. Everything the
 * transition writes, its events and frames commit together.
 */
async function act(
  deps: ChatServiceDeps,
  principal: Principal,
  id: string,
  step: Step,
): Promise<Chat> {
  await loadViewable(deps, principal, id);
  const changed = await transact(deps, async (tx, emit) => {
    const chat = await findChatRow(tx, id, true);
    if (!chat) throw notFound('No such chat.');
    assertIsChat(chat);
    const after = await step(tx, emit, chat);
    if (!after) throw notFound('No such chat.');
    return after;
  });
  // A transition may have queued an auto-reply ("connecting", "chat ended") for the outbox.
  deps.outbox?.wake();
  return changed;
}

export function acceptChat(deps: ChatServiceDeps, principal: Principal, id: string) {
  const me = requireStaff(principal);
  return act(deps, principal, id, async (tx, emit, chat) => {
    if (chat.status !== 'queued') throw conflict('Someone else has this chat already.');
    if (!isSupervisor(principal) && !me.departmentIds.includes(chat.departmentId))
      throw forbidden('This chat belongs to another department.');
    const agent = await lockAgent(tx, me.staffId);
    return assignChatTransition(tx, emit, chat, { agent, by: actorOf(principal) });
  });
}

export function assignTo(deps: ChatServiceDeps, principal: Principal, id: string, agentId: string) {
  if (!isSupervisor(principal)) throw forbidden('Only supervisors assign chats to others.');
  return act(deps, principal, id, async (tx, emit, chat) => {
    // The chat's own refusals come before the question of who the agent is.
    assertAssignable(chat, agentId);
    if (!(await isDepartmentMember(tx, agentId, chat.departmentId)))
      throw conflict('That person does not work in this chat’s department.');
    const agent = await lockAgent(tx, agentId);
    return assignChatTransition(tx, emit, chat, { agent, by: actorOf(principal) });
  });
}

export function markPending(deps: ChatServiceDeps, principal: Principal, id: string) {
  return act(deps, principal, id, async (tx, emit, chat) => {
    assertManager(principal, chat);
    return markPendingTransition(tx, emit, chat, actorOf(principal));
  });
}

export function resumeChat(deps: ChatServiceDeps, principal: Principal, id: string) {
  return act(deps, principal, id, async (tx, emit, chat) => {
    assertManager(principal, chat);
    return resumeChatTransition(tx, emit, chat, { by: actorOf(principal), reason: 'staff' });
  });
}

export function setFlag(deps: ChatServiceDeps, principal: Principal, id: string, flagged: boolean) {
  return act(deps, principal, id, async (tx, emit, chat) => {
    assertManager(principal, chat);
    return setFlagTransition(tx, emit, chat, { flagged, by: actorOf(principal) });
  });
}

export type CloseInput = {
  sentiment: Sentiment;
  tag?: string | undefined;
  note?: string | undefined;
  references?: string[] | undefined;
};

/**
 * A close's tag is one of the admins' wrap-up tags (matched ignoring case, stored as the list
 * spells it), so reports can count by tag; anything else is refused before the close.
 */
async function wrapUpTagNamed(db: Db, given: string): Promise<string> {
  const names = await listActiveTagNames(db);
  const wanted = given.trim().toLowerCase();
  const found = names.find((name) => name.toLowerCase() === wanted);
  if (found) return found;
  throw unprocessable(
    names.length === 0
      ? 'There are no wrap-up tags yet: an admin adds them in Admin → Wrap-up tags.'
      : 'The tag must be one of the wrap-up tags.',
    [{ field: 'tag', message: `"${given.trim()}" is not a wrap-up tag` }],
  );
}

/** Closes a chat as its agent or a supervisor, with the wrap-up; the note becomes a customer note. */
export async function closeChat(
  deps: ChatServiceDeps,
  principal: Principal,
  id: string,
  input: CloseInput,
) {
  const me = requireStaff(principal);
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
  const tag = input.tag === undefined ? null : await wrapUpTagNamed(deps.db, input.tag);
  // The wrap-up note joins the customer's notes, with its first reference as the note's link.
  const [first, ...rest] = references;
  const body = [input.note, ...rest.map((r) => r.value)].filter(Boolean).join('\n');
  const withNote = Boolean(body || first);
  const chat = await act(deps, principal, id, async (tx, emit, row) => {
    assertManager(principal, row);
    const storeNote = async (noteTx: Db, noteEmit: EmitFrame) => {
      const author = await findStaffSummary(noteTx, me.staffId);
      await writeNote(noteTx, noteEmit, {
        customerId: row.customerId,
        body: body || 'Wrap-up',
        reference: first ?? null,
        chatId: row.id,
        ticketId: null,
        author: author!,
      });
    };
    return closeChatTransition(tx, emit, row, {
      by: actorOf(principal),
      reason: {
        kind: 'wrap-up',
        sentiment: input.sentiment,
        tag,
        writeNote: withNote ? storeNote : undefined,
      },
    });
  });
  await serveQueue(deps);
  return chat;
}

export function reopenChat(deps: ChatServiceDeps, principal: Principal, id: string) {
  const me = requireStaff(principal);
  return act(deps, principal, id, async (tx, emit, chat) =>
    reopenChatTransition(tx, emit, chat, { agentId: me.staffId, by: actorOf(principal) }),
  );
}
