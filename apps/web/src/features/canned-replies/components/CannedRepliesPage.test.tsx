import type { CannedReply, Me } from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildMe } from '../../../test/fixtures.ts';
import { json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithClient } from '../../../test/render.tsx';
import { TooltipProvider } from '../../../ui/Tooltip.tsx';
import { CannedRepliesPage } from './CannedRepliesPage.tsx';

const LIST = '/api/canned-replies?limit=700';

const reply = (overrides: Partial<CannedReply>): CannedReply => ({
  id: 'r1',
  title: 'Greeting',
  body: 'Hi {{customer.firstName}}',
  shortcut: 'hi',
  shared: false,
  canEdit: true,
  createdBy: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...overrides,
});

const renderPage = (me: Me) =>
  renderWithClient(
    <TooltipProvider>
      <CannedRepliesPage me={me} />
    </TooltipProvider>,
  );

const shared = reply({ id: 's1', title: 'Refund', shared: true, canEdit: false, shortcut: null });

describe('CannedRepliesPage', () => {
  it('lists mine and the shared ones; an agent’s shared ones are read-only with the reason', async () => {
    mockFetch([{ path: LIST, reply: () => json({ items: [shared, reply({})] }) }]);
    renderPage(buildMe({ role: 'agent' }));
    const mine = await screen.findByRole('list', { name: 'My replies' });
    expect(within(mine).getByRole('heading', { name: 'Greeting' })).toBeTruthy();
    expect(
      (within(mine).getByRole('button', { name: 'Edit Greeting' }) as HTMLButtonElement).disabled,
    ).toBe(false);
    const sharedList = screen.getByRole('list', { name: 'Shared replies' });
    const edit = within(sharedList).getByRole('button', { name: 'Edit Refund' });
    expect((edit as HTMLButtonElement).disabled).toBe(true);
    expect(edit.parentElement!.getAttribute('aria-description')).toBe(
      'Only supervisors and admins change shared replies',
    );
  });

  it('creates a reply, showing the server’s field message first', async () => {
    let attempts = 0;
    let items: CannedReply[] = [];
    const { requests } = mockFetch([
      { path: LIST, reply: () => json({ items }) },
      {
        method: 'POST',
        path: '/api/canned-replies',
        reply: () => {
          if (++attempts === 1)
            return problem(422, 'No.', { errors: [{ field: 'title', message: 'Too odd.' }] });
          items = [reply({ title: 'Thanks' })];
          return json(items[0], 201);
        },
      },
    ]);
    renderPage(buildMe({ role: 'supervisor' }));
    expect(await screen.findByText('No canned replies yet.')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'New reply' })[0]!);
    const sheet = await screen.findByRole('dialog', { name: 'New canned reply' });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Save reply' }));
    expect(within(sheet).getByText('Give the reply a title.')).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    fireEvent.change(within(sheet).getByLabelText('Title'), { target: { value: 'Thanks' } });
    fireEvent.change(within(sheet).getByLabelText('Reply'), { target: { value: 'Thank you!' } });
    fireEvent.click(within(sheet).getByLabelText('Shared with everyone'));
    fireEvent.click(within(sheet).getByRole('button', { name: 'Save reply' }));
    expect(await within(sheet).findByText('Too odd.')).toBeTruthy();
    fireEvent.click(within(sheet).getByRole('button', { name: 'Save reply' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByRole('heading', { name: 'Thanks' })).toBeTruthy();
    const sent = await requests.filter((r) => r.method === 'POST')[1]!.json();
    expect(sent).toEqual({ title: 'Thanks', body: 'Thank you!', shortcut: null, shared: true });
  });

  it('shows an error with a retry when the list cannot load', async () => {
    let fail = true;
    mockFetch([
      {
        path: LIST,
        reply: () => (fail ? problem(500, 'Down.') : json({ items: [reply({})] })),
      },
    ]);
    renderPage(buildMe());
    expect(await screen.findByText("Couldn't load the canned replies.")).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'Greeting' })).toBeTruthy();
  });
});
