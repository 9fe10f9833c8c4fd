import type { Notification } from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { createTestQueryClient } from '../../../test/render.tsx';
import { NotificationBell } from './NotificationBell.tsx';

let serial = 0;
function buildNotification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: `notification-${++serial}`,
    kind: 'mention',
    chatId: 'chat-1',
    data: { by: { id: 'staff-lerato', name: 'Lerato Mokoena' } },
    createdAt: new Date(Date.now() - 2 * 60_000).toISOString(),
    readAt: null,
    ...overrides,
  };
}

function renderBell(initial: { items: Notification[]; unread: number }) {
  const http = mockFetch([
    { path: '/api/notifications', reply: () => json(initial) },
    {
      method: 'POST',
      path: '/api/notifications/read',
      reply: () => new Response(null, { status: 204 }),
    },
  ]);
  const view = renderWithRealtime(<NotificationBell />);
  const reads = () => http.requests.filter((r) => r.method === 'POST').length;
  return { ...view, ...http, reads };
}

describe('NotificationBell', () => {
  it('counts unread mentions, adds one when a frame arrives, and resets when opened', async () => {
    const older = buildNotification({
      data: { by: { id: 'staff-sam', name: 'Sam Super' } },
      createdAt: new Date(Date.now() - 60 * 60_000).toISOString(),
    });
    const { open, push, reads } = renderBell({ items: [older], unread: 1 });
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    expect(within(bell).getByText('1')).toBeTruthy();

    open();
    push('notification.created', buildNotification({ id: 'fresh' }));
    await waitFor(() => expect(bell.getAttribute('aria-label')).toBe('Notifications, 2 unread'));
    expect(within(bell).getByText('2')).toBeTruthy();

    fireEvent.click(bell);
    const dialog = await screen.findByRole('dialog', { name: 'Notifications' });
    await waitFor(() => expect(bell.getAttribute('aria-label')).toBe('Notifications, 0 unread'));
    expect(within(bell).queryByText(/\d/)).toBeNull();
    await waitFor(() => expect(reads()).toBe(1));

    const links = within(dialog).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/tagged/chat-1',
      '/tagged/chat-1',
    ]);
    expect(links[0]!.textContent).toMatch(/^Lerato Mokoena tagged you · 2 m, new/);
    expect(links[1]!.textContent).toMatch(/^Sam Super tagged you · 1 h, new/);
    // The count stays at zero: what is shown while open is read.
    push('notification.created', buildNotification({ id: 'while-open' }));
    await waitFor(() => expect(within(dialog).getAllByRole('link')).toHaveLength(3));
    expect(bell.getAttribute('aria-label')).toBe('Notifications, 0 unread');
  });

  it('shows mentions that arrive while open at the top, read at once', async () => {
    const { open, push, reads } = renderBell({ items: [], unread: 0 });
    const bell = await screen.findByRole('button', { name: 'Notifications, 0 unread' });
    open();
    fireEvent.click(bell);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Nothing new.')).toBeTruthy();
    expect(reads()).toBe(0);

    push('notification.created', buildNotification({ createdAt: new Date().toISOString() }));
    await within(dialog).findByRole('link', {
      name: /^Lerato Mokoena tagged you · now, new In a live chat$/,
    });
    expect(bell.getAttribute('aria-label')).toBe('Notifications, 0 unread');
    await waitFor(() => expect(reads()).toBe(1));
  });

  it('closes with Esc and gives focus back to the bell', async () => {
    renderBell({ items: [buildNotification({ readAt: new Date().toISOString() })], unread: 0 });
    const bell = await screen.findByRole('button', { name: 'Notifications, 0 unread' });
    bell.focus();
    fireEvent.click(bell);
    const dialog = await screen.findByRole('dialog');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(bell);
  });

  it('closes when a mention is opened', async () => {
    renderBell({ items: [buildNotification()], unread: 1 });
    fireEvent.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    const link = await screen.findByRole('link', { name: /Lerato Mokoena tagged you/ });
    fireEvent.click(link);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(window.location.pathname).toBe('/tagged/chat-1');
  });

  it('says when the notifications cannot be loaded, with a retry', async () => {
    mockFetch([{ path: '/api/notifications', reply: () => problem(500, 'Boom') }]);
    renderWithRealtime(<NotificationBell />);
    fireEvent.click(screen.getByRole('button', { name: 'Notifications, 0 unread' }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText("Couldn't load your notifications.");
    expect(within(dialog).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('says every kind in a sentence with a link that opens the chat', async () => {
    const two = { id: 'staff-agent-2', name: 'Agent Two' };
    renderBell({
      items: [
        buildNotification({
          id: 'a',
          kind: 'transfer_offer',
          chatId: 'chat-a',
          data: { by: two, customer: { name: 'Thandi' } },
        }),
        buildNotification({
          id: 'b',
          kind: 'transfer_rejected',
          chatId: 'chat-b',
          data: { by: two, reason: 'At lunch', customer: { name: 'Sipho' } },
        }),
        buildNotification({
          id: 'c',
          kind: 'transfer_returned',
          chatId: 'chat-c',
          data: { customer: { name: 'Lindiwe' } },
        }),
        buildNotification({
          id: 'd',
          kind: 'reply_timeout',
          chatId: 'chat-d',
          data: { customer: { name: 'Thandi' } },
        }),
      ],
      unread: 4,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Notifications, 4 unread' }));
    const dialog = await screen.findByRole('dialog');
    const links = within(dialog).getAllByRole('link');
    expect(
      links.map((link) => [link.getAttribute('href'), link.textContent!.split(' · ')[0]]),
    ).toEqual([
      ['/live/chat-a', 'Agent Two offers you the chat with Thandi'],
      ['/live/chat-b', 'Agent Two rejected your transfer of the chat with Sipho: At lunch'],
      [
        '/live/chat-c',
        'Nobody accepted your transfer of the chat with Lindiwe in time; it is still yours',
      ],
      ['/queue/chat-d', 'Chat with Thandi went back to the queue: no reply in time'],
    ]);
  });

  it('drops the count to 0 when another tab read the bell', async () => {
    const { open, push, reads } = renderBell({ items: [buildNotification()], unread: 1 });
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    open();
    push('notifications.read', { at: new Date().toISOString() });
    await waitFor(() => expect(bell.getAttribute('aria-label')).toBe('Notifications, 0 unread'));
    expect(within(bell).queryByText(/\d/)).toBeNull();
    // This tab sent nothing: the other one did the reading.
    expect(reads()).toBe(0);
  });

  it('names the customer of an offer from the transfer inbox the desk already has', async () => {
    const queryClient = createTestQueryClient();
    queryClient.setQueryData(['transfers', 'inbox'], {
      incoming: [
        {
          id: 't1',
          chatId: 'chat-offered',
          preview: {
            customer: { id: 'c1', phone: '+27821234567', name: 'Naledi Dube' },
            channel: { id: 'ch', kind: 'whatsapp', name: 'Demo' },
            messages: [],
          },
        },
      ],
      outgoing: [],
    });
    mockFetch([
      {
        path: '/api/notifications',
        reply: () =>
          json({
            items: [
              buildNotification({
                kind: 'transfer_offer',
                chatId: 'chat-offered',
                data: { from: { id: 's2', name: 'Agent Two' }, note: '' },
              }),
            ],
            unread: 1,
          }),
      },
      {
        method: 'POST',
        path: '/api/notifications/read',
        reply: () => new Response(null, { status: 204 }),
      },
    ]);
    renderWithRealtime(<NotificationBell />, queryClient);
    fireEvent.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    expect(
      await screen.findByRole('link', { name: /^Agent Two offers you the chat with Naledi Dube/ }),
    ).toBeTruthy();
  });
});
