import type { Message } from '@parley/contract';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildChat, buildMe, buildMessage } from '../../../test/fixtures.ts';
import { deferred, json, mockFetch } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { ConversationPane } from './ConversationPane.tsx';

const me = buildMe({ id: 'agent-lerato', name: 'Lerato Mokoena' });
const meSummary = { id: me.id, name: me.name, role: me.role };

const failed = buildMessage({
  id: 'm-failed',
  seq: 3,
  chatId: 'chat-1',
  direction: 'out',
  text: 'Your refund is on its way.',
  author: { kind: 'staff', id: me.id, name: me.name },
  status: 'failed',
  failureReason: 'The provider answered 503.',
});

function setup(retry?: () => Promise<Response>) {
  const chat = buildChat({ id: 'chat-1', assignee: meSummary });
  const http = mockFetch([
    { path: '/api/chats/chat-1', reply: () => json(chat) },
    {
      path: '/api/chats/chat-1/timeline?limit=50',
      reply: () => json({ items: [{ ...failed, kind: 'message' }], nextCursor: null }),
    },
    {
      method: 'POST',
      path: '/api/chats/chat-1/read',
      reply: () => new Response(null, { status: 204 }),
    },
    {
      method: 'POST',
      path: '/api/chats/chat-1/messages/m-failed/retry',
      reply: () =>
        retry ? retry() : json({ ...failed, status: 'queued', failureReason: null } as Message),
    },
  ]);
  return { ...renderWithRealtime(<ConversationPane chatId="chat-1" me={me} />), ...http };
}

const typing = (who: Record<string, unknown>, comment = false, ms = 6000) => ({
  chatId: 'chat-1',
  who,
  comment,
  until: new Date(Date.now() + ms).toISOString(),
});

const line = () => document.querySelector('.conversation__typing')?.textContent;

describe('the conversation feels the other side', () => {
  it('shows the customer typing until their message arrives; never my own typing or comments', async () => {
    const { open, push } = setup();
    await screen.findByText('Your refund is on its way.');
    open();
    push('typing', typing({ kind: 'staff', id: me.id, name: me.name }));
    push('typing', typing({ kind: 'staff', id: 'boss', name: 'Sipho' }, true));
    expect(line()).toBe('');
    push('typing', typing({ kind: 'customer' }));
    expect(line()).toBe('Thandi Nkosi is typing…');
    push(
      'message.created',
      buildMessage({ id: 'm-in', seq: 4, chatId: 'chat-1', text: 'Thanks!' }),
    );
    await screen.findByText('Thanks!');
    expect(line()).toBe('');
  });

  it('lets an indicator expire by itself', async () => {
    const { open, push } = setup();
    await screen.findByText('Your refund is on its way.');
    open();
    push('typing', typing({ kind: 'customer' }, false, 40));
    expect(line()).toBe('Thandi Nkosi is typing…');
    await waitFor(() => expect(line()).toBe(''));
  });

  it('tells the room I am typing a reply, at most every 3 s', async () => {
    const { open, socket } = setup();
    await screen.findByText('Your refund is on its way.');
    open();
    const field = await screen.findByRole('textbox', { name: 'Reply to Thandi Nkosi' });
    fireEvent.change(field, { target: { value: 'O' } });
    fireEvent.change(field, { target: { value: 'On' } });
    expect(
      socket()
        .messages()
        .filter((m) => (m as { type: string }).type === 'typing'),
    ).toEqual([{ type: 'typing', chatId: 'chat-1', comment: false }]);
  });

  it('shows a failed reply in red with its reason, and Retry sends it once', async () => {
    const answer = deferred<Response>();
    const { requests } = setup(() => answer.promise);
    await screen.findByText(/The provider answered 503/);
    const retry = screen.getByRole('button', { name: 'Retry' });
    fireEvent.click(retry);
    fireEvent.click(retry); // a double click
    fireEvent.click(await screen.findByRole('button', { name: 'Retrying…' }));
    expect(requests.filter((r) => r.url.endsWith('/retry'))).toHaveLength(1);
    await act(async () => {
      answer.resolve(json({ ...failed, status: 'queued', failureReason: null }));
      await answer.promise;
    });
    await screen.findByRole('img', { name: 'Queued' });
    expect(screen.queryByText(/The provider answered 503/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });
});
