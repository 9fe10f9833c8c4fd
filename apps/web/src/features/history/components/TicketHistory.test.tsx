import type { HistoryItem, TicketHistoryItem } from '@parley/contract';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildEvent, buildMessage } from '../../../test/fixtures.ts';
import { json, mockFetch } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { HistoryTab } from './HistoryTab.tsx';

const lerato = { id: 'staff-lerato', name: 'Lerato Mokoena', role: 'agent' as const };

function buildTicketItem(overrides: Partial<TicketHistoryItem> = {}): TicketHistoryItem {
  return {
    kind: 'ticket',
    id: 'ticket-h1',
    status: 'closed',
    channel: { id: 'demo-whatsapp', kind: 'whatsapp', name: 'Demo WhatsApp' },
    assignee: lerato,
    reason: 'out_of_hours',
    createdAt: '2030-01-01T21:00:00.000Z',
    endedAt: '2030-01-02T09:20:00.000Z',
    messageCount: 3,
    canOpen: true,
    ...overrides,
  };
}

function setup(items: HistoryItem[], currentChatId: string | null = null) {
  const http = mockFetch([
    {
      path: '/api/customers/cust-1/timeline?kinds=chat%2Cnote%2Cprofile&limit=20',
      reply: () => json({ items, nextCursor: null }),
    },
    {
      path: '/api/customers/cust-1/history?limit=20',
      reply: () => json({ items, nextCursor: null }),
    },
    {
      path: '/api/tickets/ticket-h1/timeline?limit=50',
      reply: () =>
        json({
          items: [
            {
              ...buildMessage({ chatId: 'ticket-h1', text: 'Writing at night', seq: 1 }),
              kind: 'message',
            },
            {
              ...buildEvent({
                chatId: 'ticket-h1',
                type: 'ticket_created',
                data: { reason: 'out_of_hours' },
                seq: 2,
              }),
              kind: 'event',
            },
          ],
          nextCursor: null,
        }),
    },
  ]);
  renderWithRealtime(<HistoryTab customerId="cust-1" currentChatId={currentChatId} />);
  return http;
}

describe('tickets in the History tab', () => {
  it('lists a ticket with its label, reason, status and assignee, and opens its transcript', async () => {
    setup([
      buildTicketItem(),
      buildTicketItem({
        id: 'ticket-h2',
        status: 'unassigned',
        assignee: null,
        reason: 'queue_timeout',
        canOpen: false,
      }),
    ]);
    const list = await screen.findByRole('list', { name: 'Earlier conversations, newest first' });
    const [closed, waiting] = within(list).getAllByRole('listitem');
    expect(closed!.textContent).toContain('Ticket');
    expect(closed!.textContent).toContain('Closed');
    expect(closed!.textContent).toContain('Out of hours · Lerato Mokoena · 3 messages');
    expect(waiting!.textContent).toContain('Unassigned');
    expect(waiting!.textContent).toContain('Waited too long · No agent');
    expect(within(waiting!).queryByRole('button', { name: /^Open/ })).toBeNull();

    fireEvent.click(within(closed!).getByRole('button', { name: /^Open the WhatsApp ticket of / }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('heading').textContent).toMatch(/WhatsApp ticket of/);
    expect(await within(dialog).findByText('Writing at night')).toBeTruthy();
    expect(within(dialog).getByText(/Became a ticket: out of hours/)).toBeTruthy();
    expect(within(dialog).queryByRole('textbox')).toBeNull();
  });

  it('leaves out the ticket open beside the panel', async () => {
    setup([buildTicketItem()], 'ticket-h1');
    await screen.findByText('No earlier conversations.');
  });

  it('shows tickets on the customer timeline under Everything, the open one marked', async () => {
    setup(
      [buildTicketItem(), buildTicketItem({ id: 'ticket-h2', reason: 'nobody_available' })],
      'ticket-h2',
    );
    await screen.findByRole('list', { name: 'Earlier conversations, newest first' });
    fireEvent.click(screen.getByRole('radio', { name: 'Everything' }));
    const list = await screen.findByRole('list', { name: 'Customer timeline, newest first' });
    const [earlier, open] = within(list).getAllByRole('listitem');
    expect(earlier!.textContent).toContain('Out of hours · Lerato Mokoena');
    expect(
      within(earlier!).getByRole('button', { name: /^Open the WhatsApp ticket of / }),
    ).toBeTruthy();
    expect(within(open!).getByText('This ticket')).toBeTruthy();
    expect(within(open!).queryByRole('button', { name: /^Open/ })).toBeNull();
  });
});
