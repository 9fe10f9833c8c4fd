import type { WidgetMessage } from '@parley/contract';
import { plainMessageExtras } from '@parley/contract';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/FakeSocket.ts';
import { json, mockFetch } from '../test/http.ts';
import { WidgetApp } from './WidgetApp.tsx';

const base = '/api/widget/demo-webchat';

const fromSam = (id: string, text: string): WidgetMessage => ({
  id,
  chatId: 'chat-1',
  direction: 'out',
  text,
  author: { kind: 'staff', name: 'Sam' },
  status: 'sent',
  createdAt: new Date().toISOString(),
  clientId: null,
  ...plainMessageExtras(),
});

beforeEach(() => {
  FakeSocket.reset();
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.spyOn(document, 'hasFocus').mockReturnValue(true);
});
afterEach(() => vi.restoreAllMocks());

function desk() {
  return mockFetch([
    { path: `${base}/session`, reply: () => json({ active: true }) },
    {
      path: `${base}/messages`,
      reply: () =>
        json({
          items: [fromSam('m-1', 'Hi, how can I help?')],
          chat: {
            id: 'chat-1',
            status: 'live',
            kind: 'chat',
            queue: null,
            agent: { firstName: 'Sam' },
            ticket: null,
          },
          verified: true,
          canVerify: false,
          phone: '',
        }),
    },
    { method: 'POST', path: `${base}/seen`, reply: () => new Response(null, { status: 204 }) },
  ]);
}

async function connected() {
  const socket = await waitFor(() => FakeSocket.latest());
  act(() => {
    socket.open();
    socket.receive({ seq: 5, type: 'hello', data: { staffId: '', rooms: [] } });
  });
  return socket;
}

const typingLine = () => document.querySelector('.widget-typing');

describe('the widget feels the team', () => {
  it('says it is a person, shows the agent typing until the message comes', async () => {
    desk();
    render(<WidgetApp channelId="demo-webchat" />);
    expect(screen.getByText('You’re chatting with a person from our team')).toBeTruthy();
    await screen.findByText('Hi, how can I help?');
    const socket = await connected();
    act(() =>
      socket.receive({
        seq: 0,
        type: 'typing',
        data: {
          chatId: 'chat-1',
          who: { kind: 'staff', name: 'Sam' },
          comment: false,
          until: new Date(Date.now() + 6000).toISOString(),
        },
      }),
    );
    expect(typingLine()?.textContent).toBe('Sam is typing…');
    act(() =>
      socket.receive({ seq: 6, type: 'message.created', data: fromSam('m-2', 'Found it!') }),
    );
    await screen.findByText('Found it!');
    expect(typingLine()?.textContent).toBe('');
  });

  it('lets the indicator expire by itself', async () => {
    desk();
    render(<WidgetApp channelId="demo-webchat" />);
    await screen.findByText('Hi, how can I help?');
    const socket = await connected();
    act(() =>
      socket.receive({
        seq: 0,
        type: 'typing',
        data: {
          chatId: 'chat-1',
          who: { kind: 'staff', name: 'Sam' },
          comment: false,
          until: new Date(Date.now() + 50).toISOString(),
        },
      }),
    );
    expect(typingLine()?.textContent).toBe('Sam is typing…');
    await waitFor(() => expect(typingLine()?.textContent).toBe(''));
  });

  it('tells the team the visitor types, at most every 3 s', async () => {
    desk();
    render(<WidgetApp channelId="demo-webchat" />);
    await screen.findByText('Hi, how can I help?');
    const socket = await connected();
    const box = screen.getByLabelText('Message');
    fireEvent.change(box, { target: { value: 'W' } });
    fireEvent.change(box, { target: { value: 'Wh' } });
    fireEvent.change(box, { target: { value: 'Whe' } });
    expect(socket.sent.filter((s) => s.includes('typing'))).toEqual([
      JSON.stringify({ type: 'typing', chatId: 'chat-1' }),
    ]);
  });

  it('tells the server what the visitor has seen, once per new message', async () => {
    const { requests } = desk();
    render(<WidgetApp channelId="demo-webchat" />);
    await screen.findByText('Hi, how can I help?');
    const seen = () => requests.filter((r) => r.url.endsWith('/seen'));
    await waitFor(() => expect(seen()).toHaveLength(1));
    expect(await seen()[0]!.clone().json()).toEqual({ messageId: 'm-1' });
    const socket = await connected();
    act(() =>
      socket.receive({ seq: 6, type: 'message.created', data: fromSam('m-2', 'Found it!') }),
    );
    await waitFor(() => expect(seen()).toHaveLength(2));
    expect(await seen()[1]!.clone().json()).toEqual({ messageId: 'm-2' });
  });

  it('does not say "seen" while the page is not focused', async () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    const { requests } = desk();
    render(<WidgetApp channelId="demo-webchat" />);
    await screen.findByText('Hi, how can I help?');
    await connected();
    expect(requests.filter((r) => r.url.endsWith('/seen'))).toHaveLength(0);
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    act(() => window.dispatchEvent(new Event('focus')));
    await waitFor(() => expect(requests.filter((r) => r.url.endsWith('/seen'))).toHaveLength(1));
  });
});
