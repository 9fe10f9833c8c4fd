import type { TicketView } from '@parley/contract';

/** `/tickets/<tab>` or `/tickets/<tab>/<id>`: where the desk shows a ticket view or a ticket. */
export function ticketHref(view: TicketView, ticketId?: string): string {
  return ticketId ? `/tickets/${view}/${encodeURIComponent(ticketId)}` : `/tickets/${view}`;
}
