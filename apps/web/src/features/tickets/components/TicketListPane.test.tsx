import type { Me } from '@parley/contract';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { buildMe } from '../../../test/fixtures.ts';
import { json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { findTicketTab } from '../format.ts';
import { useTicketSync } from '../hooks/useTickets.ts';
import { buildTicket } from '../testFixtures.ts';
import { TicketListPane } from './TicketListPane.tsx';

const me = buildMe();
const mine = { id: me.id, name: me.name, role: me.role };
const listPath = (view: string, cursor?: string) =>
  `/api/tickets?view=${view}&limit=50${cursor ? `&cursor=${cursor}` : ''}`;

function Harness({ view, who = me }: { view: string; who?: Me }) {
  useTicketSync();
  return <TicketListPane tab={findTicketTab(view)!} me={who} openTicketId={null} />;
}

function renderPane(view = 'unassigned', who = me) {
  const location = memoryLocation({ path: `/tickets/${view}`, record: true });
  const result = renderWithRealtime(
    <Router hook={location.hook}>
      <Harness view={view} who={who} />
    </Router>,
  );
  return { ...result, location };
}

/** A tab's text with its count: the count is the server's, whatever the list holds. */
function tabText(tabs: HTMLElement, label: string) {
  return within(tabs)
    .getAllByRole('link')
    .find((link) => link.getAttribute('href') === `/tickets/${label.toLowerCase()}`)?.textContent;
}

const counts = (unassigned: number, assigned: number) => () => json({ unassigned, assigned });

describe('TicketListPane', () => {
  it('shows each ticket with customer, reason, channel, department, age and assignee', async () => {
    mockFetch([
      {
        path: listPath('unassigned'),
        reply: () =>
          json({
            items: [
              // The list's clock starts before the reply is made: half a minute of slack.
              buildTicket({
                id: 't1',
                reason: 'out_of_hours',
                createdAt: new Date(Date.now() - 5.5 * 60_000).toISOString(),
              }),
              buildTicket({
                id: 't2',
                reason: 'queue_timeout',
                customer: { id: 'c2', phone: '+27831112222', name: null },
                channel: { id: 'web', kind: 'webchat', name: 'Website' },
              }),
            ],
            nextCursor: null,
          }),
      },
      // The counts are the server's, never the rows on screen: 7 wait although 2 are loaded.
      { path: '/api/tickets/counts', reply: counts(7, 3) },
    ]);
    renderPane();

    const first = await screen.findByRole('link', { name: /^Thandi Nkosi, Out of hours/ });
    expect(first.getAttribute('href')).toBe('/tickets/unassigned/t1');
    expect(within(first).getByText('WA')).toBeTruthy();
    expect(within(first).getByText('Support')).toBeTruthy();
    expect(first.getAttribute('aria-label')).toContain('Support, Unassigned, opened');
    expect(within(first).getByText('5 m')).toBeTruthy();
    const second = screen.getByRole('link', { name: /^\+27 83 111 2222, Waited too long/ });
    expect(within(second).getByText('Web')).toBeTruthy();

    const tabs = screen.getByRole('navigation', { name: 'Ticket lists' });
    await waitFor(() => expect(tabText(tabs, 'Unassigned')).toBe('Unassigned7 tickets'));
    expect(tabText(tabs, 'Assigned')).toBe('Assigned3 tickets');
    expect(within(tabs).getByRole('link', { name: 'Closed' }).getAttribute('href')).toBe(
      '/tickets/closed',
    );
    expect(screen.getAllByRole('button', { name: /^Accept the ticket of/ })).toHaveLength(2);
  });

  it('reads the list and the counts again when a ticket changes', async () => {
    let round = 0;
    mockFetch([
      {
        path: listPath('unassigned'),
        reply: () =>
          json({
            items:
              round === 0
                ? [buildTicket({ id: 't1' })]
                : [
                    buildTicket({ id: 't9', customer: { id: 'c9', phone: '+1', name: 'Newest' } }),
                    buildTicket({ id: 't1' }),
                  ],
            nextCursor: null,
          }),
      },
      { path: '/api/tickets/counts', reply: () => json({ unassigned: 1 + round, assigned: 0 }) },
    ]);
    const { open, push } = renderPane();
    open();
    await screen.findByRole('link', { name: /^Thandi Nkosi/ });

    round = 1;
    push(
      'ticket.updated',
      buildTicket({ id: 't9', customer: { id: 'c9', phone: '+1', name: 'Newest' } }),
    );

    const list = await screen.findByRole('list', { name: 'Unassigned tickets' });
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('link')
          .map((link) => link.getAttribute('aria-label')?.split(',')[0]),
      ).toEqual(['Newest', 'Thandi Nkosi']),
    );
    const tabs = screen.getByRole('navigation', { name: 'Ticket lists' });
    await waitFor(() => expect(tabText(tabs, 'Unassigned')).toBe('Unassigned2 tickets'));
  });

  it('loads the next page with the cursor', async () => {
    const { requests } = mockFetch([
      {
        path: listPath('closed'),
        reply: () =>
          json({ items: [buildTicket({ id: 't1', status: 'closed' })], nextCursor: 'abc' }),
      },
      {
        path: listPath('closed', 'abc'),
        reply: () =>
          json({
            items: [
              buildTicket({
                id: 't2',
                status: 'closed',
                customer: { id: 'c2', phone: '+2', name: 'Older' },
              }),
            ],
            nextCursor: null,
          }),
      },
      { path: '/api/tickets/counts', reply: counts(0, 0) },
    ]);
    renderPane('closed');
    fireEvent.click(await screen.findByRole('button', { name: 'Load more tickets' }));
    await screen.findByRole('link', { name: /^Older/ });
    expect(screen.queryByRole('button', { name: 'Load more tickets' })).toBeNull();
    expect(requests.some((request) => request.url.includes('cursor=abc'))).toBe(true);
    // Closed tickets cannot be accepted.
    expect(screen.queryByRole('button', { name: /^Accept the ticket/ })).toBeNull();
  });

  it('says what will appear when a tab is empty, and why when it fails', async () => {
    mockFetch([
      { path: listPath('assigned'), reply: () => json({ items: [], nextCursor: null }) },
      { path: listPath('unassigned'), reply: () => problem(500, 'The database is unreachable.') },
      { path: '/api/tickets/counts', reply: counts(0, 0) },
    ]);
    const { unmount } = renderPane('assigned');
    await screen.findByText('No tickets assigned.');
    unmount();
    renderPane('unassigned');
    await screen.findByText("Couldn't load the tickets.");
  });

  it('accepts a ticket from its row and opens it; a colleague being quicker is said', async () => {
    let calls = 0;
    mockFetch([
      {
        path: listPath('unassigned'),
        reply: () =>
          json({ items: [buildTicket({ id: 't1' }), buildTicket({ id: 't2' })], nextCursor: null }),
      },
      { path: listPath('assigned'), reply: () => json({ items: [], nextCursor: null }) },
      { path: '/api/tickets/counts', reply: counts(2, 0) },
      {
        method: 'POST',
        path: '/api/tickets/t1/accept',
        reply: () => json(buildTicket({ id: 't1', status: 'assigned', assignee: mine })),
      },
      {
        method: 'POST',
        path: '/api/tickets/t2/accept',
        reply: () => {
          calls += 1;
          return problem(409, 'Agent Two accepted this ticket first.');
        },
      },
    ]);
    const { location } = renderPane();
    const buttons = await screen.findAllByRole('button', {
      name: 'Accept the ticket of Thandi Nkosi',
    });
    fireEvent.click(buttons[1]!);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Agent Two accepted this ticket first.',
    );
    expect(calls).toBe(1);
    expect(location.history.at(-1)).toBe('/tickets/unassigned');

    fireEvent.click(buttons[0]!);
    await waitFor(() => expect(location.history.at(-1)).toBe('/tickets/assigned/t1'));
  });

  it('quick-accepts the oldest 3, says how many came, and opens the first', async () => {
    const bodies: unknown[] = [];
    let waiting = 3;
    mockFetch([
      { path: listPath('unassigned'), reply: () => json({ items: [], nextCursor: null }) },
      { path: '/api/tickets/counts', reply: counts(3, 0) },
      {
        method: 'POST',
        path: '/api/tickets/accept-oldest',
        reply: async (request) => {
          const body = (await request.json()) as { count: number };
          bodies.push(body);
          const got = Math.min(body.count, waiting);
          waiting -= got;
          return json({
            items: Array.from({ length: got }, (_, i) =>
              buildTicket({ id: `q${bodies.length}-${i}`, status: 'assigned', assignee: mine }),
            ),
          });
        },
      },
    ]);
    const { location } = renderPane();
    await screen.findByText('No tickets waiting.');

    fireEvent.click(screen.getByText('Quick accept'));
    fireEvent.click(screen.getByRole('button', { name: 'Accept the oldest 3' }));
    expect((await screen.findByRole('status')).textContent).toBe('You got 3 tickets.');
    expect(location.history.at(-1)).toBe('/tickets/assigned/q1-0');
    expect(bodies).toEqual([{ count: 3 }]);

    waiting = 2;
    fireEvent.click(screen.getByRole('button', { name: 'Accept the oldest 5' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Only 2 were waiting.'),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Accept the oldest 10' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('No tickets were waiting.'),
    );
    expect(bodies).toEqual([{ count: 3 }, { count: 5 }, { count: 10 }]);
    // Nothing came: the desk stays on the ticket it had opened.
    expect(location.history.at(-1)).toBe('/tickets/assigned/q2-0');
  });

  it('takes N from 1 to 50 and refuses anything else before asking the server', async () => {
    const bodies: unknown[] = [];
    mockFetch([
      { path: listPath('unassigned'), reply: () => json({ items: [], nextCursor: null }) },
      { path: '/api/tickets/counts', reply: counts(0, 0) },
      {
        method: 'POST',
        path: '/api/tickets/accept-oldest',
        reply: async (request) => {
          bodies.push(await request.json());
          return json({ items: [buildTicket({ id: 'n1', status: 'assigned', assignee: mine })] });
        },
      },
    ]);
    renderPane();
    await screen.findByText('No tickets waiting.');
    fireEvent.click(screen.getByText('Quick accept'));
    const menu = screen.getByText('Quick accept').closest('details')!;
    menu.open = true;
    fireEvent.keyDown(screen.getByRole('button', { name: 'Accept the oldest 3' }), {
      key: 'Escape',
    });
    expect(menu.open).toBe(false);
    menu.open = true;
    const field = screen.getByRole('spinbutton', { name: 'How many tickets (1–50)' });
    for (const wrong of ['0', '51', '2.5', '']) {
      fireEvent.change(field, { target: { value: wrong } });
      fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
      expect(screen.getByRole('alert').textContent).toMatch(
        /Enter (a whole number from 1 to 50|how many)/,
      );
    }
    expect(bodies).toEqual([]);
    fireEvent.change(field, { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(bodies).toEqual([{ count: 7 }]));
    expect((await screen.findByRole('status')).textContent).toBe('Only 1 was waiting.');
  });

  it('says why quick accept is off for someone in no department', async () => {
    mockFetch([
      { path: listPath('unassigned'), reply: () => json({ items: [], nextCursor: null }) },
      { path: '/api/tickets/counts', reply: counts(0, 0) },
    ]);
    renderPane('unassigned', buildMe({ departments: [] }));
    await screen.findByText('You are in no department, so no tickets wait for you.');
    expect(screen.queryByText('Quick accept')).toBeNull();
    await act(async () => undefined);
  });
  it('draws only a window of rows for thousands of tickets, and loads more near the end', async () => {
    const many = Array.from({ length: 2_000 }, (_, i) =>
      buildTicket({
        id: `many-${i}`,
        status: 'closed',
        customer: { id: `mc-${i}`, phone: '+27820000000', name: `Closed ${i}` },
      }),
    );
    const { requests } = mockFetch([
      { path: listPath('closed'), reply: () => json({ items: many, nextCursor: 'more' }) },
      { path: listPath('closed', 'more'), reply: () => json({ items: [], nextCursor: null }) },
      { path: '/api/tickets/counts', reply: counts(0, 0) },
    ]);
    renderPane('closed');
    await screen.findByRole('link', { name: /^Closed 0,/ }, { timeout: 10_000 });
    const list = screen.getByRole('list', { name: 'Closed tickets' });
    const drawn = within(list).getAllByRole('listitem');
    expect(drawn.length).toBeGreaterThan(5);
    expect(drawn.length).toBeLessThan(100);
    expect(drawn[0]!.getAttribute('aria-posinset')).toBe('1');
    expect(drawn[0]!.getAttribute('aria-setsize')).toBe('-1');

    // Scrolled to the end: the last rows are drawn and the next page is asked for.
    const scroller = list.parentElement!;
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 2_000 * 73 });
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 720 });
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 2_000 * 73 - 760 });
    fireEvent.scroll(scroller);
    await screen.findByRole('link', { name: /^Closed 1999,/ });
    expect(screen.queryByRole('link', { name: /^Closed 0,/ })).toBeNull();
    await waitFor(() =>
      expect(requests.some((request) => request.url.includes('cursor=more'))).toBe(true),
    );
  });
});
