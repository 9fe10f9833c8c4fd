import type {
  AcceptOldestResult,
  Message,
  Ticket,
  TicketCounts,
  TicketList,
  TicketTransferBody,
  TicketView,
  Timeline,
} from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../errors.ts';
import { isSupervisor, type Principal, requireStaff } from '../../principal.ts';
import { type EmitFrame, transact } from '../../realtime/frames.ts';
import {
  type Actor,
  actorOf,
  announceTicket,
  type ChatRow,
  type ChatServiceDeps,
  findTicket,
  getMessages,
  getTimeline,
  recordEvent,
  type ReplyRules,
  sendMessage,
} from '../chats/index.ts';
import { notify } from '../notifications/index.ts';
import {
  assignTicketRow,
  closeTicketRow,
  countTickets,
  findActiveStaff,
  findOpenDepartment,
  findStaffName,
  findTicketRow,
  findTicketsInView,
  lockOldestUnassigned,
  moveTicketToDepartment,
  sortMomentOf,
  type TicketViewer,
} from './tickets.repo.ts';

/*
 * Tickets: conversations nobody could take live, worked later (product.md "Tickets"). Who sees
 * one: supervisors every ticket; an agent the unassigned and closed tickets of their departments
 * and the ones assigned to them. Others are told it does not exist (404).
 */

export type TicketDeps = ChatServiceDeps;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_SUCH_TICKET = 'No such ticket.';

/** Whether the principal may see this ticket (the same rule as the lists). */
export function canViewTicket(principal: Principal, ticket: ChatRow): boolean {
  if (isSupervisor(principal)) return true;
  if (principal.kind !== 'staff') return false;
  if (ticket.assigneeId === principal.staffId) return true;
  const unassigned = ticket.status === 'queued' && !ticket.assigneeId;
  return (
    (unassigned || ticket.status === 'closed') &&
    principal.departmentIds.includes(ticket.departmentId)
  );
}

const viewerOf = (principal: Principal): TicketViewer => {
  const me = requireStaff(principal);
  return {
    staffId: me.staffId,
    departmentIds: me.departmentIds,
    seesEveryone: isSupervisor(principal),
  };
};

/** The ticket's row when the principal may see it; 404 otherwise (also for ids that are not). */
async function loadTicket(db: Db, principal: Principal, id: string, lock = false) {
  if (!UUID.test(id)) throw notFound(NO_SUCH_TICKET);
  const row = await findTicketRow(db, id, lock);
  if (!row || !canViewTicket(principal, row)) throw notFound(NO_SUCH_TICKET);
  return row;
}

/** A page of a ticket view, newest first. */
export async function listTickets(
  deps: TicketDeps,
  principal: Principal,
  query: { view: TicketView; cursor?: string | undefined; limit: number },
): Promise<TicketList> {
  const page = await findTicketsInView(deps.db, {
    view: query.view,
    viewer: viewerOf(principal),
    after: decodeCursor(query.cursor, { at: 'time', id: 'uuid' }),
    limit: query.limit,
  });
  const items = page.slice(0, query.limit);
  const last = page.length > query.limit ? items[items.length - 1] : undefined;
  return {
    items,
    nextCursor: last ? encodeCursor({ at: sortMomentOf(query.view, last), id: last.id }) : null,
  };
}

/** The navigation's counts for this person. */
export async function ticketCounts(deps: TicketDeps, principal: Principal): Promise<TicketCounts> {
  return countTickets(deps.db, viewerOf(principal));
}

export async function getTicket(deps: TicketDeps, principal: Principal, id: string) {
  await loadTicket(deps.db, principal, id);
  const ticket = await findTicket(deps.db, id);
  if (!ticket) throw notFound(NO_SUCH_TICKET);
  return ticket;
}

/** The ticket's messages, paged like a chat's. */
export async function getTicketMessages(
  deps: TicketDeps,
  principal: Principal,
  id: string,
  paging: { cursor?: string | undefined; limit: number },
) {
  await loadTicket(deps.db, principal, id);
  return getMessages(deps, principal, id, paging);
}

/** The ticket's messages and events interleaved, paged like a chat's. */
export async function getTicketTimeline(
  deps: TicketDeps,
  principal: Principal,
  id: string,
  paging: { cursor?: string | undefined; limit: number },
): Promise<Timeline> {
  await loadTicket(deps.db, principal, id);
  return getTimeline(deps, principal, id, paging);
}

