import type { Chat, ChatEvent, Me, Message, StaffPresence } from '@parley/contract';
import { plainMessageExtras } from '@parley/contract';

export function buildMe(overrides: Partial<Me> = {}): Me {
  return {
    id: 'staff-agent-1',
    name: 'Agent One',
    email: 'agent1@demo.parley',
    role: 'agent',
    departments: [{ id: 'dep-support', name: 'Support' }],
    available: false,
    capacity: 5,
    ...overrides,
  };
}

export function buildPresence(overrides: Partial<StaffPresence> = {}): StaffPresence {
  return {
    id: 'staff-agent-2',
    name: 'Agent Two',
    role: 'agent',
    available: true,
    online: true,
    ...overrides,
  };
}

let serial = 0;
const nextId = (prefix: string) => `${prefix}-${++serial}`;

export function buildChat(overrides: Partial<Chat> = {}): Chat {
  // Unless a test says otherwise, the latest activity was the customer's (lists sort by it).
  const lastActivityAt = overrides.lastActivityAt ?? '2030-01-01T09:00:00.000Z';
  return {
    id: nextId('chat'),
    status: 'live',
    flagged: false,
    unverified: false,
    waitingSince: null,
    transfer: null,
    queuedAt: null,
    customer: { id: nextId('customer'), phone: '+27821234567', name: 'Thandi Nkosi' },
    channel: { id: 'demo-webhook', kind: 'whatsapp', name: 'Demo WhatsApp' },
    assignee: { id: 'staff-agent-1', name: 'Agent One', role: 'agent' },
    department: { id: 'dep-support', name: 'Support' },
    createdAt: '2030-01-01T09:00:00.000Z',
    lastActivityAt,
    lastCustomerActivityAt: lastActivityAt,
    lastMessage: {
      text: 'Hello, my order is late',
      direction: 'in',
      at: '2030-01-01T09:00:00.000Z',
    },
    closedAt: null,
    sentiment: null,
    ...overrides,
  };
}

export function buildMessage(overrides: Partial<Message> = {}): Message {
  return {
    id: nextId('message'),
    chatId: 'chat-1',
    direction: 'in',
    text: 'Hello, my order is late',
    author: { kind: 'customer', name: 'Thandi Nkosi' },
    status: 'received',
    failureReason: null,
    clientId: null,
    createdAt: '2030-01-01T09:00:00.000Z',
    seq: 1,
    ...plainMessageExtras(),
    ...overrides,
  };
}

export function buildEvent(overrides: Partial<ChatEvent> = {}): ChatEvent {
  return {
    id: nextId('event'),
    chatId: 'chat-1',
    customerId: 'customer-1',
    type: 'queued',
    actor: { kind: 'system' },
    data: {},
    at: '2030-01-01T09:00:00.000Z',
    seq: 1,
    ...overrides,
  };
}
