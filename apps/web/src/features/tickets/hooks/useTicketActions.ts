import type { TicketTransferBody } from '@parley/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { acceptOldestTickets, acceptTicket, closeTicket, transferTicket } from '../api.ts';
import { storeTicket } from '../ticketCache.ts';

/**
 * Accept, close and transfer. Never optimistic: a colleague may have taken the ticket, or it
 * may not be closable yet, so the ticket changes when the server answers and a refusal shows.
 */
export function useTicketAction(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: 'accept' | 'close') =>
      action === 'accept' ? acceptTicket(ticketId) : closeTicket(ticketId),
    onSuccess: (ticket) => storeTicket(queryClient, ticket),
  });
}

/** Accept from a list row: the ticket is the mutation's variable, so one hook serves every row. */
export function useAcceptTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ticketId: string) => acceptTicket(ticketId),
    onSuccess: (ticket) => storeTicket(queryClient, ticket),
  });
}

export function useTransferTicket(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TicketTransferBody) => transferTicket(ticketId, body),
    onSuccess: (ticket) => storeTicket(queryClient, ticket),
  });
}

/** Quick accept: the oldest `count` unassigned tickets of my departments, or fewer. */
export function useAcceptOldest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (count: number) => acceptOldestTickets(count),
    onSuccess: (result) => result.items.forEach((ticket) => storeTicket(queryClient, ticket)),
  });
}
