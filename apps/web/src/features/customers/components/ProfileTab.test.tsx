import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '../../../test/http.ts';
import { buildCustomer } from '../testFixtures.ts';
import { renderPanel } from './panelTestSetup.tsx';

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('Profile tab', () => {
  it('shows the profile: name, the number for people, fields and custom fields', async () => {
    renderPanel();
    expect(await screen.findByRole('heading', { name: 'Thandi Nkosi' })).toBeTruthy();
    expect(screen.getByText('+27 82 123 4567')).toBeTruthy();
    expect(screen.getByText('thandi@example.co.za')).toBeTruthy();
    expect(screen.getByText('Johannesburg')).toBeTruthy();
    expect(screen.getByText('Tier').tagName).toBe('DT');
    expect(screen.getByText('Gold').tagName).toBe('DD');
  });

  it('says "No name yet" on first contact', async () => {
    renderPanel({ customer: buildCustomer({ name: null, email: null, customFields: {} }) });
    expect(await screen.findByText('No name yet')).toBeTruthy();
  });

  it('saves with If-Match of the version the form started from, and shows 422 errors inline', async () => {
    let attempt = 0;
    const { requests } = renderPanel({
      routes: [
        {
          method: 'PATCH',
          path: '/api/customers/customer-1',
          reply: () =>
            ++attempt === 1
              ? problem(422, 'Some fields need another look.', {
                  errors: [{ field: 'email', message: 'Enter an email address.' }],
                })
              : json(buildCustomer({ email: 'new@example.com', version: 4 })),
        },
      ],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    type('Email', 'nope');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Enter an email address.')).toBeTruthy();
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    const first = requests.find((r) => r.method === 'PATCH');
    expect(first?.headers.get('if-match')).toBe('"3"');
    expect(await first?.clone().json()).toEqual({ email: 'nope' });

    type('Email', 'new@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('new@example.com')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Edit profile' })).toBeNull();
  });

  it('cancels with Esc, keeping the profile as it was', async () => {
    renderPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    type('Name', 'Changed');
    fireEvent.keyDown(screen.getByLabelText('Name'), { key: 'Escape' });
    expect(await screen.findByRole('heading', { name: 'Thandi Nkosi' })).toBeTruthy();
  });

  it('on 412 shows their newer value beside my edit, and saves my choice on the new version', async () => {
    const theirs = buildCustomer({ email: 'theirs@example.com', company: 'Acme', version: 4 });
    const patches: { ifMatch: string | null; body: unknown }[] = [];
    renderPanel({
      routes: [
        {
          method: 'PATCH',
          path: '/api/customers/customer-1',
          reply: async (request) => {
            patches.push({ ifMatch: request.headers.get('if-match'), body: await request.json() });
            if (patches.length === 1)
              return new Response(
                JSON.stringify({
                  type: 'about:blank',
                  title: 'Precondition failed',
                  status: 412,
                  detail: 'Someone else changed this profile.',
                  current: theirs,
                }),
                { status: 412, headers: { 'content-type': 'application/problem+json' } },
              );
            return json({ ...theirs, email: 'mine@example.com', version: 5 });
          },
        },
      ],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    type('Email', 'mine@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const conflict = await screen.findByRole('region', {
      name: 'Someone else changed this profile',
    });
    const email = within(conflict).getByRole('group', { name: 'Email' });
    expect(within(email).getByText('theirs@example.com')).toBeTruthy();
    expect(within(email).getByText('mine@example.com')).toBeTruthy();
    expect(within(conflict).getByText(/Also updated by them, kept: Company/)).toBeTruthy();
    const saveAgain = within(conflict).getByRole('button', { name: 'Save again' });
    expect((saveAgain as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(within(email).getByRole('button', { name: 'Keep yours for Email' }));
    fireEvent.click(saveAgain);
    await waitFor(() => expect(patches).toHaveLength(2));
    expect(patches[1]).toEqual({ ifMatch: '"4"', body: { email: 'mine@example.com' } });
    expect(await screen.findByText('mine@example.com')).toBeTruthy();
    expect(screen.getByText('Acme')).toBeTruthy();
  });

  it('applies a colleague’s save live, and marks an open form out of date without losing edits', async () => {
    const view = renderPanel();
    view.open();
    expect(await screen.findByRole('heading', { name: 'Thandi Nkosi' })).toBeTruthy();
    expect(view.socket().messages()).toContainEqual({
      type: 'subscribe',
      room: 'customer:customer-1',
    });

    view.push('customer.updated', buildCustomer({ name: 'Thandi M.', version: 4 }));
    expect(await screen.findByRole('heading', { name: 'Thandi M.' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Edit profile' }));
    type('Location', 'Durban');
    view.push('customer.updated', buildCustomer({ name: 'Thandi Mokoena', version: 5 }));
    expect(await screen.findByText(/Someone else saved this profile/)).toBeTruthy();
    expect((screen.getByLabelText('Location') as HTMLInputElement).value).toBe('Durban');
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Thandi M.');

    act(() => screen.getByRole('button', { name: 'Review changes' }).click());
    const conflict = await screen.findByRole('region', {
      name: 'Someone else changed this profile',
    });
    expect(within(conflict).getByText(/Also updated by them, kept: Name/)).toBeTruthy();
  });
});
