export { TicketListPane } from './components/TicketListPane.tsx';
export { TicketPane } from './components/TicketPane.tsx';
export {
  findTicketTab,
  reasonLabels,
  ticketStatusLabels,
  ticketStatusTones,
  ticketTabs,
} from './format.ts';
export type { TicketTab } from './format.ts';
export { useTicket, useTicketCounts, useTicketSync } from './hooks/useTickets.ts';
export { ticketHref } from './paths.ts';
