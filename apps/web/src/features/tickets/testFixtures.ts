import type { Ticket } from '@parley/contract';

let serial = 0;

/** An unassigned WhatsApp ticket of Support that became a ticket when nobody was available. */
export function buildTicket(overrides: Partial<Ticket> = {}): Ticket {
  serial += 1;
  return {
    id: `ticket-${serial}`,
    status: 'unassigned',
    customer: { id: `customer-t${serial}`, phone: '+27821234567', name: 'Thandi Nkosi' },
    channel: { id: 'demo-webhook', kind: 'whatsapp', name: 'Demo WhatsApp' },
    assignee: null,
    department: { id: 'dep-support', name: 'Support' },
    reason: 'nobody_available',
    contact: null,
    createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    lastActivityAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    closedAt: null,
    lastMessage: { text: 'Is anyone there?', direction: 'in', at: new Date().toISOString() },
    canClose: false,
    ...overrides,
  };
}

export const emptyTimeline = { items: [], nextCursor: null };
