import type { AutoReplyList } from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '../../../test/http.ts';
import { buildDepartment, renderAdmin } from './adminTestSetup.tsx';

const list = (items: AutoReplyList['items'] = []): AutoReplyList => ({
  items,
  defaults: [
    {
      kind: 'connecting',
      departmentId: null,
      language: 'en',
      text: "You're chatting with {agent}.",
    },
    {
      kind: 'chat_ended',
      departmentId: null,
      language: 'en',
      text: 'This chat has ended.',
    },
  ],
});

const departments = {
  path: '/api/admin/departments',
  reply: () => json({ items: [buildDepartment()] }),
};

const rowOf = (name: string) =>
  screen.getByRole('rowheader', { name: new RegExp(name) }).closest('tr')!;

describe('AutoRepliesPage', () => {
  it('shows each kind with its own text, the built-in one, or that it is not sent', async () => {
    renderAdmin('/admin/auto-replies', 'admin', [
      {
        path: '/api/admin/departments',
        reply: () => json({ items: [buildDepartment()] }),
      },
      {
        path: '/api/admin/auto-replies',
        reply: () =>
          json(
            list([
              {
                kind: 'chat_ended',
                departmentId: null,
                language: 'en',
                text: 'Bye for now!',
                updatedAt: '2026-11-30T10:00:00.000Z',
              },
            ]),
          ),
      },
    ]);
    await screen.findByRole('rowheader', { name: /Connected to an agent/ });
    expect(within(rowOf('Connected to an agent')).getByText(/Built-in:/)).toBeTruthy();
    expect(within(rowOf('Chat ended')).getByText('Bye for now!')).toBeTruthy();
    expect(within(rowOf('Directing to an agent')).getByText(/Not sent/)).toBeTruthy();

    // For a department and language with nothing of their own, every department's text shows.
    await screen.findByRole('option', { name: 'Support' });
    fireEvent.change(screen.getByLabelText('Department'), { target: { value: 'dep-support' } });
    fireEvent.change(screen.getByLabelText('Customer’s language'), { target: { value: 'en-ZA' } });
    expect(within(rowOf('Chat ended')).getByText(/from every department, en/)).toBeTruthy();
  });

  it('edits a text: chips insert placeholders, the preview fills them, an unknown one is refused before saving', async () => {
    const bodies: unknown[] = [];
    renderAdmin('/admin/auto-replies', 'admin', [
      departments,
      { path: '/api/admin/auto-replies', reply: () => json(list()) },
      {
        method: 'PUT',
        path: '/api/admin/auto-replies',
        reply: async (request) => {
          const body: unknown = await request.json();
          bodies.push(body);
          return json(body);
        },
      },
    ]);
    await screen.findByRole('option', { name: 'Support' });
    fireEvent.change(screen.getByLabelText('Department'), { target: { value: 'dep-support' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Connected to an agent' }));
    const sheet = await screen.findByRole('dialog', { name: 'Connected to an agent' });
    const text = within(sheet).getByLabelText('Text') as HTMLTextAreaElement;
    expect(text.value).toBe("You're chatting with {agent}.");

    fireEvent.change(text, { target: { value: 'Hi {customer}, ' } });
    text.setSelectionRange(text.value.length, text.value.length);
    fireEvent.click(within(sheet).getByRole('button', { name: 'Insert {agent}' }));
    expect(text.value).toBe('Hi {customer}, {agent}');
    expect(within(sheet).getByTestId('auto-reply-preview').textContent).toBe('Hi Thandi, Sam');
    // {opening} belongs to the out-of-hours text only: no chip, and refused before saving.
    expect(within(sheet).queryByRole('button', { name: 'Insert {opening}' })).toBeNull();

    fireEvent.change(text, { target: { value: 'Hi {customer}, we open {opening}' } });
    expect(within(sheet).getByText(/\{opening\} cannot be filled here/)).toBeTruthy();
    fireEvent.click(within(sheet).getByRole('button', { name: 'Save' }));
    expect(bodies).toHaveLength(0);

    fireEvent.change(text, { target: { value: '{agent} from {department} here' } });
    expect(within(sheet).getByTestId('auto-reply-preview').textContent).toBe(
      'Sam from Support here',
    );
    fireEvent.click(within(sheet).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bodies).toEqual([
      {
        kind: 'connecting',
        departmentId: 'dep-support',
        language: 'en',
        text: '{agent} from {department} here',
      },
    ]);
    expect(
      within(rowOf('Connected to an agent')).getByText('{agent} from {department} here'),
    ).toBeTruthy();
  });

  it('shows the server’s refusal beside the text, and goes back to the built-in text', async () => {
    const saved = {
      kind: 'connecting' as const,
      departmentId: null,
      language: 'en',
      text: 'Sam here',
      updatedAt: '2026-11-30T10:00:00.000Z',
    };
    let removed = false;
    renderAdmin('/admin/auto-replies', 'admin', [
      departments,
      { path: '/api/admin/auto-replies', reply: () => json(list(removed ? [] : [saved])) },
      {
        method: 'PUT',
        path: '/api/admin/auto-replies',
        reply: async (request) => {
          const body = await request.json();
          if (body.text === null) {
            removed = true;
            return new Response(null, { status: 204 });
          }
          return problem(422, 'Not that.', {
            errors: [{ field: 'text', message: 'unknown placeholder {agent_name}' }],
          });
        },
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Connected to an agent' }));
    const sheet = await screen.findByRole('dialog');
    fireEvent.change(within(sheet).getByLabelText('Text'), { target: { value: 'Hello there' } });
    fireEvent.click(within(sheet).getByRole('button', { name: 'Save' }));
    expect(await within(sheet).findByText('unknown placeholder {agent_name}')).toBeTruthy();

    fireEvent.click(within(sheet).getByRole('button', { name: 'Use the built-in text' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(rowOf('Connected to an agent')).getByText(/Built-in:/)).toBeTruthy();
  });

  it('lets a supervisor read the texts but not edit them', async () => {
    renderAdmin('/admin/auto-replies', 'supervisor', [
      departments,
      { path: '/api/admin/auto-replies', reply: () => json(list()) },
    ]);
    const edit = await screen.findByRole('button', { name: 'Edit Connected to an agent' });
    expect((edit as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/Only admins can change this/)).toBeTruthy();
  });
});
