import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildChat, buildMe } from '../../../test/fixtures.ts';
import { json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithClient } from '../../../test/render.tsx';
import { WrapUpDialog } from './WrapUpDialog.tsx';

const me = buildMe();

function setup(reply: () => Response, tags = ['delivery', 'refund']) {
  const bodies: unknown[] = [];
  mockFetch([
    {
      method: 'GET',
      path: '/api/admin/tags',
      reply: () =>
        json({
          items: tags.map((name, i) => ({
            id: `tag-${i}`,
            name,
            createdAt: '2026-11-01T08:00:00Z',
          })),
        }),
    },
    {
      method: 'POST',
      path: '/api/chats/chat-7/close',
      reply: async (request) => {
        bodies.push(await request.json());
        return reply();
      },
    },
  ]);
  let open = true;
  const onOpenChange = (next: boolean) => {
    open = next;
  };
  const view = renderWithClient(
    <WrapUpDialog
      chatId="chat-7"
      customer="Thandi Nkosi"
      me={me}
      open
      onOpenChange={onOpenChange}
    />,
  );
  return { ...view, bodies, isOpen: () => open };
}

describe('WrapUpDialog', () => {
  it('starts on Neutral and sends the sentiment alone when nothing else is filled in', async () => {
    const { bodies, isOpen } = setup(() => json(buildChat({ id: 'chat-7', status: 'closed' })));
    await screen.findByRole('dialog', { name: 'Close the chat with Thandi Nkosi' });
    expect((screen.getByRole('radio', { name: 'Neutral' }) as HTMLInputElement).checked).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Close chat' }));
    await waitFor(() => expect(isOpen()).toBe(false));
    expect(bodies).toEqual([{ sentiment: 'neutral' }]);
  });

  it('sends the chosen sentiment, tag and note', async () => {
    const { bodies } = setup(() => json(buildChat({ id: 'chat-7', status: 'closed' })));
    fireEvent.click(await screen.findByRole('radio', { name: 'Positive' }));
    const tag = screen.getByLabelText(/^Tag/);
    await screen.findByRole('option', { name: 'refund' });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'No tag',
      'delivery',
      'refund',
    ]);
    fireEvent.change(tag, { target: { value: 'delivery' } });
    fireEvent.change(screen.getByLabelText(/^Note/), { target: { value: 'See SUP-1234' } });
    expect(screen.getByPlaceholderText('What was asked, what was agreed')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Close chat' }));
    await waitFor(() =>
      expect(bodies).toEqual([{ sentiment: 'positive', tag: 'delivery', note: 'See SUP-1234' }]),
    );
  });

  it('says where tags come from when the admins have made none, and closes without one', async () => {
    const { bodies } = setup(() => json(buildChat({ id: 'chat-7', status: 'closed' })), []);
    expect(
      await screen.findByText('No wrap-up tags yet: an admin adds them in Admin → Wrap-up tags.'),
    ).toBeTruthy();
    expect((screen.getByLabelText(/^Tag/) as HTMLSelectElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Close chat' }));
    await waitFor(() => expect(bodies).toEqual([{ sentiment: 'neutral' }]));
  });

  it("shows the server's refusal inline and stays open", async () => {
    const { isOpen } = setup(() =>
      problem(409, 'A flagged chat cannot be closed. Un-flag it first.'),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Close chat' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('A flagged chat cannot be closed. Un-flag it first.');
    expect(isOpen()).toBe(true);
  });

  it('closes on Escape without sending anything', async () => {
    const { bodies, isOpen } = setup(() => json({}));
    fireEvent.keyDown(await screen.findByRole('dialog'), { key: 'Escape' });
    expect(isOpen()).toBe(false);
    expect(bodies).toEqual([]);
  });

  it('closes on Cancel without sending anything', async () => {
    const { bodies, isOpen } = setup(() => json({}));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(isOpen()).toBe(false);
    expect(bodies).toEqual([]);
  });

  it('sends several references, the one still typed included, and Enter adds rather than closes', async () => {
    const { bodies } = setup(() => json(buildChat({ id: 'chat-7', status: 'closed' })));
    const field = await screen.findByLabelText(/^References/);
    fireEvent.change(field, { target: { value: 'SUP-1234' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    fireEvent.change(field, { target: { value: '#4411' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    fireEvent.change(field, { target: { value: 'https://status.example.com/1' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    fireEvent.click(screen.getByRole('button', { name: 'Remove #4411' }));
    fireEvent.change(field, { target: { value: 'SUP-9' } });
    expect(bodies).toEqual([]);
    const list = screen.getByRole('list', { name: 'References to send' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['SUP-1234', 'https://status.example.com/1']);

    fireEvent.click(screen.getByRole('button', { name: 'Close chat' }));
    await waitFor(() =>
      expect(bodies).toEqual([
        {
          sentiment: 'neutral',
          references: ['SUP-1234', 'https://status.example.com/1', 'SUP-9'],
        },
      ]),
    );
  });

  it("shows the server's refusal of a reference on the field and marks the bad one", async () => {
    const { isOpen } = setup(() =>
      problem(422, 'Check the references.', {
        errors: [
          { field: 'references.1', message: 'Use a web link, a Jira key or a ticket number.' },
        ],
      }),
    );
    const field = await screen.findByLabelText(/^References/);
    fireEvent.change(field, { target: { value: 'SUP-1' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    fireEvent.change(field, { target: { value: 'ftp://x' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    fireEvent.click(screen.getByRole('button', { name: 'Close chat' }));

    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(field.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Use a web link, a Jira key or a ticket number.',
    );
    expect(screen.getByText('ftp://x').closest('li')!.className).toContain(
      'references__item--invalid',
    );
    expect(screen.getByText('SUP-1').closest('li')!.className).not.toContain('invalid');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(isOpen()).toBe(true);
  });

  it('marks the reference the server quotes when it refuses the list as a whole', async () => {
    setup(() =>
      problem(422, 'A reference must be an http(s) link, a Jira key or a ticket number.', {
        errors: [
          { field: 'references', message: '"ftp://x" is not a link, Jira key or ticket number' },
        ],
      }),
    );
    const field = await screen.findByLabelText(/^References/);
    for (const value of ['SUP-1', 'ftp://x']) {
      fireEvent.change(field, { target: { value } });
      fireEvent.keyDown(field, { key: 'Enter' });
    }
    fireEvent.click(screen.getByRole('button', { name: 'Close chat' }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('ftp://x').closest('li')!.className).toContain('invalid');
    expect(screen.getByText('SUP-1').closest('li')!.className).not.toContain('invalid');
  });
});
