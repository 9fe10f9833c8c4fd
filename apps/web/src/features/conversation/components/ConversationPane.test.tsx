import type { Chat, Message, TimelineItem } from '@parley/contract';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildChat, buildEvent, buildMe, buildMessage } from '../../../test/fixtures.ts';
import { deferred, json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { ConversationPane } from './ConversationPane.tsx';

const me = buildMe({ id: 'agent-lerato', name: 'Lerato Mokoena' });
const meSummary = { id: me.id, name: me.name, role: me.role };

type Setup = {
  chat?: Partial<Chat>;
  items?: TimelineItem[];
  send?: (body: { text: string; clientId: string }) => Response | Promise<Response>;
  viewer?: typeof me;
};

function setup({ chat: overrides = {}, items = [], send, viewer = me }: Setup = {}) {
  const chat = buildChat({ id: 'chat-1', assignee: meSummary, ...overrides });
  const sent: { text: string; clientId: string }[] = [];
  const http = mockFetch([
    { path: '/api/chats/chat-1', reply: () => json(chat) },
    { path: '/api/chats/chat-1/timeline?limit=50', reply: () => json({ items, nextCursor: null }) },
    {
      method: 'POST',
      path: '/api/chats/chat-1/read',
      reply: () => new Response(null, { status: 204 }),
    },
    {
      method: 'POST',
      path: '/api/chats/chat-1/monitor',
      reply: () =>
        json({ id: 'mon-1', chatId: 'chat-1', startedAt: new Date().toISOString() }, 201),
    },
    {
      method: 'POST',
      path: '/api/monitors/mon-1/end',
      reply: () => new Response(null, { status: 204 }),
    },
    {
      method: 'POST',
      path: '/api/chats/chat-1/messages',
      reply: async (request) => {
        const body = (await request.json()) as { text: string; clientId: string };
        sent.push(body);
        return send ? send(body) : json(serverMessage(body, 'queued'), 201);
      },
    },
  ]);
  const view = renderWithRealtime(<ConversationPane chatId="chat-1" me={viewer} />);
  return { ...view, ...http, chat, sent };
}

function serverMessage(body: { text: string; clientId: string }, status: Message['status']) {
  return buildMessage({
    id: `server-${body.clientId}`,
    chatId: 'chat-1',
    direction: 'out',
    text: body.text,
    author: { kind: 'staff', id: me.id, name: me.name },
    status,
    clientId: body.clientId,
    createdAt: new Date().toISOString(),
    seq: 10,
  });
}

const composer = () => screen.findByRole('textbox', { name: 'Reply to Thandi Nkosi' });

function type(field: HTMLElement, text: string) {
  fireEvent.change(field, { target: { value: text } });
}

describe('ConversationPane', () => {
  it('shows events as grey lines between customer bubbles (left) and staff bubbles (right)', async () => {
    setup({
      items: [
        { ...buildEvent({ type: 'queued', seq: 1 }), kind: 'event' },
        {
          ...buildEvent({
            type: 'assigned',
            seq: 2,
            data: { to: { id: me.id, name: 'Lerato Mokoena' }, by: 'routing' },
          }),
          kind: 'event',
        },
        {
          ...buildMessage({ seq: 3, chatId: 'chat-1', text: 'Where is my parcel?' }),
          kind: 'message',
        },
        {
          ...buildMessage({
            seq: 4,
            chatId: 'chat-1',
            direction: 'out',
            text: 'Let me check for you.',
            author: { kind: 'staff', id: me.id, name: me.name },
            status: 'delivered',
          }),
          kind: 'message',
        },
        {
          ...buildEvent({
            type: 'closed',
            seq: 5,
            actor: { kind: 'staff', ...meSummary },
            data: { sentiment: 'neutral', tag: null },
          }),
          kind: 'event',
        },
      ],
    });

    const log = await screen.findByRole('log', { name: 'Messages with Thandi Nkosi' });
    const lines = [...log.querySelectorAll('.event-line')].map((line) => line.textContent);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Queued · \S/);
    expect(lines[1]).toMatch(/^Assigned to Lerato Mokoena by routing · \S/);
    expect(lines[2]).toMatch(/^Closed by Lerato Mokoena · neutral · \S/);

    const customer = within(log).getByText('Where is my parcel?').closest('li');
    const staff = within(log).getByText('Let me check for you.').closest('li');
    expect(customer?.className).toContain('msg--in');
    expect(staff?.className).toContain('msg--out');
    expect(within(staff!).getByRole('img', { name: 'Delivered' })).toBeTruthy();
    // Order on screen follows seq.
    const texts = [...log.querySelectorAll('.event-line, .msg__bubble')].map((n) => n.textContent);
    expect(texts[2]).toBe('Where is my parcel?');
    expect(texts[3]).toBe('Let me check for you.');
  });

  it("joins the chat's room while it is open and leaves it afterwards", async () => {
    const { open, socket, unmount } = setup();
    await composer();
    open();
    expect(socket().messages()).toContainEqual({ type: 'subscribe', room: 'chat:chat-1' });

    unmount();
    expect(socket().closedWith).toBe(1000);
  });

  it('shows a sent message at once, and only once when message.created beats the POST answer', async () => {
    const answer = deferred<Response>();
    const { open, push, sent } = setup({ send: () => answer.promise });
    open();
    const field = await composer();

    type(field, 'It ships today.');
    fireEvent.keyDown(field, { key: 'Enter' });

    // Optimistic: on screen before the server said anything, marked as sending.
    const pending = (await screen.findByText('It ships today.')).closest('li')!;
    expect(within(pending).getByRole('img', { name: 'Sending' })).toBeTruthy();
    expect((field as HTMLTextAreaElement).value).toBe('');
    await waitFor(() => expect(sent).toHaveLength(1));
    const body = sent[0]!;
    expect(body.clientId).toMatch(/[0-9a-f-]{36}/);

    // The frame arrives first...
    push('message.created', serverMessage(body, 'queued'));
    await waitFor(() =>
      expect(screen.getByText('It ships today.').closest('li')?.dataset.pending).toBeUndefined(),
    );
    expect(screen.getAllByText('It ships today.')).toHaveLength(1);
    expect(screen.getByRole('img', { name: 'Queued' })).toBeTruthy();

    // ...then the POST answer, already a step further along.
    await act(async () => answer.resolve(json(serverMessage(body, 'sent'), 201)));
    await screen.findByRole('img', { name: 'Sent' });
    expect(screen.getAllByText('It ships today.')).toHaveLength(1);
  });

  it('keeps one bubble when the POST answer comes before the frame', async () => {
    const { open, push, sent } = setup();
    open();
    const field = await composer();
    type(field, 'Hello again');
    fireEvent.keyDown(field, { key: 'Enter' });
    await screen.findByRole('img', { name: 'Queued' });

    push('message.created', serverMessage(sent[0]!, 'queued'));
    push('message.updated', serverMessage(sent[0]!, 'read'));
    await screen.findByRole('img', { name: 'Seen' });
    expect(screen.getAllByText('Hello again')).toHaveLength(1);
  });

  it('sends on Enter and Ctrl+Enter, and leaves Shift+Enter to make a new line', async () => {
    const { sent } = setup();
    const field = await composer();

    type(field, 'first line');
    const notPrevented = fireEvent.keyDown(field, { key: 'Enter', shiftKey: true });
    expect(notPrevented).toBe(true);
    expect((field as HTMLTextAreaElement).value).toBe('first line');

    type(field, 'first line\nsecond line');
    expect(fireEvent.keyDown(field, { key: 'Enter' })).toBe(false);
    await waitFor(() => expect(sent.map((b) => b.text)).toEqual(['first line\nsecond line']));

    type(field, 'by ctrl');
    fireEvent.keyDown(field, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(sent.map((b) => b.text)).toHaveLength(2));
    expect(sent[1]!.text).toBe('by ctrl');

    // Nothing to send: nothing sent.
    fireEvent.keyDown(field, { key: 'Enter' });
    type(field, '   ');
    fireEvent.keyDown(field, { key: 'Enter' });
    await act(async () => undefined);
    expect(sent).toHaveLength(2);
  });

  it('says why a message was not sent, and retries it with the same clientId', async () => {
    let attempts = 0;
    const { sent } = setup({
      send: (body) =>
        ++attempts === 1
          ? problem(409, 'The customer opted out with //stop.')
          : json(serverMessage(body, 'queued'), 201),
    });
    const field = await composer();
    type(field, 'Are you there?');
    fireEvent.keyDown(field, { key: 'Enter' });

    const failure = await screen.findByRole('alert');
    expect(failure.textContent).toContain('Not sent: The customer opted out with //stop.');
    fireEvent.click(within(failure).getByRole('button', { name: 'Retry' }));

    await screen.findByRole('img', { name: 'Queued' });
    expect(sent).toHaveLength(2);
    expect(sent[1]!.clientId).toBe(sent[0]!.clientId);
    expect(screen.getAllByText('Are you there?')).toHaveLength(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('blocks writing in a closed chat and tells a supervisor they are watching', async () => {
    setup({ chat: { status: 'closed' } });
    expect(await screen.findByText('This chat is closed. Reopen it to write.')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByRole('button', { name: 'Reopen' })).toBeTruthy();
  });

  it('shows a supervisor observing a colleague’s chat a banner in place of the composer and records the visit', async () => {
    const { requests, unmount } = setup({
      chat: { assignee: { id: 'someone', name: 'Sam Agent', role: 'agent' } },
      viewer: buildMe({ id: 'sup', role: 'supervisor', name: 'Sue Pervisor' }),
    });
    expect(
      await screen.findByText(
        'You are observing Sam Agent’s chat. Only its agent writes to the customer.',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
    // Assign and Close stay within reach from here.
    expect(screen.getByRole('button', { name: 'Assign…' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Close…' })).toBeTruthy();

    const paths = () =>
      requests.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname);
    await waitFor(() => expect(paths()).toContain('/api/chats/chat-1/monitor'));
    unmount();
    expect(paths().filter((path) => path.includes('monitor'))).toEqual([
      '/api/chats/chat-1/monitor',
      '/api/monitors/mon-1/end',
    ]);
  });

  it('does not monitor a supervisor’s own chat, a queued chat, or an agent’s', async () => {
    const supervisor = buildMe({ id: 'sup', role: 'supervisor', name: 'Sue Pervisor' });
    const cases: Setup[] = [
      {
        chat: { assignee: { id: 'sup', name: 'Sue Pervisor', role: 'supervisor' } },
        viewer: supervisor,
      },
      { chat: { status: 'queued', assignee: null }, viewer: supervisor },
      { chat: { assignee: { id: 'someone', name: 'Sam Agent', role: 'agent' } } },
    ];
    for (const options of cases) {
      const { requests, unmount } = setup(options);
      await screen.findByRole('log', { name: 'Messages with Thandi Nkosi' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(requests.some((r) => new URL(r.url).pathname.includes('monitor'))).toBe(false);
      expect(screen.queryByText(/You are observing/)).toBeNull();
      unmount();
    }
  });

  it('adds events and messages from frames in seq order, each once', async () => {
    const { open, push } = setup({
      items: [
        { ...buildMessage({ id: 'm1', chatId: 'chat-1', seq: 1, text: 'one' }), kind: 'message' },
      ],
    });
    open();
    const log = await screen.findByRole('log');
    await within(log).findByText('one');

    push('event.created', buildEvent({ id: 'e3', chatId: 'chat-1', type: 'pending', seq: 3 }));
    push('message.created', buildMessage({ id: 'm2', chatId: 'chat-1', seq: 2, text: 'two' }));
    push('message.created', buildMessage({ id: 'm2', chatId: 'chat-1', seq: 2, text: 'two' }));
    push(
      'message.created',
      buildMessage({ id: 'x', chatId: 'other-chat', seq: 4, text: 'elsewhere' }),
    );

    await within(log).findByText('two');
    const order = [...log.querySelectorAll('.event-line, .msg__bubble')].map(
      (n) => n.textContent?.split(' · ')[0],
    );
    expect(order).toEqual(['one', 'two', 'Marked pending']);
    expect(within(log).queryByText('elsewhere')).toBeNull();
  });
});
