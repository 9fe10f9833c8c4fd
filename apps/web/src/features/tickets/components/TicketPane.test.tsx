import type { Me, Ticket } from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { buildMe, buildMessage } from '../../../test/fixtures.ts';
import { json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { TooltipProvider } from '../../../ui/Tooltip.tsx';
import { emptyTimeline, buildTicket } from '../testFixtures.ts';
import { TicketPane } from './TicketPane.tsx';

const me = buildMe();
const mine = { id: me.id, name: me.name, role: me.role };
const supervisor = buildMe({ id: 'staff-sup', name: 'Sue Visor', role: 'supervisor' });
const timelinePath = (id: string) => `/api/tickets/${id}/timeline?limit=50`;

function renderTicket(ticket: Ticket, who: Me = me, extra: Parameters<typeof mockFetch>[0] = []) {
  const http = mockFetch([
    { path: `/api/tickets/${ticket.id}`, reply: () => json(ticket) },
    { path: timelinePath(ticket.id), reply: () => json(emptyTimeline) },
    ...extra,
  ]);
  const location = memoryLocation({ path: `/tickets/unassigned/${ticket.id}`, record: true });
  const view = renderWithRealtime(
    <Router hook={location.hook}>
      <TooltipProvider delayDuration={0}>
        <TicketPane ticketId={ticket.id} me={who} />
      </TooltipProvider>
    </Router>,
  );
  return { ...view, ...http, location };
}

describe('TicketPane', () => {
  it('asks to accept an unassigned ticket before replying, then opens it as mine', async () => {
    const ticket = buildTicket({ id: 't1', reason: 'out_of_hours', contact: 'thandi@example.com' });
    const { location } = renderTicket(ticket, me, [
      {
        method: 'POST',
        path: '/api/tickets/t1/accept',
        reply: () => json({ ...ticket, status: 'assigned', assignee: mine }),
      },
    ]);
    const header = await screen.findByRole('banner');
    expect(within(header).getByText('Out of hours')).toBeTruthy();
    expect(within(header).getByText('Ticket · Unassigned')).toBeTruthy();
    expect(within(header).getByText('Contact: thandi@example.com')).toBeTruthy();
    expect(screen.getByText('Accept this ticket to reply.')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
    // Agents never see Transfer, and an unassigned ticket has no Close.
    expect(screen.queryByRole('button', { name: 'Transfer…' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Close' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await screen.findByRole('textbox', { name: 'Reply to Thandi Nkosi' });
    expect(location.history.at(-1)).toBe('/tickets/assigned/t1');
  });

  it('holds Close with its reason until staff reply, and replies through the ticket', async () => {
    const ticket = buildTicket({ id: 't2', status: 'assigned', assignee: mine, canClose: false });
    const { requests } = renderTicket(ticket, me, [
      {
        method: 'POST',
        path: '/api/tickets/t2/messages',
        reply: async (request) => {
          const body = (await request.json()) as { text: string; clientId: string };
          return json(
            buildMessage({
              chatId: 't2',
              direction: 'out',
              text: body.text,
              clientId: body.clientId,
              author: { kind: 'staff', id: me.id, name: me.name },
              status: 'queued',
            }),
          );
        },
      },
      {
        path: '/api/attachments/limits',
        reply: () => json({ maxBytes: 16 * 1024 * 1024, categories: ['images'], contentTypes: [] }),
      },
    ]);
    const close = await screen.findByRole('button', { name: 'Close' });
    expect((close as HTMLButtonElement).disabled).toBe(true);
    expect(close.closest('[aria-description]')?.getAttribute('aria-description')).toBe(
      'Reply to the customer before closing.',
    );

    // Files go with a ticket's reply as with a chat's.
    expect(screen.getByRole('button', { name: 'Attach files' })).toBeTruthy();
    const field = screen.getByRole('textbox', { name: 'Reply to Thandi Nkosi' });
    fireEvent.change(field, { target: { value: 'We are on it.' } });
    fireEvent.click(screen.getByRole('button', { name: /Send/ }));
    await waitFor(() =>
      expect(requests.some((request) => request.url.endsWith('/api/tickets/t2/messages'))).toBe(
        true,
      ),
    );
    await screen.findByText('We are on it.');
  });

  it('closes once staff have replied, and shows a refusal in words', async () => {
    const ticket = buildTicket({ id: 't3', status: 'assigned', assignee: mine, canClose: true });
    let refuse = true;
    renderTicket(ticket, me, [
      {
        method: 'POST',
        path: '/api/tickets/t3/close',
        reply: () =>
          refuse
            ? problem(409, 'A ticket cannot be closed before a reply to the customer.')
            : json({ ...ticket, status: 'closed', closedAt: new Date().toISOString() }),
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Close' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'A ticket cannot be closed before a reply to the customer.',
    );
    refuse = false;
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await screen.findByText('This ticket is closed.');
    expect(screen.queryByRole('button', { name: 'Close' })).toBeNull();
  });

  it('says whose ticket it is to a colleague who is not its assignee', async () => {
    const agentTwo = { id: 'staff-agent-2', name: 'Agent Two', role: 'agent' as const };
    renderTicket(buildTicket({ id: 't4', status: 'assigned', assignee: agentTwo }));
    await screen.findByText('Agent Two has this ticket. Only they reply to the customer.');
    expect(screen.queryByRole('button', { name: 'Close' })).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('lets a supervisor transfer to an agent, and shows the server refusing', async () => {
    const ticket = buildTicket({ id: 't5', status: 'assigned', assignee: mine });
    const bodies: unknown[] = [];
    let status = 403;
    renderTicket(ticket, supervisor, [
      {
        path: '/api/supervisor/desk',
        reply: () =>
          json({
            departments: [
              {
                id: 'dep-support',
                name: 'Support',
                queued: 0,
                longestWaitSince: null,
                live: 0,
                availableAgents: 1,
              },
              {
                id: 'dep-sales',
                name: 'Sales',
                queued: 0,
                longestWaitSince: null,
                live: 0,
                availableAgents: 0,
              },
            ],
            chats: [],
            team: [
              {
                ...mine,
                available: true,
                online: true,
                load: 0,
                pending: 0,
                capacity: 5,
                departmentIds: ['dep-support'],
              },
              {
                id: 'staff-agent-2',
                name: 'Agent Two',
                role: 'agent',
                available: true,
                online: true,
                load: 1,
                pending: 0,
                capacity: 5,
                departmentIds: ['dep-support'],
              },
            ],
            truncated: false,
          }),
      },
      {
        method: 'POST',
        path: '/api/tickets/t5/transfer',
        reply: async (request) => {
          bodies.push(await request.json());
          return status === 403
            ? problem(403, 'Only supervisors and admins transfer tickets.')
            : json({
                ...ticket,
                assignee: { id: 'staff-agent-2', name: 'Agent Two', role: 'agent' },
              });
        },
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Transfer…' }));
    const dialog = await screen.findByRole('dialog');
    // Its own assignee is not offered.
    await within(dialog).findByRole('radio', { name: /Agent Two/ });
    expect(within(dialog).queryByRole('radio', { name: /Agent One/ })).toBeNull();
    fireEvent.click(within(dialog).getByRole('radio', { name: /Agent Two/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Transfer' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'Only supervisors and admins transfer tickets.',
    );
    status = 200;
    fireEvent.click(within(dialog).getByRole('radio', { name: /Sales/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Transfer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bodies).toEqual([{ agentId: 'staff-agent-2' }, { departmentId: 'dep-sales' }]);
    await screen.findByText('With Agent Two');
  });
});
