import { defaultPreferences } from '@parley/contract';
import type { Me, StaffPresence } from '@parley/contract';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { render } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/FakeSocket.ts';
import { buildMe, buildPresence } from '../test/fixtures.ts';
import { json, mockFetch } from '../test/http.ts';
import { createTestQueryClient } from '../test/render.tsx';
import { App } from './App.tsx';

type ServerState = { me: Me | null; staff: StaffPresence[] };

function startServer(state: ServerState) {
  return mockFetch([
    {
      path: '/api/session',
      reply: () => json({ user: state.me }),
    },
    { path: '/api/staff', reply: () => json({ items: state.staff }) },
    { path: '/api/admin/departments', reply: () => json({ items: [] }) },
    ...['live', 'all'].map((view) => ({
      path: `/api/chats?view=${view}&sort=activity&limit=50`,
      reply: () => json({ items: [], nextCursor: null }),
    })),
    {
      path: '/api/chats?view=queue&sort=waiting&limit=50',
      reply: () => json({ items: [], nextCursor: null }),
    },
    { path: '/api/chats/counts', reply: () => json({ live: 0, queue: 0, pending: 0, tagged: 0 }) },
    { path: '/api/chats/reads', reply: () => json({ items: [] }) },
    { path: '/api/me/preferences', reply: () => json(defaultPreferences) },
    {
      method: 'POST',
      path: '/api/session',
      reply: () => {
        state.me = buildMe();
        return json({ user: state.me });
      },
    },
    {
      method: 'DELETE',
      path: '/api/session',
      reply: () => {
        state.me = null;
        return new Response(null, { status: 204 });
      },
    },
  ]);
}

const me = buildMe();
const colleague = buildPresence({ id: 'staff-agent-2', name: 'Agent Two' });

function renderApp(path = '/') {
  window.history.replaceState(null, '', path);
  const queryClient = createTestQueryClient();
  render(<App queryClient={queryClient} />);
  return queryClient;
}

async function openedSocket() {
  await waitFor(() => expect(FakeSocket.instances.length).toBeGreaterThan(0));
  const socket = FakeSocket.latest();
  act(() => {
    socket.open();
    socket.receive({ seq: 1, type: 'hello', data: { staffId: me.id, rooms: ['staff'] } });
  });
  return socket;
}

// The Admin area and the Supervisor desk load on first opening; their code is compiled here once,
// before the clocks of the tests that open them start.
beforeAll(async () => {
  await Promise.all([
    import('../features/admin/components/AdminArea.tsx'),
    import('../features/supervisor/components/SupervisorDeskPage.tsx'),
  ]);
}, 120_000);

beforeEach(() => {
  FakeSocket.reset();
  vi.stubGlobal('WebSocket', FakeSocket);
});

