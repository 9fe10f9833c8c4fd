import type { Ticket, TicketView } from '@parley/contract';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRealtimeFrame } from '../../../app/realtime/index.ts';
import { fetchTicket, fetchTicketCounts, fetchTicketPage, ticketKeys } from '../api.ts';
import { findListedTicket, storeTicket } from '../ticketCache.ts';

/** A ticket view, page by page; `ticket.updated` frames make it read again. */
export function useTicketList(view: TicketView) {
  return useInfiniteQuery({
    queryKey: ticketKeys.list(view),
    queryFn: ({ pageParam, signal }) => fetchTicketPage({ view, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The server's counts of unassigned and assigned tickets, for the navigation and the tabs. */
export function useTicketCounts() {
  return useQuery({
    queryKey: ticketKeys.counts,
    queryFn: ({ signal }) => fetchTicketCounts(signal),
  });
}

/** One ticket; shows what a list already knows while its own answer is on the way. */
export function useTicket(id: string) {
  const queryClient = useQueryClient();
  return useQuery<Ticket, Error, Ticket, ReturnType<typeof ticketKeys.detail>>({
    queryKey: ticketKeys.detail(id),
    queryFn: ({ signal }) => fetchTicket(id, signal),
    placeholderData: () => findListedTicket(queryClient, id),
  });
}

/** Keeps the open ticket, the ticket lists and the counts current from `ticket.updated` frames. */
export function useTicketSync() {
  const queryClient = useQueryClient();
  useRealtimeFrame('ticket.updated', (ticket) => storeTicket(queryClient, ticket));
  // A change between a fetch and the socket's first hello never arrives as a frame.
  useRealtimeFrame('hello', () => {
    void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
  });
}
