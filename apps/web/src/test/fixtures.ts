import type { Me, StaffPresence } from '@parley/contract';

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
