import type { Transfer } from '@parley/contract';

export const agentOne = { id: 'staff-agent-1', name: 'Agent One', role: 'agent' as const };
export const agentTwo = { id: 'staff-agent-2', name: 'Agent Two', role: 'agent' as const };
export const support = { id: 'dep-support', name: 'Support' };

let serial = 0;

/** An open offer from Agent One to Agent Two, unless the test says otherwise. */
export function buildTransfer(overrides: Partial<Transfer> = {}): Transfer {
  return {
    id: `transfer-${++serial}`,
    chatId: 'chat-1',
    from: agentOne,
    offeredBy: agentOne,
    toAgent: agentTwo,
    toDepartment: null,
    note: 'Wants a refund; order 4411',
    createdAt: '2030-01-01T09:00:00.000Z',
    expiresAt: '2030-01-01T09:20:00.000Z',
    state: 'offered',
    reason: null,
    answeredBy: null,
    answeredAt: null,
    acknowledgedAt: null,
    ...overrides,
  };
}
