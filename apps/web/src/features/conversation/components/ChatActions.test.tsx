import type { Chat, TransferTargets } from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildChat, buildMe } from '../../../test/fixtures.ts';
import { json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithClient } from '../../../test/render.tsx';
import { TooltipProvider } from '../../../ui/Tooltip.tsx';
import { ChatActions } from './ChatActions.tsx';

const me = buildMe();
const agentTwo = { id: 'staff-agent-2', name: 'Agent Two', role: 'agent' as const };
const sales = { id: 'dep-sales', name: 'Sales' };

const targets: TransferTargets = {
  departments: [
    { id: 'dep-support', name: 'Support', available: 1 },
    { ...sales, available: 1 },
  ],
  agents: [
    { ...agentTwo, load: 2, capacity: 5, departmentIds: ['dep-support'] },
    {
      id: 'staff-agent-3',
      name: 'Agent Three',
      role: 'agent',
      load: 0,
      capacity: 3,
      departmentIds: ['dep-sales'],
    },
  ],
};

type Reply = (body: unknown) => Response;

function setup(
  overrides: Partial<Chat> = {},
  {
    transfer,
    available = targets,
    live = 1,
  }: { transfer?: Reply; available?: TransferTargets; live?: number } = {},
) {
  const chat = buildChat({ id: 'chat-7', ...overrides });
  const bodies: unknown[] = [];
  const http = mockFetch([
    { path: '/api/chats/chat-7/transfer-targets', reply: () => json(available) },
    {
      method: 'POST',
      path: '/api/chats/chat-7/transfer',
      reply: async (request) => {
        const body: unknown = await request.json();
        bodies.push(body);
        return transfer
          ? transfer(body)
          : json({
              ...chat,
              transfer: {
                id: 't1',
                from: null,
                offeredBy: null,
                toAgent: agentTwo,
                toDepartment: null,
                note: '',
                createdAt: chat.createdAt,
                expiresAt: chat.createdAt,
              },
            });
      },
    },
    {
      method: 'POST',
      path: '/api/chats/chat-7/unflag',
      reply: () => json({ ...chat, flagged: false }),
    },
    {
      method: 'POST',
      path: '/api/chats/chat-7/flag',
      reply: () => json({ ...chat, flagged: true }),
    },
    { path: '/api/admin/tags', reply: () => json({ items: [] }) },
    { path: '/api/chats/counts', reply: () => json({ live, queue: 3, pending: 0, tagged: 0 }) },
  ]);
  const view = renderWithClient(
    <TooltipProvider delayDuration={0}>
      <ChatActions chat={chat} me={me} />
    </TooltipProvider>,
  );
  return { ...view, ...http, bodies };
}

async function openTransfer() {
  fireEvent.click(screen.getByRole('button', { name: 'Transfer…' }));
  return screen.findByRole('dialog', { name: 'Transfer the chat with Thandi Nkosi' });
}

