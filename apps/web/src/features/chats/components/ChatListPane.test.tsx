import type { Chat, Me } from '@parley/contract';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildChat, buildMe } from '../../../test/fixtures.ts';
import { json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { useChatSync } from '../hooks/useChatSync.ts';
import { findView } from '../views.ts';
import type { DeskView } from '../views.ts';
import { ChatListPane } from './ChatListPane.tsx';

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

let meCount = 0;
/** A fresh person per test, so what one test "opened" is not seen by another. */
function freshMe(): Me {
  return buildMe({ id: `agent-${++meCount}`, name: 'Agent One' });
}

function Harness({
  me,
  view,
  openChatId = null,
}: {
  me: Me;
  view: DeskView;
  openChatId?: string | null;
}) {
  useChatSync(me);
  return <ChatListPane view={view} me={me} openChatId={openChatId} />;
}

const liveView = findView('live', 'agent')!;
const listPath = (view: string, sort = 'activity') =>
  `/api/chats?view=${view}&sort=${sort}&limit=50`;

function rowNames() {
  const list = screen.getByRole('list', { name: 'Live' });
  return within(list)
    .getAllByRole('link')
    .map((link) => link.getAttribute('aria-label')?.split(',')[0]);
}

beforeEach(() => {
  localStorage.clear();
});

describe('ChatListPane', () => {
  it('shows each chat with its customer, last message, time and channel word', async () => {
    const me = freshMe();
    const mine = { id: me.id, name: me.name, role: me.role };
    mockFetch([
      {
        path: listPath('live'),
        reply: () =>
          json({
            items: [
              // The list's clock starts before the reply is made: half a minute of slack.
              buildChat({ id: 'a', assignee: mine, lastActivityAt: ago(2.5) }),
              buildChat({
                id: 'b',
                assignee: mine,
                flagged: true,
                customer: { id: 'c2', phone: '+27831112222', name: null },
                channel: { id: 'web', kind: 'webchat', name: 'Website' },
                lastMessage: { text: 'Thanks!', direction: 'out', at: ago(5) },
                lastActivityAt: ago(5),
              }),
            ],
            nextCursor: null,
          }),
      },
    ]);
    renderWithRealtime(<Harness me={me} view={liveView} />);

    const first = await screen.findByRole('link', { name: /^Thandi Nkosi, new, WhatsApp/ });
    expect(first.getAttribute('href')).toBe('/live/a');
    expect(within(first).getByText('Hello, my order is late')).toBeTruthy();
    expect(within(first).getByText('WA')).toBeTruthy();
    const time = within(first).getByText('2 m');
    expect(time.getAttribute('title')).toBeTruthy();

    const second = screen.getByRole('link', { name: /^\+27 83 111 2222, new, flagged, Web chat/ });
    expect(within(second).getByText('You: Thanks!')).toBeTruthy();
    expect(within(second).getByText('Web')).toBeTruthy();
  });

  it('moves a chat to the top when a chat.updated frame brings new activity', async () => {
    const me = freshMe();
    const mine = { id: me.id, name: me.name, role: me.role };
    const older = buildChat({ id: 'older', assignee: mine, lastActivityAt: ago(30) });
    const newer = buildChat({
      id: 'newer',
      assignee: mine,
      customer: { id: 'c9', phone: '+27820000000', name: 'Sipho Dube' },
      lastActivityAt: ago(10),
    });
    mockFetch([
      { path: listPath('live'), reply: () => json({ items: [newer, older], nextCursor: null }) },
    ]);
    const { open, push } = renderWithRealtime(<Harness me={me} view={liveView} />);
    await screen.findByRole('link', { name: /^Sipho Dube/ });
    expect(rowNames()).toEqual(['Sipho Dube', 'Thandi Nkosi']);
    open();

    push('chat.updated', {
      ...older,
      lastActivityAt: ago(0),
      lastCustomerActivityAt: ago(0),
      lastMessage: { text: 'Any news?', direction: 'in', at: ago(0) },
    } satisfies Chat);

    await waitFor(() => expect(rowNames()).toEqual(['Thandi Nkosi', 'Sipho Dube']));
    expect(screen.getByText('Any news?')).toBeTruthy();
  });

  it('removes a chat that leaves the view and adds one that joins it', async () => {
    const me = freshMe();
    const mine = { id: me.id, name: me.name, role: me.role };
    const staying = buildChat({ id: 'stay', assignee: mine, lastActivityAt: ago(20) });
    const leaving = buildChat({
      id: 'leave',
      assignee: mine,
      customer: { id: 'c3', phone: '+27820000001', name: 'Lerato Khumalo' },
      lastActivityAt: ago(15),
    });
    mockFetch([
      {
        path: listPath('live'),
        reply: () => json({ items: [leaving, staying], nextCursor: null }),
      },
    ]);
    const { open, push } = renderWithRealtime(<Harness me={me} view={liveView} />);
    await screen.findByRole('link', { name: /^Lerato Khumalo/ });
    open();

    push('chat.updated', { ...leaving, status: 'pending' } satisfies Chat);
    await waitFor(() => expect(rowNames()).toEqual(['Thandi Nkosi']));

    // Taken by a colleague: not mine any more, so not in my Live list either.
    push('chat.updated', {
      ...staying,
      assignee: { id: 'someone-else', name: 'Sam', role: 'agent' },
    } satisfies Chat);
    await screen.findByText('No live chats.');

    push('chat.updated', buildChat({ id: 'routed', assignee: mine, lastActivityAt: ago(0) }));
    await screen.findByRole('link', { name: /^Thandi Nkosi, new/ });
  });

  it('marks unseen customer activity with a dot and the word "unread", but not on the open chat', async () => {
    const me = freshMe();
    const mine = { id: me.id, name: me.name, role: me.role };
    const opened = ago(30);
    const base = { assignee: mine, lastActivityAt: ago(5) };
    mockFetch([
      {
        // What I read is the server's: it follows me to this browser.
        path: '/api/chats/reads',
        reply: () =>
          json({
            items: ['seen', 'written', 'open'].map((chatId) => ({ chatId, readAt: opened })),
          }),
      },
      {
        path: listPath('live'),
        reply: () =>
          json({
            items: [
              buildChat({
                ...base,
                id: 'seen',
                customer: { id: '1', phone: '+27820000011', name: 'Seen Already' },
                lastCustomerActivityAt: opened,
              }),
              buildChat({
                ...base,
                id: 'written',
                customer: { id: '2', phone: '+27820000012', name: 'Wrote Since' },
                lastCustomerActivityAt: ago(5),
              }),
              buildChat({
                ...base,
                id: 'open',
                customer: { id: '3', phone: '+27820000013', name: 'Open Now' },
                lastCustomerActivityAt: ago(5),
              }),
            ],
            nextCursor: null,
          }),
      },
    ]);
    renderWithRealtime(<Harness me={me} view={liveView} openChatId="open" />);

    const unread = await screen.findByRole('link', { name: /^Wrote Since, unread,/ });
    expect(within(unread).getByText('unread')).toBeTruthy();
    expect(unread.querySelector('.chat-row__dot')).not.toBeNull();
    const seen = screen.getByRole('link', { name: /^Seen Already, WhatsApp/ });
    expect(seen.querySelector('.chat-row__dot')).toBeNull();
    const open = screen.getByRole('link', { name: /^Open Now, WhatsApp/ });
    expect(open.getAttribute('aria-current')).toBe('page');
  });

  it('moves focus through the rows with j and k', async () => {
    const me = freshMe();
    const mine = { id: me.id, name: me.name, role: me.role };
    mockFetch([
      {
        path: listPath('live'),
        reply: () =>
          json({
            items: ['Ana', 'Ben', 'Cleo'].map((name, i) =>
              buildChat({
                id: name,
                assignee: mine,
                lastActivityAt: ago(i),
                customer: { id: name, phone: '+27820000020', name },
              }),
            ),
            nextCursor: null,
          }),
      },
    ]);
    renderWithRealtime(<Harness me={me} view={liveView} />);
    await screen.findByRole('link', { name: /^Ana/ });
    const focused = () => document.activeElement?.getAttribute('aria-label')?.split(',')[0];

    fireEvent.keyDown(document.body, { key: 'j' });
    expect(focused()).toBe('Ana');
    fireEvent.keyDown(document.activeElement!, { key: 'j' });
    fireEvent.keyDown(document.activeElement!, { key: 'j' });
    fireEvent.keyDown(document.activeElement!, { key: 'j' });
    expect(focused()).toBe('Cleo');
    fireEvent.keyDown(document.activeElement!, { key: 'k' });
    expect(focused()).toBe('Ben');
    expect(document.activeElement?.getAttribute('href')).toBe('/live/Ben');
  });

  it('opens the next chat with something unread after the open one with n', async () => {
    const me = freshMe();
    const mine = { id: me.id, name: me.name, role: me.role };
    mockFetch([
      {
        path: listPath('live'),
        reply: () =>
          json({
            items: ['Ana', 'Ben', 'Cleo'].map((name, i) =>
              buildChat({
                id: name,
                assignee: mine,
                lastActivityAt: ago(i),
                customer: { id: name, phone: '+27820000020', name },
              }),
            ),
            nextCursor: null,
          }),
      },
    ]);
    renderWithRealtime(<Harness me={me} view={liveView} openChatId="Ben" />);
    await screen.findByRole('link', { name: /^Ana/ });

    fireEvent.keyDown(document.body, { key: 'n', ctrlKey: true });
    expect(window.location.pathname).toBe('/');
    fireEvent.keyDown(document.body, { key: 'n' });
    // Past the open chat, not back to the first one.
    expect(window.location.pathname).toBe('/live/Cleo');
  });

  it('asks the server for the chosen order', async () => {
    const me = freshMe();
    const { requests } = mockFetch([
      { path: listPath('live'), reply: () => json({ items: [], nextCursor: null }) },
      { path: listPath('live', 'newest'), reply: () => json({ items: [], nextCursor: null }) },
    ]);
    renderWithRealtime(<Harness me={me} view={liveView} />);
    await screen.findByText('No live chats.');

    fireEvent.change(screen.getByLabelText('Sort chats'), { target: { value: 'newest' } });
    await waitFor(() => expect(requests.some((r) => r.url.includes('sort=newest'))).toBe(true));
  });

  it('lists the queue longest waiting first with each customer’s waiting clock, and slots a newcomer last', async () => {
    const me = freshMe();
    const queueView = findView('queue', 'agent')!;
    const queued = (id: string, name: string, minutes: number) =>
      buildChat({
        id,
        status: 'queued',
        assignee: null,
        customer: { id: `c-${id}`, phone: '+27820000010', name },
        queuedAt: ago(minutes),
        // Activity says nothing about the queue's order.
        lastActivityAt: ago(0),
      });
    const first = queued('q1', 'Naledi Moroka', 12);
    const second = queued('q2', 'Pieter Botha', 4.5);
    mockFetch([
      {
        path: listPath('queue', 'waiting'),
        reply: () => json({ items: [first, second], nextCursor: null }),
      },
    ]);
    const { open, push } = renderWithRealtime(<Harness me={me} view={queueView} />);
    const list = await screen.findByRole('list', { name: 'Queue' });
    expect(screen.getByText('Longest waiting first')).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Sort chats' })).toBeNull();
    const names = () =>
      within(list)
        .getAllByRole('link')
        .map((link) => link.getAttribute('aria-label')?.split(',')[0]);
    expect(names()).toEqual(['Naledi Moroka', 'Pieter Botha']);
    const naledi = within(list).getByRole('link', { name: /^Naledi Moroka/ });
    expect(naledi.getAttribute('aria-label')).toContain('waiting 12 minutes');
    expect(naledi.querySelector('time')?.textContent).toMatch(/^12:0\d$/);

    open();
    push('chat.updated', queued('q3', 'Zanele Dube', 0.2) satisfies Chat);
    await waitFor(() => expect(names()).toEqual(['Naledi Moroka', 'Pieter Botha', 'Zanele Dube']));
  });

  it('shows an error with a retry that loads the list', async () => {
    const me = freshMe();
    let calls = 0;
    mockFetch([
      {
        path: listPath('live'),
        reply: () =>
          ++calls === 1
            ? problem(503, 'Database unavailable.')
            : json({ items: [], nextCursor: null }),
      },
    ]);
    renderWithRealtime(<Harness me={me} view={liveView} />);

    expect((await screen.findByRole('alert')).textContent).toContain("Couldn't load the chats.");
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Retry' })));
    await screen.findByText('No live chats.');
  });
  it('draws only a window of rows for ten thousand chats, and follows the scroll', async () => {
    const me = freshMe();
    const mine = { id: me.id, name: me.name, role: me.role };
    const many = Array.from({ length: 10_000 }, (_, i) =>
      buildChat({
        id: `many-${i}`,
        assignee: mine,
        customer: { id: `cust-${i}`, phone: '+27820000000', name: `Customer ${i}` },
        lastActivityAt: ago(i),
      }),
    );
    mockFetch([{ path: listPath('live'), reply: () => json({ items: many, nextCursor: null }) }]);
    renderWithRealtime(<Harness me={me} view={liveView} />);
    // Ten thousand chats take a while to parse on a busy machine.
    await screen.findByRole('link', { name: /^Customer 0,/ }, { timeout: 10_000 });

    const list = screen.getByRole('list', { name: 'Live' });
    const drawn = () => within(list).getAllByRole('listitem');
    expect(drawn().length).toBeGreaterThan(5);
    expect(drawn().length).toBeLessThan(100);
    // Each drawn row still says where it stands in the whole list.
    expect(drawn()[0]!.getAttribute('aria-posinset')).toBe('1');
    expect(drawn()[0]!.getAttribute('aria-setsize')).toBe('10000');

    // Scroll half way down: the rows there are drawn, the first ones are gone.
    const scroller = list.parentElement!;
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 5000 * 63 });
    fireEvent.scroll(scroller);
    await screen.findByRole('link', { name: /^Customer 5000,/ });
    expect(screen.queryByRole('link', { name: /^Customer 0,/ })).toBeNull();
    expect(drawn().length).toBeLessThan(100);
    const place = screen.getByRole('link', { name: /^Customer 5000,/ }).closest('li')!;
    expect(place.getAttribute('aria-posinset')).toBe('5001');
  });

  it('loads the next page by its cursor as the scroll nears the end', async () => {
    const me = freshMe();
    const mine = { id: me.id, name: me.name, role: me.role };
    const page = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) =>
        buildChat({
          id: `paged-${from + i}`,
          assignee: mine,
          customer: { id: `paged-c${from + i}`, phone: '+27820000000', name: `Paged ${from + i}` },
          lastActivityAt: ago(from + i),
        }),
      );
    const { requests } = mockFetch([
      { path: listPath('live'), reply: () => json({ items: page(0, 50), nextCursor: 'next-50' }) },
      {
        path: `${listPath('live')}&cursor=next-50`,
        reply: () => json({ items: page(50, 10), nextCursor: null }),
      },
    ]);
    renderWithRealtime(<Harness me={me} view={liveView} />);
    await screen.findByRole('link', { name: /^Paged 0,/ });
    const list = screen.getByRole('list', { name: 'Live' });
    // More can load: the list does not claim a size yet.
    expect(within(list).getAllByRole('listitem')[0]!.getAttribute('aria-setsize')).toBe('-1');
    const cursors = () =>
      requests
        .map((r) => new URL(r.url).searchParams)
        .filter((params) => params.get('view') === 'live')
        .map((params) => params.get('cursor'));
    expect(cursors()).toEqual([null]);

    const scroller = list.parentElement!;
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 50 * 63 });
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 720 });
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 50 * 63 - 760 });
    fireEvent.scroll(scroller);

    await waitFor(() => expect(cursors()).toEqual([null, 'next-50']));
    await waitFor(() =>
      expect(within(list).getAllByRole('listitem')[0]!.getAttribute('aria-setsize')).toBe('60'),
    );
  });
});
