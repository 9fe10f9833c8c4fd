import type { TeamMember } from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildChat, buildMe } from '../../../test/fixtures.ts';
import { json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithClient } from '../../../test/render.tsx';
import { AssignDialog } from './AssignDialog.tsx';

const supervisor = buildMe({ id: 'sup', role: 'supervisor', name: 'Sue Pervisor' });
const agentOne = { id: 'staff-agent-1', name: 'Agent One', role: 'agent' as const };

function member(overrides: Partial<TeamMember>): TeamMember {
  return {
    ...agentOne,
    available: true,
    online: true,
    load: 1,
    pending: 0,
    capacity: 5,
    departmentIds: ['dep-support'],
    ...overrides,
  };
}

const team = [
  member({}),
  member({ id: 'staff-agent-2', name: 'Agent Two', load: 3, capacity: 3 }),
  member({ id: 'staff-agent-3', name: 'Agent Three', available: false }),
  // Someone else's department never shows.
  member({ id: 'staff-agent-4', name: 'Agent Four', departmentIds: ['dep-sales'] }),
];

function setup(chatOverrides = {}, assign?: (body: unknown) => Response) {
  const chat = buildChat({ id: 'chat-1', assignee: agentOne, ...chatOverrides });
  const bodies: unknown[] = [];
  mockFetch([
    {
      path: '/api/supervisor/desk?departmentId=dep-support',
      reply: () => json({ departments: [], chats: [], team, truncated: false }),
    },
    {
      method: 'POST',
      path: '/api/chats/chat-1/assign',
      reply: async (request) => {
        const body = await request.json();
        bodies.push(body);
        return assign ? assign(body) : json(chat);
      },
    },
  ]);
  renderWithClient(<AssignDialog chat={chat} me={supervisor} />);
  fireEvent.click(screen.getByRole('button', { name: 'Assign…' }));
  return { bodies, chat };
}

describe('AssignDialog', () => {
  it('offers the department’s people, says who cannot take it, and assigns', async () => {
    const { bodies } = setup({}, () =>
      json(buildChat({ id: 'chat-1', assignee: { ...agentOne, id: 'staff-agent-3' } })),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Assign the chat with Thandi Nkosi',
    });
    const one = await within(dialog).findByRole('radio', { name: /Agent One/ });
    expect((one as HTMLInputElement).disabled).toBe(true);
    expect(within(dialog).getByText('Has this chat')).toBeTruthy();
    expect(
      (within(dialog).getByRole('radio', { name: /Agent Two/ }) as HTMLInputElement).disabled,
    ).toBe(true);
    expect(within(dialog).getByText('Full (3/3)')).toBeTruthy();
    expect(within(dialog).queryByText('Agent Four')).toBeNull();

    const submit = within(dialog).getByRole('button', { name: 'Assign' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('radio', { name: /Agent Three/ }));
    fireEvent.click(submit);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bodies).toEqual([{ agentId: 'staff-agent-3' }]);
  });

  it('lets nobody take a flagged chat from its agent', async () => {
    setup({ flagged: true });
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('Agent Three');
    for (const radio of within(dialog).getAllByRole('radio'))
      expect((radio as HTMLInputElement).disabled).toBe(true);
    expect(within(dialog).getAllByText('Flagged chats stay with their agent')).toHaveLength(2);
  });

  it('shows the server’s refusal and stays open', async () => {
    setup({ status: 'queued', assignee: null }, () =>
      problem(409, 'Agent One already has 5 live chats, their capacity.'),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(await within(dialog).findByRole('radio', { name: /Agent One/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Assign' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Agent One already has 5 live chats, their capacity.',
    );
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});