describe('App', () => {
  it('shows the sign-in page without a session, then the desk at /live after signing in', async () => {
    const state: ServerState = { me: null, staff: [colleague] };
    const { requests } = startServer(state);
    renderApp('/');

    await screen.findByRole('heading', { name: 'Sign in to your desk' });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'agent1@demo.parley' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'demo-password-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByRole('heading', { level: 1, name: 'Live' });
    expect(window.location.pathname).toBe('/live');
    const login = requests.find((r) => r.method === 'POST');
    expect(await login?.json()).toEqual({
      email: 'agent1@demo.parley',
      password: 'demo-password-1',
    });
  });

  it('opens a set-password link without a session, then signs in with the email filled in', async () => {
    mockFetch([
      { path: '/api/session', reply: () => json({ user: null }) },
      {
        path: '/api/set-password/tok-1',
        reply: () => json({ name: 'Nomsa Dlamini', email: 'nomsa@example.com' }),
      },
      {
        method: 'POST',
        path: '/api/set-password/tok-1',
        reply: () => new Response(null, { status: 204 }),
      },
    ]);
    renderApp('/set-password/tok-1');

    fireEvent.change(await screen.findByLabelText('New password'), {
      target: { value: 'correct horse battery' },
    });
    fireEvent.change(screen.getByLabelText('Repeat the password'), {
      target: { value: 'correct horse battery' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));

    await screen.findByRole('heading', { name: 'Sign in to your desk' });
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('nomsa@example.com');
    expect(document.activeElement).toBe(screen.getByLabelText('Password'));
  });

  it('offers the agent views but not Supervisor to an agent, and sends /supervisor to Live', async () => {
    startServer({ me, staff: [] });
    renderApp('/supervisor');

    const nav = await screen.findByRole('navigation', { name: 'Views' });
    const links = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(links).toEqual([
      'Live',
      'Queue',
      'Pending',
      'Tagged',
      'Closed',
      'Tickets',
      'Canned replies',
    ]);
    await waitFor(() => expect(window.location.pathname).toBe('/live'));
  });

  it('offers Supervisor to supervisors and marks the current view', async () => {
    startServer({ me: buildMe({ role: 'supervisor', name: 'Sam Super' }), staff: [] });
    renderApp('/supervisor');

    const link = await screen.findByRole('link', { name: 'Supervisor' });
    expect(link.getAttribute('aria-current')).toBe('page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Supervisor desk' })).toBeTruthy();
  });

  it('never shows an agent the Admin entry, and sends /admin back to Live', async () => {
    startServer({ me, staff: [] });
    renderApp('/admin/settings');

    await screen.findByRole('navigation', { name: 'Views' });
    await waitFor(() => expect(window.location.pathname).toBe('/live'));
    expect(screen.queryByRole('link', { name: 'Admin' })).toBeNull();
  });

  it('offers admins the Admin area in place of the chat panes', async () => {
    startServer({ me: buildMe({ role: 'admin', name: 'Ada Admin' }), staff: [] });
    renderApp('/live');

    fireEvent.click(await screen.findByRole('link', { name: 'Admin' }));
    await screen.findByRole('navigation', { name: 'Admin pages' });
    await screen.findByText('No departments yet.');
    fireEvent.click(screen.getByRole('link', { name: 'Staff' }));
    await screen.findByRole('heading', { level: 2, name: 'Staff' });
    expect(window.location.pathname).toBe('/admin/staff');
    expect(screen.getByRole('link', { name: 'Admin' }).getAttribute('aria-current')).toBe('page');
    expect(screen.queryByRole('heading', { level: 1, name: 'Live' })).toBeNull();
  });

  it('keeps the team list live from staff.presence frames', async () => {
    startServer({ me, staff: [colleague] });
    renderApp('/live');

    await screen.findByRole('listitem', { name: 'Agent Two, Available' });
    const socket = await openedSocket();
    await screen.findByRole('listitem', { name: 'Agent Two, Available' });

    act(() =>
      socket.receive({ seq: 2, type: 'staff.presence', data: { ...colleague, available: false } }),
    );
    const item = await screen.findByRole('listitem', { name: 'Agent Two, Away' });
    expect(item.textContent).toContain('Away');

    act(() =>
      socket.receive({ seq: 3, type: 'staff.presence', data: { ...colleague, online: false } }),
    );
    await screen.findByRole('listitem', { name: 'Agent Two, Offline' });
  });

  it('refetches after a resync frame', async () => {
    const { requests } = startServer({ me, staff: [colleague] });
    renderApp('/live');
    await screen.findByRole('listitem', { name: 'Agent Two, Available' });
    const socket = await openedSocket();
    await waitFor(() =>
      expect(requests.filter((r) => r.url.endsWith('/api/staff'))).toHaveLength(2),
    );
    const meCalls = requests.filter(
      (r) => r.method === 'GET' && r.url.endsWith('/api/session'),
    ).length;

    act(() => socket.receive({ seq: 9, type: 'resync', data: { reason: 'gap too large' } }));

    await waitFor(() =>
      expect(requests.filter((r) => r.url.endsWith('/api/staff'))).toHaveLength(3),
    );
    await waitFor(() =>
      expect(
        requests.filter((r) => r.method === 'GET' && r.url.endsWith('/api/session')).length,
      ).toBe(meCalls + 1),
    );
  });

  it('shows Reconnecting… while the socket is down', async () => {
    startServer({ me, staff: [] });
    renderApp('/live');
    const socket = await openedSocket();
    expect(screen.queryByText('Reconnecting…')).toBeNull();

    act(() => socket.drop());
    expect(await screen.findByText('Reconnecting…')).toBeTruthy();
  });

  it('goes back to sign-in and forgets cached data when the socket closes with 4401', async () => {
    const state: ServerState = { me, staff: [colleague] };
    startServer(state);
    const queryClient = renderApp('/live');
    await screen.findByRole('listitem', { name: 'Agent Two, Available' });
    const socket = await openedSocket();

    state.me = null;
    act(() => socket.drop(4401));

    await screen.findByRole('heading', { name: 'Sign in to your desk' });
    expect(queryClient.getQueryData(['staff'])).toBeUndefined();
  });

  it('goes back to sign-in when the socket is refused because the session expired', async () => {
    const state: ServerState = { me, staff: [] };
    startServer(state);
    renderApp('/live');
    await screen.findByRole('heading', { level: 1, name: 'Live' });
    await waitFor(() => expect(FakeSocket.instances.length).toBeGreaterThan(0));

    state.me = null; // the server now answers 401, also to the upgrade
    act(() => FakeSocket.latest().drop());

    await screen.findByRole('heading', { name: 'Sign in to your desk' });
  });

  it('keeps the desk when the socket fails but the session is fine', async () => {
    startServer({ me, staff: [] });
    renderApp('/live');
    await screen.findByRole('heading', { level: 1, name: 'Live' });
    await waitFor(() => expect(FakeSocket.instances.length).toBeGreaterThan(0));

    act(() => FakeSocket.latest().drop());

    expect(await screen.findByText('Reconnecting…')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Live' })).toBeTruthy();
  });

  it('signs out through DELETE /api/session', async () => {
    const { requests } = startServer({ me, staff: [] });
    renderApp('/live');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    await screen.findByRole('heading', { name: 'Sign in to your desk' });
    expect(requests.some((r) => r.method === 'DELETE' && r.url.endsWith('/api/session'))).toBe(
      true,
    );
  });

  it('opens the shortcuts sheet with ? and closes it with Escape', async () => {
    startServer({ me, staff: [] });
    renderApp('/live');
    await screen.findByRole('heading', { level: 1, name: 'Live' });

    fireEvent.keyDown(document.body, { key: '?', shiftKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Next chat')).toBeTruthy();

    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
