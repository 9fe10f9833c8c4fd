import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { buildChat, buildMe } from '../../../test/fixtures.ts';
import type { Chat } from '@parley/contract';
import { json, mockFetch } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { DeskNotices, NOTICE_MS } from './DeskNotices.tsx';

const me = buildMe();
const mine = { id: me.id, name: me.name, role: me.role };

function setup(pendingOnServer: Chat[] = []) {
  mockFetch([
    {
      path: '/api/chats?view=pending&sort=activity&limit=50',
      reply: () => json({ items: pendingOnServer, nextCursor: null }),
    },
  ]);
  const view = renderWithRealtime(<DeskNotices me={me} />);
  view.open();
  return view;
}

const pending = buildChat({ id: 'chat-5', status: 'pending', assignee: mine, waitingSince: null });
const revived = {
  ...pending,
  status: 'live' as const,
  waitingSince: '2030-01-01T10:00:00.000Z',
  lastActivityAt: '2030-01-01T10:00:00.000Z',
  lastMessage: { text: 'Any news?', direction: 'in' as const, at: '2030-01-01T10:00:00.000Z' },
};

describe('DeskNotices', () => {
  it('says when a pending chat of mine is live again because the customer wrote', async () => {
    const { push } = setup();
    push('chat.updated', pending);
    push('chat.updated', revived);
    const notice = await screen.findByRole('link', {
      name: 'Thandi Nkosi replied: the chat is live again',
    });
    expect(notice.getAttribute('href')).toBe('/live/chat-5');
    // The same frame again (a replay) says it once.
    push('chat.updated', revived);
    expect(screen.getAllByRole('link')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('knows a chat was pending from the server when no frame said so (e.g. after a reload)', async () => {
    const { push, queryClient } = setup([pending]);
    await waitFor(() =>
      expect(queryClient.getQueryData(['notifications', 'pending-chats'])).toHaveLength(1),
    );
    push('chat.updated', revived);
    expect(
      await screen.findByRole('link', { name: 'Thandi Nkosi replied: the chat is live again' }),
    ).toBeTruthy();
  });

  it('stays quiet for my own resume, a live chat that stays live, and someone else’s chat', () => {
    const { push } = setup();
    push('chat.updated', pending);
    push('chat.updated', { ...pending, status: 'live' });
    push('chat.updated', revived);
    const theirs = buildChat({ status: 'pending', assignee: { ...mine, id: 'someone-else' } });
    push('chat.updated', theirs);
    push('chat.updated', { ...theirs, status: 'live', waitingSince: revived.waitingSince });
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('goes by itself after a while', async () => {
    vi.useFakeTimers();
    try {
      const { push } = setup();
      push('chat.updated', pending);
      push('chat.updated', revived);
      expect(screen.getByRole('link')).toBeTruthy();
      act(() => vi.advanceTimersByTime(NOTICE_MS));
      expect(screen.queryByRole('link')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
