import type { Ticket, TicketReason, TicketStatus, TicketView } from '@parley/contract';
import type { StatusTone } from '../../ui/StatusDot.tsx';

/** Why a conversation became a ticket, in the words the desk shows. */
export const reasonLabels: Record<TicketReason, string> = {
  out_of_hours: 'Out of hours',
  nobody_available: 'Nobody available',
  queue_timeout: 'Waited too long',
};

export const ticketStatusLabels: Record<TicketStatus, string> = {
  unassigned: 'Unassigned',
  assigned: 'Assigned',
  closed: 'Closed',
};

export const ticketStatusTones: Record<TicketStatus, StatusTone> = {
  unassigned: 'blue',
  assigned: 'green',
  closed: 'grey',
};

export type TicketTab = {
  view: TicketView;
  label: string;
  empty: { title: string; description: string };
};

/** The three tabs of the Tickets view, in order; the first is where `/tickets` lands. */
export const ticketTabs: readonly TicketTab[] = [
  {
    view: 'unassigned',
    label: 'Unassigned',
    empty: {
      title: 'No tickets waiting.',
      description: 'Conversations nobody could take live wait here, newest first.',
    },
  },
  {
    view: 'assigned',
    label: 'Assigned',
    empty: {
      title: 'No tickets assigned.',
      description: 'Tickets you accept, or a supervisor gives you, appear here.',
    },
  },
  {
    view: 'closed',
    label: 'Closed',
    empty: { title: 'No closed tickets.', description: 'Tickets appear here once closed.' },
  },
];

export function findTicketTab(view: string | undefined): TicketTab | undefined {
  return ticketTabs.find((tab) => tab.view === view);
}

export const CLOSE_BEFORE_REPLY_REASON = 'Reply to the customer before closing.';

/** "You got 3 tickets", "Only 2 were waiting", "No tickets were waiting": a quick accept's answer. */
export function quickAcceptOutcome(asked: number, got: number): string {
  if (got === 0) return 'No tickets were waiting.';
  if (got < asked) return got === 1 ? 'Only 1 was waiting.' : `Only ${got} were waiting.`;
  return got === 1 ? 'You got 1 ticket.' : `You got ${got} tickets.`;
}

/** Why this person cannot write in the ticket, or null when they can. */
export function ticketWriteBlocked(ticket: Ticket, meId: string): string | null {
  if (ticket.status === 'closed') return 'This ticket is closed.';
  if (ticket.status === 'unassigned') return 'Accept this ticket to reply.';
  if (ticket.assignee?.id !== meId)
    return `${ticket.assignee?.name ?? 'Its agent'} has this ticket. Only they reply to the customer.`;
  return null;
}
