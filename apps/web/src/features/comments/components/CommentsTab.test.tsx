import type { ChatStatus, Comment } from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { agentTwo, buildComment, lerato, me, online } from '../testFixtures.ts';
import { CommentsTab } from './CommentsTab.tsx';

type Route = Parameters<typeof mockFetch>[0][number];

function renderTab(
  opts: {
    comments?: Comment[];
    status?: ChatStatus;
    routes?: Route[];
    posted?: unknown[];
    highlightId?: string;
  } = {},
) {
  const http = mockFetch([
    ...(opts.routes ?? []),
    { path: '/api/chats/chat-1/comments', reply: () => json({ items: opts.comments ?? [] }) },
    { path: '/api/staff?online=true', reply: () => json({ items: online }) },
    {
      method: 'POST',
      path: '/api/chats/chat-1/comments',
      reply: async (request) => {
        const body = (await request.json()) as { body: string; mentions: string[] };
        opts.posted?.push(body);
        return json(
          buildComment({
            id: `posted-${opts.posted?.length ?? 0}`,
            body: body.body,
            mentions: online.filter((p) => body.mentions.includes(p.id)),
            createdAt: new Date().toISOString(),
          }),
          201,
        );
      },
    },
  ]);
  const view = renderWithRealtime(
    <CommentsTab
      chatId="chat-1"
      chatStatus={opts.status ?? 'live'}
      meId={me.id}
      highlightId={opts.highlightId ?? null}
    />,
  );
  return { ...view, ...http };
}

const field = () => screen.getByRole('textbox', { name: 'Comment for staff' });

/** Types `text` as if the caret were at its end (jsdom moves the caret there). */
const type = (text: string) => fireEvent.change(field(), { target: { value: text } });