/**
 * Replying to a ticket: only its assignee writes, and only while it is assigned and open. The
 * first staff reply is an event (`ticket_replied`): from then on the ticket may close.
 */
const ticketReplyRules: ReplyRules = {
  assertWriter(principal, ticket) {
    const me = requireStaff(principal);
    if (ticket.status === 'closed') throw conflict('This ticket is closed; nothing more is sent.');
    if (!ticket.assigneeId)
      throw conflict('This ticket is unassigned. Accept it before replying to the customer.');
    if (ticket.assigneeId !== me.staffId)
      throw forbidden('Only the ticket’s assignee replies to the customer.');
  },
  async afterReply(tx, emit, ticket, principal) {
    if (ticket.lastStaffReplyAt === null)
      await recordEvent(tx, emit, {
        chatId: ticket.id,
        customerId: ticket.customerId,
        type: 'ticket_replied',
        actor: actorOf(principal),
      });
    await announceTicket(tx, emit, ticket.id);
  },
};

/** Sends the assignee's reply through the customer's channel; a repeated clientId sends nothing. */
export async function replyToTicket(
  deps: TicketDeps,
  principal: Principal,
  id: string,
  body: { text: string; clientId: string; attachments?: readonly string[] | undefined },
): Promise<{ message: Message; created: boolean }> {
  await loadTicket(deps.db, principal, id);
  return sendMessage(deps, principal, id, body, ticketReplyRules);
}

/** Whether the principal may reply on this ticket now: for uploads before a send (404, 403, 409). */
export async function assertTicketWriter(db: Db, principal: Principal, id: string) {
  ticketReplyRules.assertWriter(principal, await loadTicket(db, principal, id));
}

const beforeOf = (row: ChatRow) => ({ assigneeId: row.assigneeId, departmentId: row.departmentId });

/** Gives an unassigned ticket (row locked) to an agent: event `ticket_accepted`, announced. */
async function takeTicket(tx: Db, emit: EmitFrame, row: ChatRow, agentId: string, by: Actor) {
  await assignTicketRow(tx, row.id, agentId);
  await recordEvent(tx, emit, {
    chatId: row.id,
    customerId: row.customerId,
    type: 'ticket_accepted',
    actor: by,
    data: { agentId },
  });
  return (await announceTicket(tx, emit, row.id, beforeOf(row)))!;
}

/**
 * A ticket someone may try to accept: one they can see, or one of their departments a colleague
 * took first (that answers 409, not 404: they saw it a moment ago).
 */
async function loadAcceptable(db: Db, principal: Principal, id: string, lock = false) {
  if (!UUID.test(id)) throw notFound(NO_SUCH_TICKET);
  const row = await findTicketRow(db, id, lock);
  const mine =
    principal.kind === 'staff' && row && principal.departmentIds.includes(row.departmentId);
  if (!row || !(canViewTicket(principal, row) || mine)) throw notFound(NO_SUCH_TICKET);
  return row;
}

/**
 * Takes an unassigned ticket. Taking one I already hold answers it as it is; one someone else
 * took first is a 409. An agent takes tickets of their departments (others are not visible).
 */
export async function acceptTicket(
  deps: TicketDeps,
  principal: Principal,
  id: string,
): Promise<Ticket> {
  const me = requireStaff(principal);
  await loadAcceptable(deps.db, principal, id);
  return transact(deps, async (tx, emit) => {
    const row = await loadAcceptable(tx, principal, id, true);
    if (row.status === 'closed') throw conflict('This ticket is closed; it cannot be accepted.');
    if (row.assigneeId === me.staffId) return (await findTicket(tx, id))!;
    if (row.assigneeId)
      throw conflict('Someone else accepted this ticket first. Pick another from Unassigned.');
    return takeTicket(tx, emit, row, me.staffId, actorOf(principal));
  });
}

/**
 * Quick accept: the oldest unassigned tickets of my departments, up to `count`, in one
 * transaction; tickets another agent is taking at this moment are skipped, never shared.
 */
