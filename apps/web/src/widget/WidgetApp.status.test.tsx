import type { WidgetChat } from '@parley/contract';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/FakeSocket.ts';
import { json, mockFetch, problem } from '../test/http.ts';
import { WidgetApp } from './WidgetApp.tsx';

const base = '/api/widget/demo-webchat';
const activeSession = { path: `${base}/session`, reply: () => json({ active: true }) };

const chat = (over: Partial<WidgetChat>): WidgetChat => ({
  id: 'chat-1',
  status: 'queued',
  kind: 'chat',
  queue: null,
  agent: null,
  ticket: null,
  ...over,
});

const loaded = (state: WidgetChat) => ({
  path: `${base}/messages`,
  reply: () => json({ items: [], chat: state, verified: true, canVerify: false, phone: '' }),
});

beforeEach(() => {
  FakeSocket.reset();
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => vi.useRealTimers());

const statusLine = () =>
  within(screen.getByRole('region', { name: 'What happens next' })).getByRole('status');

describe('what happens next, in the widget', () => {
  it('shows the place in the queue in a polite status line, then who joined', async () => {
    mockFetch([activeSession, loaded(chat({ queue: { position: 3, expectedWaitMinutes: 4 } }))]);
    render(<WidgetApp channelId="demo-webchat" />);
    await waitFor(() =>
      expect(statusLine().textContent).toBe('You are number 3 in the queue · about 4 min'),
    );
    const socket = await waitFor(() => FakeSocket.latest());
    act(() => {
      socket.open();
      socket.receive({ seq: 1, type: 'hello', data: { staffId: '', rooms: [] } });
    });
    act(() =>
      socket.receive({
        seq: 2,
        type: 'widget.chat',
        data: chat({ status: 'live', agent: { firstName: 'Naledi' } }),
      }),
    );
    await waitFor(() => expect(statusLine().textContent).toBe('Naledi joined'));
    expect(screen.queryByLabelText(/Leave an email or number/)).toBeNull();
  });

  it('asks for its place again every 15 s while queued, and stops once taken', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let asked = 0;
    mockFetch([
      activeSession,
      loaded(chat({ queue: { position: 2, expectedWaitMinutes: null } })),
      {
        path: `${base}/chat`,
        reply: () => {
          asked += 1;
          return json({
            chat:
              asked === 1
                ? chat({ queue: { position: 1, expectedWaitMinutes: null } })
                : chat({ status: 'live', agent: { firstName: 'Sam' } }),
          });
        },
      },
    ]);
    render(<WidgetApp channelId="demo-webchat" />);
    await waitFor(() => expect(statusLine().textContent).toBe('You are number 2 in the queue'));
    await act(() => vi.advanceTimersByTimeAsync(15_000));
    await waitFor(() => expect(statusLine().textContent).toBe('You are next in the queue'));
    await act(() => vi.advanceTimersByTimeAsync(15_000));
    await waitFor(() => expect(statusLine().textContent).toBe('Sam joined'));
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(asked).toBe(2);
  });

  it('tells a ticket why, and takes an email or number with a thanks', async () => {
    const { requests } = mockFetch([
      activeSession,
      loaded(
        chat({
          kind: 'ticket',
          ticket: { reason: 'nobody_available', contactLeft: false, opening: null },
        }),
      ),
      {
        method: 'POST',
        path: `${base}/contact`,
        reply: async (request) => {
          const body = (await request.clone().json()) as { contact: string };
          if (!body.contact.includes('@'))
            return problem(422, 'That is not an email address or a phone number we can read.');
          return json(
            chat({
              kind: 'ticket',
              ticket: { reason: 'nobody_available', contactLeft: true, opening: null },
            }),
          );
        },
      },
    ]);
    render(<WidgetApp channelId="demo-webchat" />);
    await waitFor(() => expect(statusLine().textContent).toBe('Nobody is free right now.'));
    const field = screen.getByLabelText('Leave an email or number and we’ll get back to you');
    const send = screen.getByRole('button', { name: 'Save' });

    fireEvent.click(send);
    expect((await screen.findByRole('alert', { name: '' })).textContent).toBe(
      'Enter an email address or a phone number.',
    );
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    fireEvent.change(field, { target: { value: 'call me' } });
    fireEvent.click(send);
    await screen.findByText('That is not an email address or a phone number we can read.');

    fireEvent.change(field, { target: { value: 'naledi@example.com' } });
    fireEvent.click(send);
    const thanks = await screen.findByText(/Thanks, we’ll get back to you/);
    expect(await requests.at(-1)?.json()).toEqual({
      chatId: 'chat-1',
      contact: 'naledi@example.com',
    });
    expect(document.activeElement).toBe(thanks);
    expect(
      screen.queryByLabelText('Leave an email or number and we’ll get back to you'),
    ).toBeNull();
  });

  it('says when the team opens again for an out-of-hours ticket', async () => {
    const opening = new Date(Date.now() + 2 * 86_400_000);
    opening.setHours(9, 0, 0, 0);
    mockFetch([
      activeSession,
      loaded(
        chat({
          kind: 'ticket',
          ticket: { reason: 'out_of_hours', contactLeft: true, opening: opening.toISOString() },
        }),
      ),
    ]);
    render(<WidgetApp channelId="demo-webchat" />);
    await waitFor(() =>
      expect(statusLine().textContent).toMatch(/^We’re closed right now; we open again \w+ at /),
    );
    // A way back was left already: the thanks, without taking the focus from the composer.
    const thanks = screen.getByText(/Thanks, we’ll get back to you/);
    expect(document.activeElement).not.toBe(thanks);
  });
});
