import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildMe } from '../../../test/fixtures.ts';
import { deferred, json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithClient } from '../../../test/render.tsx';
import { meQueryKey } from '../api.ts';
import { SignInPage } from './SignInPage.tsx';

function fillAndSubmit(email = 'agent1@demo.parley', password = 'wrong-password') {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  it('shows the server’s 401 message in the live region and marks both fields invalid', async () => {
    mockFetch([
      {
        method: 'POST',
        path: '/api/session',
        reply: () => problem(401, 'Email or password is incorrect.'),
      },
    ]);
    renderWithClient(<SignInPage />);
    fillAndSubmit();

    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Email or password is incorrect.'),
    );
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Password').getAttribute('aria-describedby')).toContain(
      screen.getByRole('alert').id,
    );
  });

  it('tells how long to wait after too many attempts, in minutes', async () => {
    mockFetch([
      {
        method: 'POST',
        path: '/api/session',
        reply: () =>
          problem(429, 'Too many sign-in attempts.', { headers: { 'Retry-After': '120' } }),
      },
    ]);
    renderWithClient(<SignInPage />);
    fillAndSubmit();

    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Too many attempts. Try again in 2 minutes.',
      ),
    );
    // A rate limit says nothing about the credentials.
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBeNull();
  });

  it('tells how long to wait after too many attempts, in seconds', async () => {
    mockFetch([
      {
        method: 'POST',
        path: '/api/session',
        reply: () => problem(429, 'Slow down.', { headers: { 'Retry-After': '45' } }),
      },
    ]);
    renderWithClient(<SignInPage />);
    fillAndSubmit();

    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Too many attempts. Try again in 45 seconds.',
      ),
    );
  });

  it('says the server cannot be reached when the network fails', async () => {
    mockFetch([
      {
        method: 'POST',
        path: '/api/session',
        reply: () => Promise.reject(new TypeError('Failed to fetch')),
      },
    ]);
    renderWithClient(<SignInPage />);
    fillAndSubmit();

    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/can't reach parley/i),
    );
  });

  it('asks for missing fields without calling the server', () => {
    const { requests } = mockFetch([]);
    renderWithClient(<SignInPage />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(screen.getByText('Enter your email address.')).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Email'));
    // Only the page's own question whether setup is needed; no sign-in.
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('shows the pending state, keeps focus on the button, then stores the signed-in person', async () => {
    const answer = deferred<Response>();
    const { requests } = mockFetch([
      { method: 'POST', path: '/api/session', reply: () => answer.promise },
    ]);
    const { queryClient } = renderWithClient(<SignInPage />);
    fillAndSubmit('agent1@demo.parley', 'demo-password-1');

    const button = await screen.findByRole('button', { name: 'Signing in…' });
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.hasAttribute('disabled')).toBe(false);
    fireEvent.click(button); // a second click while pending sends nothing more
    const signIns = requests.filter((r) => r.method === 'POST');
    expect(signIns).toHaveLength(1);

    const user = buildMe();
    answer.resolve(json({ user }));
    await waitFor(() => expect(queryClient.getQueryData(meQueryKey)).toEqual(user));
    expect(await signIns[0]?.json()).toEqual({
      email: 'agent1@demo.parley',
      password: 'demo-password-1',
    });
  });

  it('when the server has no staff yet, says how to create the first admin instead of a form', async () => {
    const command =
      'npm run parley -- staff create --role admin --name "Your Name" --email you@example.com';
    let needed = true;
    mockFetch([
      {
        path: '/api/setup',
        reply: () => json(needed ? { needed: true, command } : { needed: false }),
      },
    ]);
    renderWithClient(<SignInPage />);
    expect(await screen.findByRole('heading', { name: 'Create the first admin' })).toBeTruthy();
    expect(screen.getByText(command)).toBeTruthy();
    expect(screen.queryByLabelText('Password')).toBeNull();
    // Once the operator has run it, the usual form appears.
    needed = false;
    fireEvent.click(screen.getByRole('button', { name: 'I have created it' }));
    expect(await screen.findByLabelText('Password')).toBeTruthy();
  });

  it('shows the form when setup is done (or the question fails)', async () => {
    mockFetch([{ path: '/api/setup', reply: () => json({ needed: false }) }]);
    renderWithClient(<SignInPage />);
    expect(await screen.findByLabelText('Password')).toBeTruthy();
    expect(screen.queryByText('Create the first admin')).toBeNull();
  });
});
