import type { Customer, Note } from '@parley/contract';

export function buildCustomer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'customer-1',
    phone: '+27821234567',
    phoneDisplay: '+27 82 123 4567',
    name: 'Thandi Nkosi',
    email: 'thandi@example.co.za',
    language: 'en-ZA',
    company: null,
    location: 'Johannesburg',
    customFields: { Tier: 'Gold' },
    version: 3,
    optedOut: false,
    createdAt: '2030-01-01T09:00:00.000Z',
    updatedAt: '2030-01-02T09:00:00.000Z',
    ...overrides,
  };
}

let serial = 0;
export function buildNote(overrides: Partial<Note> = {}): Note {
  serial += 1;
  return {
    id: `note-${serial}`,
    customerId: 'customer-1',
    body: `Note ${serial}`,
    reference: null,
    chatId: null,
    ticketId: null,
    chat: null,
    author: { id: 'staff-agent-2', name: 'Agent Two', role: 'agent' },
    createdAt: new Date(Date.now() - serial * 60_000).toISOString(),
    canDelete: false,
    ...overrides,
  };
}
