import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildMe } from '../../../test/fixtures.ts';
import { json, problem } from '../../../test/http.ts';
import { buildNote } from '../testFixtures.ts';
import { renderPanel } from './panelTestSetup.tsx';

const me = buildMe({ id: 'staff-agent-1', name: 'Agent One', role: 'agent' });

async function openNotes() {
  fireEvent.mouseDown(await screen.findByRole('tab', { name: 'Notes' }));
  return screen.findByRole('tabpanel', { name: 'Notes' });
}

describe('Notes tab', () => {
  it('says what will appear when there are no notes', async () => {
    renderPanel({ me });
    await openNotes();
    expect(await screen.findByText('No notes yet.')).toBeTruthy();
    expect(
      screen.getByText('What you learn about this customer, every colleague will see.'),
    ).toBeTruthy();
  });

  it('offers delete only on notes the viewer may delete, with a confirm', async () => {
    const mine = buildNote({
      body: 'Mine',
      canDelete: true,
      author: { id: me.id, name: me.name, role: 'agent' },
    });
    const theirs = buildNote({ body: 'Theirs', canDelete: false });
    const { requests } = renderPanel({
      me,
      notes: [mine, theirs],
      routes: [
        {
          method: 'DELETE',
          path: `/api/notes/${mine.id}`,
          reply: () => new Response(null, { status: 204 }),
        },
      ],
    });
    await openNotes();
    const mineRow = (await screen.findByText('Mine')).closest('li')!;
    const theirsRow = screen.getByText('Theirs').closest('li')!;
    expect(within(theirsRow).queryByRole('button', { name: 'Delete note' })).toBeNull();

    fireEvent.click(within(mineRow).getByRole('button', { name: 'Delete note' }));
    const confirm = within(mineRow).getByRole('group', { name: 'Confirm delete' });
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByText('Mine')).toBeNull());
    expect(requests.some((r) => r.method === 'DELETE')).toBe(true);
    expect(screen.getByText('Theirs')).toBeTruthy();
  });

  it('links a URL reference in a new tab with rel noopener; shows Jira keys and tickets as text', async () => {
    renderPanel({
      me,
      notes: [
        buildNote({
          body: 'Link',
          reference: { kind: 'url', value: 'https://status.example.com/incidents/42' },
        }),
        buildNote({ body: 'Jira', reference: { kind: 'jira', value: 'SUP-1234' } }),
        buildNote({ body: 'Ticket', reference: { kind: 'ticket', value: '4411' } }),
      ],
    });
    await openNotes();
    const link = await screen.findByRole('link', { name: 'status.example.com/incidents/42' });
    expect(link.getAttribute('href')).toBe('https://status.example.com/incidents/42');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByText('SUP-1234').tagName).toBe('SPAN');
    expect(screen.getByText('#4411')).toBeTruthy();
  });

  it('inserts a colleague’s note live, first, and removes a deleted one', async () => {
    const old = buildNote({ body: 'Older note', createdAt: '2020-01-01T09:00:00.000Z' });
    const view = renderPanel({ me, notes: [old] });
    view.open();
    await openNotes();
    await screen.findByText('Older note');
    const { canDelete: _, ...frame } = buildNote({
      body: 'Fresh from a colleague',
      createdAt: new Date().toISOString(),
      author: { id: 'staff-agent-2', name: 'Agent Two', role: 'agent' },
    });
    view.push('note.created', frame);
    const list = await screen.findByRole('list', { name: 'Notes, newest first' });
    await waitFor(() =>
      expect(within(list).getAllByRole('listitem')[0]?.textContent).toContain(
        'Fresh from a colleague',
      ),
    );
    expect(
      within(screen.getByText('Fresh from a colleague').closest('li')!).queryByRole('button', {
        name: 'Delete note',
      }),
    ).toBeNull();
    view.push('note.deleted', { id: old.id, customerId: 'customer-1' });
    await waitFor(() => expect(screen.queryByText('Older note')).toBeNull());
  });

  it('adds a note with Ctrl+Enter on this chat, and shows a refused reference inline', async () => {
    const sent: unknown[] = [];
    renderPanel({
      me,
      routes: [
        {
          method: 'POST',
          path: '/api/customers/customer-1/notes',
          reply: async (request) => {
            const body = (await request.json()) as { body: string; reference?: string };
            sent.push(body);
            if (body.reference === 'ftp://x')
              return problem(422, 'The note needs another look.', {
                errors: [
                  { field: 'reference', message: 'Use a web link, a Jira key or a ticket number.' },
                ],
              });
            return json(
              buildNote({
                body: body.body,
                chatId: 'chat-1',
                canDelete: true,
                author: { id: me.id, name: me.name, role: 'agent' },
              }),
              201,
            );
          },
        },
      ],
    });
    await openNotes();
    const body = await screen.findByLabelText('Add a note');
    fireEvent.change(body, { target: { value: 'Asked for a callback' } });
    fireEvent.change(screen.getByLabelText('Link, Jira key or ticket number'), {
      target: { value: 'ftp://x' },
    });
    fireEvent.keyDown(body, { key: 'Enter', ctrlKey: true });
    expect(await screen.findByText('Use a web link, a Jira key or a ticket number.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Link, Jira key or ticket number'), {
      target: { value: '' },
    });
    fireEvent.keyDown(body, { key: 'Enter', ctrlKey: true });
    expect(await screen.findByText('Asked for a callback')).toBeTruthy();
    expect(sent.at(-1)).toEqual({ body: 'Asked for a callback', chatId: 'chat-1' });
    expect((body as HTMLTextAreaElement).value).toBe('');
  });

  it('loads older notes with the cursor', async () => {
    const older = buildNote({ body: 'From page two', createdAt: '2029-01-01T09:00:00.000Z' });
    renderPanel({
      me,
      notes: [buildNote({ body: 'Page one' })],
      nextCursor: 'next-1',
      routes: [
        {
          path: '/api/customers/customer-1/notes?limit=20&cursor=next-1',
          reply: () => json({ items: [older], nextCursor: null }),
        },
      ],
    });
    await openNotes();
    fireEvent.click(await screen.findByRole('button', { name: 'Load older' }));
    expect(await screen.findByText('From page two')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load older' })).toBeNull();
  });
});
