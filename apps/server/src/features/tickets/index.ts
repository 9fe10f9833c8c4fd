// Tickets: conversations nobody could take live, worked later by accepting, replying and closing.
export { canViewTicket } from './tickets.service.ts';
