import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { buildChat, buildMe } from '../../../test/fixtures.ts';
import { mockFetch } from '../../../test/http.ts';
import { createTestQueryClient, renderWithClient } from '../../../test/render.tsx';
import { TooltipProvider } from '../../../ui/Tooltip.tsx';
import { ConversationHeader } from './ConversationHeader.tsx';

const offer = {
  id: 't1',
  from: { id: 'staff-agent-1', name: 'Agent One', role: 'agent' as const },
  offeredBy: { id: 'staff-agent-1', name: 'Agent One', role: 'agent' as const },
  toAgent: { id: 'staff-agent-2', name: 'Agent Two', role: 'agent' as const },
  toDepartment: null,
  note: '',
  createdAt: '2030-01-01T09:00:00.000Z',
  expiresAt: '2030-01-01T09:20:00.000Z',
};

function renderHeader(chat: ReturnType<typeof buildChat>, me = buildMe()) {
  mockFetch([]);
  renderWithClient(
    <TooltipProvider>
      <ConversationHeader chat={chat} me={me} />
    </TooltipProvider>,
  );
}

describe('ConversationHeader', () => {
  it('keeps its actions (and any dialog they hold open) when the layout adds the panel button', () => {
    mockFetch([]);
    const chat = buildChat({ assignee: { id: 'staff-agent-1', name: 'Agent One', role: 'agent' } });
    const me = buildMe({ id: 'staff-agent-1' });
    const client = createTestQueryClient();
    const header = (end?: ReactNode) => (
      <QueryClientProvider client={client}>
        <TooltipProvider>
          <ConversationHeader chat={chat} me={me} end={end} />
        </TooltipProvider>
      </QueryClientProvider>
    );
    const { rerender } = render(header());
    const actions = document.querySelector('.chat-actions');
    expect(actions).not.toBeNull();
    rerender(header(<button type="button">Customer panel</button>));
    expect(document.querySelector('.chat-actions')).toBe(actions);
    rerender(header());
    expect(document.querySelector('.chat-actions')).toBe(actions);
  });

  it('says where a chat is being transferred, for the sender', () => {
    renderHeader(buildChat({ transfer: offer }));
    expect(screen.getByText('Transferring to Agent Two')).toBeTruthy();
  });

  it('says it for the receiver too, and names a department offer', () => {
    renderHeader(
      buildChat({
        transfer: { ...offer, toAgent: null, toDepartment: { id: 'd', name: 'Support' } },
      }),
      buildMe({ id: 'staff-agent-2', name: 'Agent Two' }),
    );
    expect(screen.getByText('Transferring to Support')).toBeTruthy();
  });

  it('says nothing of transfers when none is open', () => {
    renderHeader(buildChat());
    expect(screen.queryByText(/Transferring/)).toBeNull();
  });
});
