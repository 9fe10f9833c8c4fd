import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildChat } from '../../../test/fixtures.ts';
import { json, mockFetch } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { SupervisorChatsPane } from './SupervisorChatsPane.tsx';

const agentOne = { id: 'staff-agent-1', name: 'Agent One', role: 'agent' as const };

describe('SupervisorChatsPane', () => {
  it('lists the desk’s chats in its order, marks the open one and leads back with the filters', async () => {
    window.history.replaceState(null, '', '/supervisor/b?flagged=true');
    mockFetch([
      {
        path: '/api/supervisor/desk?flagged=true',
        reply: () =>
          json({
            departments: [],
            team: [],
            truncated: false,
            chats: [
              buildChat({
                id: 'a',
                status: 'queued',
                assignee: null,
                flagged: true,
                customer: { id: 'c1', phone: '+27820000001', name: 'Sipho Dube' },
                waitingSince: new Date(Date.now() - 7.5 * 60_000).toISOString(),
              }),
              buildChat({ id: 'b', assignee: agentOne, flagged: true, status: 'pending' }),
            ],
          }),
      },
    ]);
    renderWithRealtime(<SupervisorChatsPane openChatId="b" />);

    const list = await screen.findByRole('list', { name: 'Supervisor desk' });
    const links = within(list).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/supervisor/a?flagged=true',
      '/supervisor/b?flagged=true',
    ]);
    expect(links[0]!.textContent).toContain('waiting 7 min');
    expect(links[0]!.textContent).toContain('Queue · Queued');
    expect(links[1]!.getAttribute('aria-current')).toBe('page');
    // Pending: nobody waits on staff.
    expect(links[1]!.textContent).not.toContain('waiting');

    fireEvent.click(screen.getByRole('link', { name: 'Whole desk' }));
    expect(window.location.pathname + window.location.search).toBe('/supervisor?flagged=true');
  });
});
