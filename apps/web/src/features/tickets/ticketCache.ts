import type { Ticket, TicketList } from '@parley/contract';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { ticketKeys } from './api.ts';

/**
 * A ticket as the server now tells it (an answer or a `ticket.updated` frame): the open ticket
 * shows it at once, and the lists and counts read again, since a change can move it between
 * tabs and only the server knows the order and totals.
 */
export function storeTicket(queryClient: QueryClient, ticket: Ticket) {
  queryClient.setQueryData(ticketKeys.detail(ticket.id), ticket);
  void queryClient.invalidateQueries({ queryKey: ticketKeys.lists });
  void queryClient.invalidateQueries({ queryKey: ticketKeys.counts });
}

/** What a loaded list already knows about a ticket, to show while its own answer is on the way. */
export function findListedTicket(queryClient: QueryClient, id: string): Ticket | undefined {
  const lists = queryClient.getQueriesData<InfiniteData<TicketList>>({
    queryKey: ticketKeys.lists,
  });
  for (const [, data] of lists) {
    const found = data?.pages.flatMap((page) => page.items).find((ticket) => ticket.id === id);
    if (found) return found;
  }
  return undefined;
}
