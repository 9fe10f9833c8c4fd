import type { Chat } from '@parley/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildChat, buildMe } from '../../../test/fixtures.ts';
import { json, mockFetch } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { ChatListPane } from '../components/ChatListPane.tsx';
import { findView } from '../views.ts';
import { useChatSync } from './useChatSync.ts';

const me = buildMe({ id: 'staff-tagged', name: 'Agent Two' });
const taggedView = findView('tagged', 'agent')!;
const colleague = { id: 'staff-agent-1', name: 'Agent One', role: 'agent' as const };

function Harness() {
  useChatSync(me);
  return <ChatListPane view={taggedView} me={me} openChatId={null} />;
}

function serve(lists: Chat[][]) {
  let call = 0;
  return mockFetch([
    {
      path: '/api/chats?view=tagged&sort=activity&limit=50',
      reply: () => json({ items: lists[Math.min(call++, lists.length - 1)], nextCursor: null }),
    },
  ]);
}

const rows = () =>
  within(screen.getByRole('list', { name: 'Tagged' }))
    .queryAllByRole('link')
    .map((link) => link.getAttribute('href'));

describe('the Tagged view', () => {
  it('says what will appear there when nobody tagged me', async () => {
    serve([[]]);
    renderWithRealtime(<Harness />);
    await screen.findByText('Chats where a colleague tagged you appear here.');
  });

  it("lists colleagues' chats I was tagged in, with whose they are, and watches their rooms", async () => {
    const a = buildChat({ id: 'a', assignee: colleague });
    serve([[a]]);
    const { open, socket } = renderWithRealtime(<Harness />);
    const row = await screen.findByRole('link', { name: /^Thandi Nkosi, Agent One,/ });
    expect(row.getAttribute('href')).toBe('/tagged/a');
    open();
    expect(socket().messages()).toContainEqual({ type: 'subscribe', room: 'chat:a' });
  });

  it('reads the list again when I am tagged, and drops chats that close', async () => {
    const a = buildChat({ id: 'a', assignee: colleague, lastActivityAt: '2030-01-01T09:00:00Z' });
    const b = buildChat({ id: 'b', assignee: colleague, lastActivityAt: '2030-01-01T09:05:00Z' });
    serve([[a], [b, a]]);
    const { open, push, socket } = renderWithRealtime(<Harness />);
    await screen.findByRole('link', { name: /^Thandi Nkosi/ });
    open();

    push('notification.created', {
      id: 'n1',
      kind: 'mention',
      chatId: 'b',
      data: { by: colleague },
      createdAt: '2030-01-01T09:05:00Z',
      readAt: null,
    });
    await waitFor(() => expect(rows()).toEqual(['/tagged/b', '/tagged/a']));

    // News in a tagged chat keeps it listed (a frame says nothing about tags).
    push('chat.updated', {
      ...a,
      lastActivityAt: '2030-01-01T09:10:00Z',
      lastCustomerActivityAt: '2030-01-01T09:10:00Z',
    });
    await waitFor(() => expect(rows()).toEqual(['/tagged/a', '/tagged/b']));

    push('chat.updated', { ...a, status: 'closed', closedAt: '2030-01-01T09:11:00Z' });
    await waitFor(() => expect(rows()).toEqual(['/tagged/b']));

    // A colleague's chat closing reaches me as its comments clearing.
    push('comments.cleared', { chatId: 'b' });
    await screen.findByText('Chats where a colleague tagged you appear here.');
    await waitFor(() =>
      expect(socket().messages()).toContainEqual({ type: 'unsubscribe', room: 'chat:b' }),
    );
  });
});
