import type { SupervisorDesk, TeamMember } from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildChat, buildPresence } from '../../../test/fixtures.ts';
import { json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { SupervisorDeskPage } from './SupervisorDeskPage.tsx';

const agentOne = { id: 'staff-agent-1', name: 'Agent One', role: 'agent' as const };
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const pendingFrom = minutesAgo(25);

function member(overrides: Partial<TeamMember> = {}): TeamMember {
  return {
    ...agentOne,
    available: true,
    online: true,
    load: 2,
    pending: 1,
    capacity: 5,
    departmentIds: ['dep-support'],
    ...overrides,
  };
}

function buildDesk(overrides: Partial<SupervisorDesk> = {}): SupervisorDesk {
  return {
    departments: [
      {
        id: 'dep-support',
        name: 'Support',
        queued: 1,
        longestWaitSince: minutesAgo(12.5),
        live: 2,
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
    chats: [
      buildChat({
        id: 'queued-1',
        status: 'queued',
        assignee: null,
        customer: { id: 'c1', phone: '+27820000001', name: 'Sipho Dube' },
        waitingSince: minutesAgo(12.5),
      }),
      buildChat({
        id: 'live-1',
        assignee: agentOne,
        flagged: true,
        waitingSince: minutesAgo(3.5),
        transfer: {
          id: 't1',
          from: agentOne,
          offeredBy: agentOne,
          toAgent: { id: 'staff-agent-2', name: 'Agent Two', role: 'agent' },
          toDepartment: null,
          note: '',
          createdAt: minutesAgo(1),
          expiresAt: minutesAgo(-1),
        },
      }),
      buildChat({
        id: 'pending-1',
        status: 'pending',
        assignee: agentOne,
        customer: { id: 'c3', phone: '+27820000003', name: 'Lindi Khumalo' },
        // Pending waits on the customer, whatever a stale timestamp says.
        waitingSince: minutesAgo(40),
        pendingSince: pendingFrom,
      }),
    ],
    team: [
      member(),
      member({
        id: 'staff-agent-2',
        name: 'Agent Two',
        available: false,
        online: false,
        load: 5,
        pending: 0,
      }),
    ],
    truncated: false,
    ...overrides,
  };
}

type Answer = (query: string) => Response;

/** Answers the desk for any query the page sends, and records each query. */
function serve(answer: Answer, at = '/supervisor') {
  window.history.replaceState(null, '', at);
  const queries: string[] = [];
  const deskRoutes = [
    '',
    '?flagged=true',
    '?agentId=staff-agent-1',
    '?agentId=staff-agent-1&flagged=true',
    '?departmentId=dep-sales&flagged=true',
  ].map((query) => ({
    path: `/api/supervisor/desk${query}`,
    reply: () => {
      queries.push(query);
      return answer(query);
    },
  }));
  const http = mockFetch([
    ...deskRoutes,
    {
      path: '/api/staff',
      reply: () =>
        json({
          items: [buildPresence({ ...agentOne }), buildPresence({ id: 'staff-agent-2' })],
        }),
    },
  ]);
  const view = renderWithRealtime(<SupervisorDeskPage />);
  return { ...view, ...http, queries };
}

const rows = () => screen.getAllByRole('row').slice(1);

describe('SupervisorDeskPage', () => {
  it('shows each department, the chats oldest waiting first and the team with its load', async () => {
    serve(() => json(buildDesk()));

    const tiles = await screen.findByRole('list', { name: 'Departments' });
    const support = within(tiles).getByRole('heading', { name: 'Support' }).closest('li')!;
    expect(support.textContent).toBe('SupportQueue1Longest wait12 minLive2Available1');
    const sales = within(tiles).getByRole('heading', { name: 'Sales' }).closest('li')!;
    expect(within(sales).getByText('—')).toBeTruthy();

    const [queued, live, pending] = rows();
    expect(rows()).toHaveLength(3);
    // Agent column: the queue, or the agent; waiting since the customer's unanswered message.
    expect(within(queued!).getByText('Queue')).toBeTruthy();
    expect(within(queued!).getByText('12 min')).toBeTruthy();
    expect(within(live!).getByText('Agent One')).toBeTruthy();
    expect(within(live!).getByText('3 min')).toBeTruthy();
    expect(within(live!).getByText('Flagged')).toBeTruthy();
    expect(within(live!).getByText('Transferring to Agent Two')).toBeTruthy();
    // A pending chat never reads as a customer waiting.
    expect(within(pending!).getByText('Pending')).toBeTruthy();
    // It says since when staff wait on the customer, as a time of day, never as a running clock.
    const since = within(pending!).getByText(/^since\b/);
    expect(since.querySelector('time')?.getAttribute('dateTime')).toBe(pendingFrom);
    expect(within(pending!).queryByText(/min/)).toBeNull();

    const team = screen.getByRole('region', { name: 'Team load' });
    expect(within(team).getByText('1 online')).toBeTruthy();
    expect(
      within(team).getByRole('listitem', {
        name: 'Agent One, Available, 2 of 5 live chats, 1 pending',
      }),
    ).toBeTruthy();
    expect(
      within(team).getByRole('listitem', {
        name: 'Agent Two, Offline, 5 of 5 live chats, 0 pending',
      }),
    ).toBeTruthy();
    expect(within(team).getByText('5/5')).toBeTruthy();
  });

  it('reads the filters from the URL, sends them to the server and keeps changes in the URL', async () => {
    const { queries } = serve(
      (query) => json(buildDesk(query.includes('agentId') ? { chats: [] } : {})),
      '/supervisor?flagged=true',
    );

    await screen.findByText('Sipho Dube');
    expect(queries).toEqual(['?flagged=true']);
    expect(screen.getByRole('button', { name: 'Flagged only' }).getAttribute('aria-pressed')).toBe(
      'true',
    );

    await screen.findByRole('option', { name: 'Agent One' });
    fireEvent.change(screen.getByLabelText('Agent'), { target: { value: 'staff-agent-1' } });
    await waitFor(() => expect(queries).toContain('?agentId=staff-agent-1&flagged=true'));
    expect(window.location.search).toBe('?agentId=staff-agent-1&flagged=true');
    expect(await screen.findByText('Nobody is waiting.')).toBeTruthy();
    expect(screen.getByText(/^0 chats match these filters/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Flagged only' }));
    await waitFor(() => expect(window.location.search).toBe('?agentId=staff-agent-1'));
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(window.location.search).toBe(''));
    await screen.findByText('Sipho Dube');
    expect(queries).toContain('');
  });

  it('opens a chat with Enter on its focused row, keeping the filters for the way back', async () => {
    serve(() => json(buildDesk()), '/supervisor?flagged=true');

    await screen.findByText('Sipho Dube');
    const second = rows()[1]!;
    second.focus();
    expect(document.activeElement).toBe(second);
    fireEvent.keyDown(second, { key: 'Enter' });
    expect(window.location.pathname).toBe('/supervisor/live-1');
    expect(window.location.search).toBe('?flagged=true');
  });

  it('refetches when chats or presence change, once for a burst of frames', async () => {
    const { open, push, queries } = serve(() => json(buildDesk()));
    await screen.findByText('Sipho Dube');
    open();
    const before = queries.length;

    push('chat.updated', buildChat({ id: 'live-1' }));
    push('chat.updated', buildChat({ id: 'queued-1' }));
    push('staff.presence', buildPresence());
    await waitFor(() => expect(queries.length).toBe(before + 1), { timeout: 3000 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(queries.length).toBe(before + 1);
  });

  it('says when more chats matched than were sent', async () => {
    serve(() => json(buildDesk({ truncated: true })));
    expect(
      await screen.findByText(
        'Showing the 3 longest-waiting chats. Narrow the filters to see the rest.',
      ),
    ).toBeTruthy();
  });

  it('shows a failed load with a Retry that asks again', async () => {
    let calls = 0;
    serve(() => (++calls === 1 ? problem(503, 'Try again soon.') : json(buildDesk())));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText("Couldn't load the supervisor desk.")).toBeTruthy();
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Sipho Dube')).toBeTruthy();
  });

  it('shows the server’s refusal in words when the desk is not for this person', async () => {
    serve(() => problem(403, 'The supervisor desk is for supervisors and admins.'));
    expect(
      await screen.findByText('The supervisor desk is for supervisors and admins.'),
    ).toBeTruthy();
  });
});