describe('ChatActions: Transfer…', () => {
  it('offers Accept on a queued chat below capacity, and turns it off with the reason at capacity', async () => {
    const queued = { status: 'queued' as const, assignee: null };
    setup(queued, { live: 4 });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Accept' }).hasAttribute('disabled')).toBe(false),
    );
  });

  it('says why Accept is off when my live chats fill my capacity', async () => {
    setup({ status: 'queued', assignee: null }, { live: me.capacity });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Accept' }).hasAttribute('disabled')).toBe(true),
    );
    const accept = screen.getByRole('button', { name: 'Accept' });
    expect(accept.closest('[aria-description]')?.getAttribute('aria-description')).toBe(
      `You have ${me.capacity} live chats, your capacity of ${me.capacity}. Close or hand one over first.`,
    );
  });

  it('offers the chat to an agent of the chat’s department, showing each one’s load', async () => {
    const { bodies } = setup();
    const dialog = await openTransfer();
    const department = (await within(dialog).findByLabelText('Department')) as HTMLSelectElement;
    expect(department.value).toBe('dep-support');
    const agent = await within(dialog).findByRole('radio', { name: /Agent Two/ });
    expect(agent.closest('label')!.textContent).toContain('2/5');
    // Only the department's people are offered.
    expect(within(dialog).queryByRole('radio', { name: /Agent Three/ })).toBeNull();

    fireEvent.click(agent);
    fireEvent.change(within(dialog).getByLabelText(/^Note/), {
      target: { value: '  Wants a refund  ' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send offer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bodies).toEqual([{ agentId: 'staff-agent-2', note: 'Wants a refund' }]);
  });

  it('asks who takes it before sending anything', async () => {
    const { bodies } = setup();
    const dialog = await openTransfer();
    await within(dialog).findByRole('radio', { name: /Agent Two/ });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send offer' }));
    expect(await within(dialog).findByText('Choose who takes the chat.')).toBeTruthy();
    expect(bodies).toEqual([]);
  });

  it('offers a department as a whole, and an agent of another department with it', async () => {
    const { bodies } = setup();
    let dialog = await openTransfer();
    fireEvent.click(await within(dialog).findByRole('radio', { name: /Anyone in Support/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send offer' }));
    await waitFor(() => expect(bodies).toEqual([{ departmentId: 'dep-support', note: '' }]));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    dialog = await openTransfer();
    fireEvent.change(await within(dialog).findByLabelText('Department'), {
      target: { value: 'dep-sales' },
    });
    fireEvent.click(within(dialog).getByRole('radio', { name: /Agent Three/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send offer' }));
    await waitFor(() =>
      expect(bodies[1]).toEqual({ agentId: 'staff-agent-3', departmentId: 'dep-sales', note: '' }),
    );
  });

  it('says when nobody in the department is free, and offers nothing to choose', async () => {
    setup(
      {},
      {
        available: {
          departments: [{ id: 'dep-support', name: 'Support', available: 0 }],
          agents: [],
        },
      },
    );
    const dialog = await openTransfer();
    expect(
      await within(dialog).findByText('Nobody in Support is available with free capacity.'),
    ).toBeTruthy();
    expect(within(dialog).queryAllByRole('radio')).toEqual([]);
  });

  it("shows the server's refusal inline and stays open", async () => {
    setup({}, { transfer: () => problem(409, 'Agent Two is at capacity (5/5).') });
    const dialog = await openTransfer();
    fireEvent.click(await within(dialog).findByRole('radio', { name: /Agent Two/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send offer' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Agent Two is at capacity (5/5).',
    );
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('shows a refused note on the note field', async () => {
    setup(
      {},
      {
        transfer: () =>
          problem(422, 'Check the note.', {
            errors: [{ field: 'note', message: 'Keep the note under 1,000 characters.' }],
          }),
      },
    );
    const dialog = await openTransfer();
    fireEvent.click(await within(dialog).findByRole('radio', { name: /Agent Two/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send offer' }));
    const note = within(dialog).getByLabelText(/^Note/);
    await waitFor(() => expect(note.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(note.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Keep the note under 1,000 characters.',
    );
  });

  it('counts the note against its limit of 1000 and refuses to send more', async () => {
    const { bodies } = setup();
    const dialog = await openTransfer();
    fireEvent.click(await within(dialog).findByRole('radio', { name: /Agent Two/ }));
    fireEvent.change(within(dialog).getByLabelText(/^Note/), {
      target: { value: 'x'.repeat(1003) },
    });
    expect(within(dialog).getByText('3 characters over the limit of 1000.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send offer' }));
    expect(bodies).toEqual([]);
  });
});

describe('ChatActions: disabled with the reason', () => {
  const reasonOf = (name: string) =>
    screen
      .getByRole('button', { name })
      .closest('[aria-description]')
      ?.getAttribute('aria-description');

  it('a flagged chat can be neither closed nor transferred, and says so', () => {
    setup({ flagged: true });
    expect((screen.getByRole('button', { name: 'Close…' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect(reasonOf('Close…')).toBe('A flagged chat cannot be closed. Un-flag it first.');
    expect((screen.getByRole('button', { name: 'Transfer…' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect(reasonOf('Transfer…')).toBe('A flagged chat cannot be transferred. Un-flag it first.');
    // The wrapper takes focus, so keyboard users reach the reason too.
    expect(screen.getByRole('button', { name: 'Close…' }).parentElement!.tabIndex).toBe(0);
  });

  it('shows the reason in a tooltip on focus', async () => {
    setup({ flagged: true });
    fireEvent.focus(screen.getByRole('button', { name: 'Transfer…' }).parentElement!);
    expect(
      (await screen.findAllByText('A flagged chat cannot be transferred. Un-flag it first.'))
        .length,
    ).toBeGreaterThan(0);
  });

  it('"Un-flag and close…" un-flags, then opens the wrap-up', async () => {
    const { requests } = setup({ flagged: true });
    fireEvent.click(screen.getByRole('button', { name: 'Un-flag and close…' }));
    expect(
      await screen.findByRole('dialog', { name: 'Close the chat with Thandi Nkosi' }),
    ).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname)).toEqual(
      ['/api/chats/chat-7/unflag'],
    );
  });

  it('a pending chat cannot be transferred', () => {
    setup({ status: 'pending' });
    expect(reasonOf('Transfer…')).toBe(
      'Only a live chat can be transferred (this one is pending).',
    );
  });

  it('a chat already transferring says where to', () => {
    setup({
      transfer: {
        id: 't1',
        from: null,
        offeredBy: null,
        toAgent: null,
        toDepartment: sales,
        note: '',
        createdAt: '2030-01-01T09:00:00.000Z',
        expiresAt: '2030-01-01T09:20:00.000Z',
      },
    });
    expect(reasonOf('Transfer…')).toBe('An offer is already open: transferring to Sales.');
  });

  it('nobody but the chat’s agent or a supervisor sees Transfer…', () => {
    setup({ assignee: agentTwo });
    expect(screen.queryByRole('button', { name: 'Transfer…' })).toBeNull();
  });
});

describe('ChatActions: single keys', () => {
  const posted = (requests: Request[], action: string) =>
    requests.filter((r) => r.method === 'POST' && r.url.endsWith(`/chat-7/${action}`));

  it('f flags the open chat when no field has focus', async () => {
    const { requests } = setup();
    fireEvent.keyDown(document.body, { key: 'f' });
    await waitFor(() => expect(posted(requests, 'flag')).toHaveLength(1));
  });

  it('does nothing while typing in a field or with a modifier held', async () => {
    const { requests } = setup();
    const field = document.createElement('textarea');
    document.body.append(field);
    fireEvent.keyDown(field, { key: 'f' });
    fireEvent.keyDown(document.body, { key: 'f', ctrlKey: true });
    fireEvent.keyDown(document.body, { key: 'c', metaKey: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(posted(requests, 'flag')).toEqual([]);
    expect(screen.queryByRole('dialog')).toBeNull();
    field.remove();
  });

  it('c on a flagged chat says why it cannot close instead of opening the wrap-up', async () => {
    setup({ flagged: true });
    fireEvent.keyDown(document.body, { key: 'c' });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'A flagged chat cannot be closed. Un-flag it first.',
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('c opens the wrap-up and t the transfer on a chat that allows them', async () => {
    setup();
    fireEvent.keyDown(document.body, { key: 'c' });
    expect(await screen.findByRole('dialog', { name: /Close the chat/ })).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    fireEvent.keyDown(document.body, { key: 't' });
    expect(await screen.findByRole('dialog', { name: /Transfer the chat/ })).toBeTruthy();
  });
});
