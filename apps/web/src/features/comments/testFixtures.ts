import type { Comment, StaffPresence } from '@parley/contract';
import { buildPresence } from '../../test/fixtures.ts';

export const me = buildPresence({ id: 'staff-agent-1', name: 'Agent One' });
export const agentTwo = buildPresence({ id: 'staff-agent-2', name: 'Agent Two' });
export const lerato = buildPresence({
  id: 'staff-lerato',
  name: 'Lerato Mokoena',
  role: 'supervisor',
  available: false,
});

export const online: StaffPresence[] = [me, agentTwo, lerato];

let serial = 0;

export function buildComment(overrides: Partial<Comment> = {}): Comment {
  return {
    id: `comment-${++serial}`,
    chatId: 'chat-1',
    body: 'Can you look at this one?',
    mentions: [],
    author: { id: me.id, name: me.name, role: me.role },
    createdAt: new Date(Date.now() - 60_000).toISOString(),
    ...overrides,
  };
}
