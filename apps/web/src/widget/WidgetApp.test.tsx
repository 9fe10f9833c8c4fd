import type { WidgetMessage } from '@parley/contract';
import { plainMessageExtras } from '@parley/contract';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/FakeSocket.ts';
import { deferred, json, mockFetch, problem } from '../test/http.ts';
import { WidgetApp } from './WidgetApp.tsx';

const base = '/api/widget/demo-webchat';

function message(over: Partial<WidgetMessage>): WidgetMessage {
  return {
    id: 'm-1',
    chatId: 'chat-1',
    direction: 'in',
    text: 'Hello',
    author: { kind: 'customer', name: 'Naledi' },
    status: 'received',
    createdAt: new Date().toISOString(),
    clientId: null,
    ...plainMessageExtras(),
    ...over,
  };
}

beforeEach(() => {
  FakeSocket.reset();
  vi.stubGlobal('WebSocket', FakeSocket);
});

/** The socket opens in an effect after the session starts; wait for it rather than assume it. */
async function connectSocket() {
  const socket = await waitFor(() => FakeSocket.latest());
  act(() => {
    socket.open();
    socket.receive({ seq: 1, type: 'hello', data: { staffId: '', rooms: [] } });
  });
  return socket;
}

describe('the chat page', () => {
  it('asks for a number and name, and shows an unreadable number under its field', async () => {
    const { requests } = mockFetch([
      { path: `${base}/session`, reply: () => json({ active: false }) },
      { path: `${base}/messages`, reply: () => problem(401, 'Start a chat first.') },
      {
        method: 'POST',
        path: `${base}/session`,
        reply: () =>
          problem(422, 'That is not a phone number we can read.', {
            errors: [{ field: 'phone', message: 'bad' }],
          }),
      },
    ]);
    render(<WidgetApp channelId="demo-webchat" />);
    const phone = await screen.findByLabelText('Your phone number');
    // Without a session the conversation is not asked for: no 401 in the console.
    const asked = requests.filter((r) => r.method === 'GET').map((r) => new URL(r.url).pathname);
    expect(asked).toContain(`${base}/session`);
    expect(asked).not.toContain(`${base}/messages`);
    expect(screen.getByText('We use it to find your earlier conversations.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    expect(screen.getByText('Enter your phone number.')).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    fireEvent.change(phone, { target: { value: '082 555' } });
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Naledi' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    await screen.findByText('We can’t read that number. Check it and try again.');
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(phone);
    expect(await requests.at(-1)?.json()).toEqual({ phone: '082 555', name: 'Naledi' });
  });

  it('starts a chat, sends optimistically, and shows the team’s reply from the socket', async () => {
    const answer = deferred<Response>();
    let sessions = 0;
    const { requests } = mockFetch([
      { path: `${base}/session`, reply: () => json({ active: sessions > 0 }) },
      {
        path: `${base}/messages`,
        // No session on arrival; once started, the socket's hello reloads an empty conversation.
        reply: () =>
          sessions === 0 ? problem(401, 'Start a chat first.') : json({ items: [], chat: null }),
      },
      {
        method: 'POST',
        path: `${base}/session`,
        reply: () => {
          sessions += 1;
          return json({ customer: { name: 'Naledi', phone: '+27 82 555 0199' }, chat: null }, 201);
        },
      },
      { method: 'POST', path: `${base}/messages`, reply: () => answer.promise },
    ]);
    render(<WidgetApp channelId="demo-webchat" />);
    fireEvent.change(await screen.findByLabelText('Your phone number'), {
      target: { value: '082 555 0199' },
    });
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Naledi' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));

    const box = await screen.findByLabelText('Message');
    expect(screen.getByText('Hi Naledi!')).toBeTruthy();
    const socket = await connectSocket();
    expect(socket.url).toBe(`ws://${window.location.host}${base}/realtime`);

    fireEvent.change(box, { target: { value: 'Where is my kettle?' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    const conversation = screen.getByRole('region', { name: 'Conversation' });
    expect(within(conversation).getByText('Where is my kettle?')).toBeTruthy();
    expect(within(conversation).getByText('Sending…')).toBeTruthy();
    const sent = await requests
      .find((r) => r.method === 'POST' && r.url.endsWith('/messages'))
      ?.json();
    expect(sent).toMatchObject({ text: 'Where is my kettle?', clientId: expect.any(String) });

    const stored = message({ text: 'Where is my kettle?', clientId: sent.clientId });
    await act(async () =>
      answer.resolve(json({ accepted: true, duplicate: false, chatId: 'chat-1', message: stored })),
    );
    await waitFor(() => expect(within(conversation).queryByText('Sending…')).toBeNull());

    act(() => socket.receive({ seq: 2, type: 'message.created', data: stored }));
    act(() =>
      socket.receive({
        seq: 3,
        type: 'message.created',
        data: message({
          id: 'm-2',
          direction: 'out',
          text: 'It arrives tomorrow.',
          author: { kind: 'staff', name: 'Sam' },
          status: 'sent',
        }),
      }),
    );
    expect(within(conversation).getAllByText('Where is my kettle?')).toHaveLength(1);
    expect(within(conversation).getByText('It arrives tomorrow.')).toBeTruthy();
    expect(within(conversation).getByText('Sam')).toBeTruthy();
    expect(document.querySelector('[aria-live="polite"]')?.textContent).toBe(
      'Sam: It arrives tomorrow.',
    );
  });

  it('resumes the conversation on reload, and ends the chat after a confirmation', async () => {
    const { requests } = mockFetch([
      { path: `${base}/session`, reply: () => json({ active: true }) },
      {
        path: `${base}/messages`,
        reply: () =>
          json({
            items: [message({ text: 'Still there?' })],
            chat: { id: 'chat-1', status: 'live' },
          }),
      },
      { method: 'POST', path: `${base}/end`, reply: () => new Response(null, { status: 204 }) },
    ]);
    render(<WidgetApp channelId="demo-webchat" />);
    await screen.findByText('Still there?');
    expect(screen.queryByLabelText('Your phone number')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'End chat' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'End chat' }));
    await screen.findByText('Chat ended. Write again any time to start a new one.');
    expect(requests.at(-1)?.url).toContain(`${base}/end`);
    expect(screen.queryByRole('button', { name: 'End chat' })).toBeNull();
    expect(screen.getByLabelText('Message').getAttribute('placeholder')).toBe(
      'Write to start a new chat…',
    );
  });

  it('says so when the link leads to no chat', async () => {
    mockFetch([{ path: `${base}/session`, reply: () => problem(404, 'No such chat.') }]);
    render(<WidgetApp channelId="demo-webchat" />);
    await screen.findByText('This chat isn’t available');
  });
});
