import { screen, waitFor, within } from '@testing-library/react';
import { render } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildTicket, emptyTimeline } from '../features/tickets/testFixtures.ts';
import { FakeSocket } from '../test/FakeSocket.ts';
import { buildMe } from '../test/fixtures.ts';
import { json, mockFetch } from '../test/http.ts';
import { createTestQueryClient } from '../test/render.tsx';
import { App } from './App.tsx';

const me = buildMe();
const mine = { id: me.id, name: me.name, role: me.role };
const ticket = buildTicket({ id: 't1', status: 'assigned', assignee: mine });

function startServer() {
  return mockFetch([
    { path: '/api/session', reply: () => json({ user: me }) },
    { path: '/api/staff', reply: () => json({ items: [] }) },
    ...['live', 'tagged', 'pending'].map((view) => ({
      path: `/api/chats?view=${view}&sort=activity&limit=50`,
      reply: () => json({ items: [], nextCursor: null }),
    })),
    {
      path: '/api/chats?view=queue&sort=waiting&limit=50',
      reply: () => json({ items: [], nextCursor: null }),
    },
    { path: '/api/chats/counts', reply: () => json({ live: 0, queue: 0, pending: 0, tagged: 0 }) },
    {
      path: '/api/notifications?limit=50',
      reply: () => json({ items: [], nextCursor: null, unread: 0 }),
    },
    // The navigation's number is the server's count, whatever the lists hold.
    { path: '/api/tickets/counts', reply: () => json({ unassigned: 4, assigned: 1 }) },
    {
      path: '/api/tickets?view=assigned&limit=50',
      reply: () => json({ items: [ticket], nextCursor: null }),
    },
    {
      path: '/api/tickets?view=unassigned&limit=50',
      reply: () => json({ items: [], nextCursor: null }),
    },
    { path: '/api/tickets/t1', reply: () => json(ticket) },
    { path: '/api/tickets/t1/timeline?limit=50', reply: () => json(emptyTimeline) },
    {
      path: `/api/customers/${ticket.customer.id}`,
      reply: () =>
        json({
          ...ticket.customer,
          email: null,
          language: null,
          company: null,
          location: null,
          customFields: {},
          firstSeenAt: ticket.createdAt,
          unverified: false,
        }),
    },
  ]);
}

function renderApp(path: string) {
  window.history.replaceState(null, '', path);
  render(<App queryClient={createTestQueryClient()} />);
}

beforeEach(() => {
  FakeSocket.reset();
  vi.stubGlobal('WebSocket', FakeSocket);
});

describe('the Tickets route', () => {
  it('opens a ticket at /tickets/<tab>/<id>, with the server’s count in the navigation', async () => {
    startServer();
    renderApp('/tickets/assigned/t1');

    const nav = await screen.findByRole('navigation', { name: 'Views' });
    const tickets = within(nav).getByRole('link', { name: /^Tickets/ });
    expect(tickets.getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(tickets.textContent).toBe('Tickets4 tickets waiting'));
    expect(await screen.findByRole('region', { name: 'Ticket of Thandi Nkosi' })).toBeTruthy();
    expect(document.title).toBe('Tickets · Parley');
  });

  it('sends an unknown tab to the Unassigned tickets', async () => {
    startServer();
    renderApp('/tickets/everything');
    await waitFor(() => expect(window.location.pathname).toBe('/tickets'));
    expect(await screen.findByText('No tickets waiting.')).toBeTruthy();
  });
});