describe('CommentsTab', () => {
  it('says calmly when the comment a link points to is no longer there', async () => {
    renderTab({ comments: [buildComment({ body: 'Still here' })], highlightId: 'comment-gone' });
    await screen.findByText('Still here');
    // Announced politely; the typing line beside it is a status too, empty while nobody types.
    const statuses = screen.getAllByRole('status').map((status) => status.textContent);
    expect(statuses).toContain('The comment you were tagged in is no longer here.');
    expect(document.querySelector('[aria-current]')).toBeNull();
  });

  it('looks internal and says what appears when there are no comments', async () => {
    renderTab();
    expect(screen.getByText('Only staff can see this')).toBeTruthy();
    await screen.findByText('No comments yet.');
    expect(
      screen.getByText(
        'Tag a colleague with @ to ask for help — the customer never sees comments.',
      ),
    ).toBeTruthy();
  });

  it('lists comments oldest first with author, time and their mentions marked', async () => {
    renderTab({
      comments: [
        buildComment({
          id: 'c1',
          body: '@Lerato Mokoena can you check the refund?',
          mentions: [lerato],
          author: agentTwo,
          createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        }),
        buildComment({ id: 'c2', body: 'Done, thanks' }),
      ],
    });
    const log = await screen.findByRole('log', { name: 'Comments, oldest first' });
    const items = within(log).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'ATAgent Two5 m@Lerato Mokoena can you check the refund?',
      'AOAgent One (you)1 mDone, thanks',
    ]);
    const mention = within(items[0]!).getByText('@Lerato Mokoena');
    expect(mention.className).toContain('comment__mention');
    expect(within(items[0]!).getByText('5 m').getAttribute('title')).toBeTruthy();
  });

  it('offers only colleagues online now, not me, filtered by what follows the @', async () => {
    renderTab();
    await screen.findByText('No comments yet.');
    type('Hi @');
    const listbox = await screen.findByRole('listbox', { name: 'Colleagues online now' });
    expect(field().hasAttribute('aria-controls')).toBe(true);
    expect(field().getAttribute('aria-controls')).toBe(listbox.id);
    expect(
      within(listbox)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['ATAgent TwoAvailable', 'LMLerato MokoenaSupervisorAway']);

    type('Hi @mok');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['LMLerato MokoenaSupervisorAway']);
  });

  it('moves with the arrows, closes with Esc, and picks with Enter, recording the id', async () => {
    const posted: unknown[] = [];
    renderTab({ posted });
    await screen.findByText('No comments yet.');
    type('Hi @');
    const options = await screen.findAllByRole('option');
    expect(field().getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');

    fireEvent.keyDown(field(), { key: 'ArrowDown' });
    expect(field().getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    fireEvent.keyDown(field(), { key: 'ArrowDown' });
    expect(field().getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    fireEvent.keyDown(field(), { key: 'ArrowUp' });
    expect(field().getAttribute('aria-activedescendant')).toBe(options[1]!.id);

    fireEvent.keyDown(field(), { key: 'Escape' });
    expect(field().hasAttribute('aria-controls')).toBe(false);
    expect(field().hasAttribute('aria-activedescendant')).toBe(false);

    type('Hi @le');
    expect(field().hasAttribute('aria-controls')).toBe(true);
    fireEvent.keyDown(field(), { key: 'Enter' });
    expect((field() as HTMLTextAreaElement).value).toBe('Hi @Lerato Mokoena ');
    expect(field().hasAttribute('aria-controls')).toBe(false);
    expect(posted).toEqual([]);

    type('Hi @Lerato Mokoena can you help?');
    fireEvent.keyDown(field(), { key: 'Enter' });
    await waitFor(() =>
      expect(posted).toEqual([
        { body: 'Hi @Lerato Mokoena can you help?', mentions: ['staff-lerato'] },
      ]),
    );
  });

  it('picks with a click too', async () => {
    renderTab();
    await screen.findByText('No comments yet.');
    type('@');
    fireEvent.click(await screen.findByRole('option', { name: /Agent Two/ }));
    expect((field() as HTMLTextAreaElement).value).toBe('@Agent Two ');
  });

  it('adds the comment on Enter but not on Shift+Enter, then clears the field', async () => {
    const posted: unknown[] = [];
    renderTab({ posted });
    await screen.findByText('No comments yet.');
    type('Looks like a refund case');
    fireEvent.keyDown(field(), { key: 'Enter', shiftKey: true });
    expect(posted).toEqual([]);

    fireEvent.keyDown(field(), { key: 'Enter' });
    await screen.findByText('Looks like a refund case');
    expect(posted).toEqual([{ body: 'Looks like a refund case', mentions: [] }]);
    expect((field() as HTMLTextAreaElement).value).toBe('');
  });

  it('shows inline who is not online when the server refuses the tag, and keeps the text', async () => {
    renderTab({
      routes: [
        {
          method: 'POST',
          path: '/api/chats/chat-1/comments',
          reply: () =>
            problem(422, 'Only colleagues who are online can be tagged: Agent Two is not.', {
              errors: [{ field: 'mentions', message: 'Agent Two is not online' }],
            }),
        },
      ],
    });
    await screen.findByText('No comments yet.');
    type('@');
    fireEvent.keyDown(await screen.findByRole('textbox', { name: 'Comment for staff' }), {
      key: 'Enter',
    });
    type('@Agent Two please look');
    fireEvent.keyDown(field(), { key: 'Enter' });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Only colleagues who are online can be tagged: Agent Two is not.',
    );
    expect(field().getAttribute('aria-describedby')).toContain(alert.id);
    expect((field() as HTMLTextAreaElement).value).toBe('@Agent Two please look');
  });

  it('shows a comment from the room once, however often it arrives', async () => {
    const { open, push } = renderTab();
    await screen.findByText('No comments yet.');
    open();
    const comment = buildComment({
      id: 'live-1',
      body: 'Customer is a VIP, @Agent One',
      mentions: [{ id: me.id, name: me.name, role: me.role }],
      author: agentTwo,
    });
    push('comment.created', comment);
    push('comment.created', comment);
    push('comment.created', buildComment({ id: 'other', chatId: 'chat-2', body: 'Elsewhere' }));

    const log = await screen.findByRole('log');
    expect(within(log).getAllByRole('listitem')).toHaveLength(1);
    expect(within(log).getByText('@Agent One').className).toContain('comment__mention--me');
    expect(screen.queryByText('Elsewhere')).toBeNull();
  });

  it('shows the closed note when the chat closes and its comments are cleared', async () => {
    const { open, push } = renderTab({ comments: [buildComment({ body: 'Secret plan' })] });
    await screen.findByText('Secret plan');
    open();
    push('comments.cleared', { chatId: 'chat-1' });

    await screen.findByText('This chat is closed. Its comments were deleted.');
    expect(screen.queryByText('Secret plan')).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Comment for staff' })).toBeNull();
  });

  it('renders only the closed note for a closed chat, without asking the server', () => {
    const { fetchMock } = renderTab({ status: 'closed' });
    expect(screen.getByText('This chat is closed. Its comments were deleted.')).toBeTruthy();
    expect(screen.queryByText('Only staff can see this')).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('treats a 409 from the server as the closed note', async () => {
    renderTab({
      routes: [
        {
          path: '/api/chats/chat-1/comments',
          reply: () => problem(409, 'The chat is closed: its comments were deleted with it.'),
        },
      ],
    });
    await screen.findByText('This chat is closed. Its comments were deleted.');
  });

  it('offers a retry when the comments cannot be loaded', async () => {
    renderTab({
      routes: [{ path: '/api/chats/chat-1/comments', reply: () => problem(500, 'Boom') }],
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText("Couldn't load the comments.")).toBeTruthy();
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('keeps the picker to people online as presence changes', async () => {
    const { open, push } = renderTab();
    await screen.findByText('No comments yet.');
    open();
    push('staff.presence', { ...agentTwo, online: false });
    push('staff.presence', {
      id: 'staff-sipho',
      name: 'Sipho Dlamini',
      role: 'agent',
      available: true,
      online: true,
    });
    type('@');
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'LMLerato MokoenaSupervisorAway',
      'SDSipho DlaminiAvailable',
    ]);
  });
});
