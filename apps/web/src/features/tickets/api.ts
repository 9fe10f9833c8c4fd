import {
  AcceptOldestResult,
  SupervisorDesk,
  Ticket,
  TicketCounts,
  TicketList,
} from '@parley/contract';
import type { TicketTransferBody, TicketView } from '@parley/contract';
import { http } from '../../app/http.ts';

export const TICKET_PAGE_SIZE = 50;

export const ticketKeys = {
  all: ['tickets'] as const,
  lists: ['tickets', 'list'] as const,
  list: (view: TicketView) => ['tickets', 'list', view] as const,
  counts: ['tickets', 'counts'] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  transferChoices: ['tickets', 'transfer-choices'] as const,
};

const ticketPath = (id: string) => `/api/tickets/${encodeURIComponent(id)}`;

/** One page of a ticket view; `cursor` reaches the next page (keyset, as the chat lists). */
export function fetchTicketPage(params: {
  view: TicketView;
  cursor: string | null;
  signal?: AbortSignal;
}): Promise<TicketList> {
  const query = new URLSearchParams({ view: params.view, limit: String(TICKET_PAGE_SIZE) });
  if (params.cursor) query.set('cursor', params.cursor);
  return http(`/api/tickets?${query}`, { parse: TicketList, signal: params.signal });
}

/** The navigation's numbers, counted by the server rather than from loaded rows. */
export function fetchTicketCounts(signal?: AbortSignal): Promise<TicketCounts> {
  return http('/api/tickets/counts', { parse: TicketCounts, signal });
}

export function fetchTicket(id: string, signal?: AbortSignal): Promise<Ticket> {
  return http(ticketPath(id), { parse: Ticket, signal });
}

/** Takes an unassigned ticket; 409 when a colleague was quicker. */
export function acceptTicket(id: string): Promise<Ticket> {
  return http(`${ticketPath(id)}/accept`, { method: 'POST', parse: Ticket });
}

/** Takes the oldest unassigned tickets of my departments, at most `count`; answers what I got. */
export function acceptOldestTickets(count: number): Promise<AcceptOldestResult> {
  return http('/api/tickets/accept-oldest', {
    method: 'POST',
    body: { count },
    parse: AcceptOldestResult,
  });
}

/** 409 until staff have replied to the customer. */
export function closeTicket(id: string): Promise<Ticket> {
  return http(`${ticketPath(id)}/close`, { method: 'POST', parse: Ticket });
}

/** Supervisors and admins only: to an agent (assigned to them) or a department (unassigned there). */
export function transferTicket(id: string, body: TicketTransferBody): Promise<Ticket> {
  return http(`${ticketPath(id)}/transfer`, { method: 'POST', body, parse: Ticket });
}

/** Who and where a ticket can go: the supervisor desk's departments and team. */
export function fetchTransferChoices(signal?: AbortSignal): Promise<SupervisorDesk> {
  return http('/api/supervisor/desk', { parse: SupervisorDesk, signal });
}
