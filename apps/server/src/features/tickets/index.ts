// Tickets: conversations nobody could take live, worked later by accepting, replying and closing.
export { assertTicketWriter, canViewTicket } from './tickets.service.ts';