export async function acceptOldestTickets(
  deps: TicketDeps,
  principal: Principal,
  count: number,
): Promise<AcceptOldestResult> {
  const me = requireStaff(principal);
  const items = await transact(deps, async (tx, emit) => {
    const rows = await lockOldestUnassigned(tx, me.departmentIds, count);
    const taken: Ticket[] = [];
    for (const row of rows)
      taken.push(await takeTicket(tx, emit, row, me.staffId, actorOf(principal)));
    return taken;
  });
  return { items };
}

/**
 * Closes a ticket: its assignee or a supervisor, and only after staff replied to the customer
 * (a ticket must not end unanswered).
 */
export async function closeTicket(
  deps: TicketDeps,
  principal: Principal,
  id: string,
): Promise<Ticket> {
  const me = requireStaff(principal);
  await loadTicket(deps.db, principal, id);
  return transact(deps, async (tx, emit) => {
    const row = await loadTicket(tx, principal, id, true);
    if (row.status === 'closed') throw conflict('This ticket is already closed.');
    if (row.assigneeId !== me.staffId && !isSupervisor(principal))
      throw forbidden('Only the ticket’s assignee or a supervisor can close it.');
    if (row.lastStaffReplyAt === null)
      throw conflict('A ticket cannot be closed before a reply to the customer.');
    await closeTicketRow(tx, id, new Date());
    await recordEvent(tx, emit, {
      chatId: row.id,
      customerId: row.customerId,
      type: 'ticket_closed',
      actor: actorOf(principal),
      data: { by: me.staffId },
    });
    return (await announceTicket(tx, emit, id, beforeOf(row)))!;
  });
}

/** The one place a transfer goes: an agent, or a department. */
async function resolveTransferTarget(db: Db, body: TicketTransferBody) {
  if (Boolean(body.agentId) === Boolean(body.departmentId))
    throw unprocessable('Name either an agent or a department to transfer the ticket to.', [
      { field: 'agentId', message: 'give agentId or departmentId, not both or neither' },
    ]);
  if (body.agentId) {
    const agent = UUID.test(body.agentId) ? await findActiveStaff(db, body.agentId) : undefined;
    if (!agent)
      throw unprocessable('That colleague does not exist or is deactivated.', [
        { field: 'agentId', message: 'no active staff member with this id' },
      ]);
    return { agent, department: undefined };
  }
  const id = body.departmentId!;
  const department = UUID.test(id) ? await findOpenDepartment(db, id) : undefined;
  if (!department)
    throw unprocessable('That department does not exist or is archived.', [
      { field: 'departmentId', message: 'no open department with this id' },
    ]);
  return { agent: undefined, department };
}

/**
 * Transfers a ticket (supervisors and admins only): to an agent, who holds it at once and hears
 * it on their bell (`ticket_assigned`); or to a department, where it waits unassigned.
 */
export async function transferTicket(
  deps: TicketDeps,
  principal: Principal,
  id: string,
  body: TicketTransferBody,
): Promise<Ticket> {
  const me = requireStaff(principal);
  if (!isSupervisor(principal)) throw forbidden('Only supervisors transfer tickets.');
  await loadTicket(deps.db, principal, id);
  const target = await resolveTransferTarget(deps.db, body);
  return transact(deps, async (tx, emit) => {
    const row = await loadTicket(tx, principal, id, true);
    if (row.status === 'closed') throw conflict('A closed ticket cannot be transferred.');
    const event = { chatId: row.id, customerId: row.customerId, actor: actorOf(principal) };
    if (target.agent) {
      await assignTicketRow(tx, id, target.agent.id);
      await recordEvent(tx, emit, {
        ...event,
        type: 'ticket_transferred',
        data: { to: { kind: 'agent', id: target.agent.id, name: target.agent.name } },
      });
      await notify(tx, emit, {
        staffId: target.agent.id,
        kind: 'ticket_assigned',
        chatId: id,
        data: { by: await findStaffName(tx, me.staffId) },
      });
    } else {
      const department = target.department!;
      await moveTicketToDepartment(tx, id, department.id);
      await recordEvent(tx, emit, {
        ...event,
        type: 'ticket_transferred',
        data: { to: { kind: 'department', id: department.id, name: department.name } },
      });
    }
    return (await announceTicket(tx, emit, id, beforeOf(row)))!;
  });
}
