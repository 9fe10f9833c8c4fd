import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithClient } from '../../../test/render.tsx';
import { SetPasswordPage } from './SetPasswordPage.tsx';

const path = '/api/set-password/tok-1';
const info = { path, reply: () => json({ name: 'Nomsa Dlamini', email: 'nomsa@example.com' }) };

function fill(password: string, repeat = password) {
  fireEvent.change(screen.getByLabelText('New password'), { target: { value: password } });
  fireEvent.change(screen.getByLabelText('Repeat the password'), { target: { value: repeat } });
  fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
}

describe('SetPasswordPage', () => {
  it('greets the person and states the password rule before anything is typed', async () => {
    mockFetch([info]);
    renderWithClient(<SetPasswordPage token="tok-1" />);

    expect(await screen.findByText(/Welcome, Nomsa Dlamini/)).toBeTruthy();
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('nomsa@example.com');
    const password = screen.getByLabelText('New password');
    expect(document.activeElement).toBe(password);
    const rule = document.getElementById(password.getAttribute('aria-describedby')!);
    expect(rule?.textContent).toMatch(/^At least 10 characters\./);
    expect(password.getAttribute('aria-invalid')).toBeNull();
  });

  it('refuses a short password and two different ones without asking the server', async () => {
    const { requests } = mockFetch([info]);
    renderWithClient(<SetPasswordPage token="tok-1" />);
    await screen.findByLabelText('New password');

    fill('too short');
    expect(screen.getByText('Use at least 10 characters.')).toBeTruthy();
    expect(screen.getByLabelText('New password').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('New password'));

    fill('long enough password', 'long enough passw0rd');
    expect(screen.queryByText('Use at least 10 characters.')).toBeNull();
    expect(screen.getByText("The two passwords don't match.")).toBeTruthy();
    expect(screen.getByLabelText('Repeat the password').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Repeat the password'));
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('sets the password, then offers sign-in with the email filled in', async () => {
    const { requests } = mockFetch([
      info,
      { method: 'POST', path, reply: () => new Response(null, { status: 204 }) },
    ]);
    window.history.replaceState(null, '', '/set-password/tok-1');
    renderWithClient(<SetPasswordPage token="tok-1" />);
    await screen.findByLabelText('New password');

    fill('correct horse battery');
    expect(await screen.findByRole('heading', { name: 'Your password is set' })).toBeTruthy();
    expect(await requests.find((r) => r.method === 'POST')?.json()).toEqual({
      password: 'correct horse battery',
    });
    const signIn = screen.getByRole('button', { name: 'Sign in' });
    expect(document.activeElement).toBe(signIn);
    fireEvent.click(signIn);
    expect(window.location.pathname).toBe('/');
    expect(new URLSearchParams(window.location.search).get('email')).toBe('nomsa@example.com');
  });

  it('shows the server’s rule beside the field when it refuses the password', async () => {
    mockFetch([
      info,
      {
        method: 'POST',
        path,
        reply: () =>
          problem(422, 'The password is too short.', {
            errors: [{ field: 'password', message: 'at least 10 characters' }],
          }),
      },
    ]);
    renderWithClient(<SetPasswordPage token="tok-1" />);
    await screen.findByLabelText('New password');
    fill('ten chars!');
    expect(await screen.findByText('Use at least 10 characters.')).toBeTruthy();
  });

  it('says an expired link cannot be used and to ask an admin for a new one', async () => {
    const { requests } = mockFetch([
      { path, reply: () => problem(410, 'This link has expired. Ask an admin for a new one.') },
    ]);
    renderWithClient(<SetPasswordPage token="tok-1" />);

    expect(await screen.findByRole('heading', { name: "This link can't be used" })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(
      'This link has expired. Ask an admin for a new one.',
    );
    expect(screen.queryByLabelText('New password')).toBeNull();
    // A 410 will not change by asking again.
    expect(requests).toHaveLength(1);
  });

  it('tells someone with an unknown link or a closed account to ask an admin', async () => {
    mockFetch([{ path, reply: () => problem(410, 'This account is deactivated.') }]);
    renderWithClient(<SetPasswordPage token="tok-1" />);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'This account is deactivated. Ask an admin for a new link.',
      ),
    );
  });

  it('says so when the link was used up in another tab while this one was open', async () => {
    mockFetch([
      info,
      {
        method: 'POST',
        path,
        reply: () => problem(410, 'This link was already used. Ask an admin for a new one.'),
      },
    ]);
    renderWithClient(<SetPasswordPage token="tok-1" />);
    await screen.findByLabelText('New password');
    fill('correct horse battery');
    expect(await screen.findByRole('heading', { name: "This link can't be used" })).toBeTruthy();
    expect(screen.getByText(/already used/)).toBeTruthy();
  });
});
