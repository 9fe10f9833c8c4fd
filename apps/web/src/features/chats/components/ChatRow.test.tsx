import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildChat } from '../../../test/fixtures.ts';
import { ChatRow } from './ChatRow.tsx';

const transfer = {
  id: 't1',
  from: { id: 'staff-agent-1', name: 'Agent One', role: 'agent' as const },
  offeredBy: null,
  toAgent: { id: 'staff-agent-2', name: 'Agent Two', role: 'agent' as const },
  toDepartment: null,
  note: '',
  createdAt: '2030-01-01T09:00:00.000Z',
  expiresAt: '2030-01-01T09:20:00.000Z',
};

function renderRow(chat: ReturnType<typeof buildChat>) {
  render(
    <ul>
      <ChatRow
        chat={chat}
        href={`/live/${chat.id}`}
        open={false}
        marker={null}
        meId="staff-agent-1"
        now={Date.parse('2030-01-01T09:05:00.000Z')}
        showOwner={false}
        showStatus={false}
      />
    </ul>,
  );
  return screen.getByRole('link');
}

describe('ChatRow', () => {
  it('says on a closed row who closed it and with what outcome', () => {
    const row = renderRow(
      buildChat({
        status: 'closed',
        sentiment: 'positive',
        closure: {
          by: 'staff',
          staff: { id: 's1', name: 'Lerato Mokoena', role: 'agent' },
          tag: 'Refund',
        },
      }),
    );
    expect(screen.getByText('Closed by Lerato Mokoena · positive · Refund')).toBeTruthy();
    expect(row.getAttribute('aria-label')).toContain('Closed by Lerato Mokoena');
  });

  it('says a customer ended it', () => {
    renderRow(buildChat({ status: 'closed', closure: { by: 'customer', staff: null, tag: null } }));
    expect(screen.getByText('Ended by customer')).toBeTruthy();
  });

  it('says it closed by itself for inactivity', () => {
    renderRow(
      buildChat({ status: 'closed', closure: { by: 'inactivity', staff: null, tag: null } }),
    );
    expect(screen.getByText('Closed: inactive')).toBeTruthy();
  });

  it('shows no closing line on an open chat', () => {
    renderRow(buildChat());
    expect(screen.queryByText(/Closed|Ended/)).toBeNull();
  });

  it('marks a chat being transferred, in sight and in its spoken label', () => {
    const row = renderRow(buildChat({ transfer }));
    expect(screen.getByText('Transferring to Agent Two')).toBeTruthy();
    expect(row.getAttribute('aria-label')).toContain('transferring to agent two');
  });

  it('shows no marker without an open offer', () => {
    const row = renderRow(buildChat());
    expect(screen.queryByText(/Transferring/)).toBeNull();
    expect(row.getAttribute('aria-label')).not.toContain('transferring');
  });
});
