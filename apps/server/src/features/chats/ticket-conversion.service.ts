import type { Ticket, TicketReason } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import type { EmitFrame } from '../../realtime/frames.ts';
import { rooms } from '../../realtime/rooms.ts';
import { departmentOpenAt, describeOpening } from '../business-hours/index.ts';
import { readSettings } from '../settings/index.ts';
import { enqueueWebhookEvent } from '../webhooks/index.ts';
import { type AutoReplyVars, sendAutoReply } from './auto-replies.ts';
import { type Actor, announceChat, recordEvent, tellChatAnnounced } from './chat-events.service.ts';
import type { ChatRow } from './chat-payloads.repo.ts';
import { findTicket } from './ticket-payloads.repo.ts';
import { countAvailableAgents, markAsTicket, markTicketClosed } from './ticket-conversion.repo.ts';

/*
 * A conversation nobody can take live becomes a ticket (product.md "Tickets"): outside the
 * department's hours, with nobody of the department available, or after waiting in the queue too
 * long. The row stays the conversation's own, so its messages, events and room carry on; the
 * chats' lists, routing and timers leave it alone (`kind = 'ticket'`).
 */

/** How a ticket was before a change: whoever saw it then must hear it change. */
export type TicketBefore = { assigneeId: string | null; departmentId: string };

/**
 * Who hears a ticket change: its room, supervisors, its assignee and former assignee, and the
 * departments it is (or was) in, whose agents see its unassigned and closed lists.
 */
export function ticketAudience(
  ticket: { id: string; assigneeId: string | null; departmentId: string },
  before?: TicketBefore,
): string[] {
  const to = new Set([
    rooms.chat(ticket.id),
    rooms.supervisors,
    rooms.department(ticket.departmentId),
  ]);
  if (ticket.assigneeId) to.add(rooms.staff(ticket.assigneeId));
  if (before?.assigneeId) to.add(rooms.staff(before.assigneeId));
  if (before) to.add(rooms.department(before.departmentId));
  return [...to];
}

/** Announces a ticket as it now is (`ticket.updated`), in the caller's transaction. */
export async function announceTicket(
  tx: Db,
  emit: EmitFrame,
  id: string,
  before?: TicketBefore,
): Promise<Ticket | undefined> {
  const ticket = await findTicket(tx, id);
  if (!ticket) return undefined;
  const to = ticketAudience(
    { id, assigneeId: ticket.assignee?.id ?? null, departmentId: ticket.department.id },
    before,
  );
  await emit({ type: 'ticket.updated', rooms: to, data: ticket });
  // The customer's widget hears it too (a ticket is its conversation's row: queued = unassigned).
  const status = { unassigned: 'queued', assigned: 'live', closed: 'closed' } as const;
  await tellChatAnnounced(tx, emit, {
    id,
    status: status[ticket.status],
    assigneeId: ticket.assignee?.id ?? null,
  });
  return ticket;
}

/** Why a conversation becomes a ticket, and the words its auto-reply fills in. */
export type TicketCause = { reason: TicketReason; vars?: AutoReplyVars };

/**
 * Whether a new conversation becomes a ticket at once: outside the department's hours, or with
 * nobody of the department available when the admin setting says so (the default). Undefined:
 * it goes to the live queue.
 */
export async function ticketCauseForNewConversation(
  tx: Db,
  chat: ChatRow,
  online: Set<string>,
  at: Date,
): Promise<TicketCause | undefined> {
  const opening = await departmentOpenAt(tx, chat.departmentId, at);
  if (!opening.open)
    return {
      reason: 'out_of_hours',
      vars: {
        // In the department's clock and the language of the reply's words.
        opening: (language) =>
          opening.nextOpening && opening.timeZone
            ? describeOpening(opening.nextOpening, opening.timeZone, language, at)
            : '',
      },
    };
  const settings = await readSettings(tx);
  if (!settings.ticketWhenNobodyAvailable) return undefined;
  if ((await countAvailableAgents(tx, chat.departmentId, online)) > 0) return undefined;
  return { reason: 'nobody_available' };
}

/**
 * Whether a customer writing now would start a live chat: the department is open and someone of
 * it is available (busy or not).
 */
export async function liveChatPossible(
  tx: Db,
  departmentId: string,
  online: Set<string>,
  at: Date,
): Promise<boolean> {
  if (!(await departmentOpenAt(tx, departmentId, at)).open) return false;
  return (await countAvailableAgents(tx, departmentId, online)) > 0;
}

const SYSTEM: Actor = { kind: 'system' };

/**
 * A queued chat (row locked) becomes an unassigned ticket: the event says why, the ticket is
 * announced to who works tickets, and the customer hears the matching auto-reply. A chat the desk
 * already listed (`listed`: it waited in the queue) is announced once more as a ticket, which takes
 * it off every chat list (contract views.ts). Answers whether the outbox has a message to send.
 */
export async function becomeTicketTransition(
  tx: Db,
  emit: EmitFrame,
  chat: ChatRow,
  cause: TicketCause & { listed: boolean },
): Promise<{ queued: boolean }> {
  const row = await markAsTicket(tx, chat.id, cause.reason);
  await recordEvent(tx, emit, {
    chatId: chat.id,
    customerId: chat.customerId,
    type: 'ticket_created',
    actor: SYSTEM,
    data: { reason: cause.reason },
  });
  const ticket = await announceTicket(tx, emit, chat.id);
  if (cause.listed)
    await announceChat(tx, emit, chat.id, { status: chat.status, assigneeId: chat.assigneeId });
  if (ticket) await enqueueWebhookEvent(tx, 'ticket.created', ticket);
  const kind = cause.reason === 'out_of_hours' ? 'out_of_hours' : 'ticket_created';
  const { queued } = await sendAutoReply(tx, emit, row, kind, cause.vars ?? {});
  return { queued };
}

/**
 * The customer's open ticket (row locked) closes because they started a live chat: first the row
 * (one open conversation per customer and channel), then, once the chat exists, the events that
 * link the two (`linkTicketToChat`).
 */
export async function closeTicketForLiveChat(tx: Db, ticket: ChatRow, at: Date): Promise<void> {
  await markTicketClosed(tx, ticket.id, at);
}

/** The ticket closed for a live chat says which, and the chat says which ticket it follows. */
export async function linkTicketToChat(
  tx: Db,
  emit: EmitFrame,
  ticket: ChatRow,
  chatId: string,
): Promise<void> {
  await recordEvent(tx, emit, {
    chatId: ticket.id,
    customerId: ticket.customerId,
    type: 'ticket_closed',
    actor: { kind: 'customer' },
    data: { reason: 'live_chat', chatId },
  });
  await recordEvent(tx, emit, {
    chatId,
    customerId: ticket.customerId,
    type: 'follows_ticket',
    actor: SYSTEM,
    data: { ticketId: ticket.id },
  });
  const closed = await announceTicket(tx, emit, ticket.id, {
    assigneeId: ticket.assigneeId,
    departmentId: ticket.departmentId,
  });
  if (closed) await enqueueWebhookEvent(tx, 'ticket.closed', closed);
}
