import type {
  ChatHistoryItem,
  CustomerTimelineItem,
  TimelineNoteItem,
  TimelineProfileItem,
} from '@parley/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildChat, buildEvent, buildMessage } from '../../../test/fixtures.ts';
import { json, mockFetch, problem } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { HistoryTab } from './HistoryTab.tsx';

const lerato = { id: 'staff-lerato', name: 'Lerato Mokoena', role: 'agent' as const };
const sam = { id: 'staff-sam', name: 'Sam Dube', role: 'supervisor' as const };

const customer = () => ({ id: 'cust-1', phone: '+27821234567', name: 'Thandi Nkosi' });
const stranger = () => ({ id: 'cust-2', phone: '+27821234999', name: 'Someone Else' });

let serial = 0;
function buildItem(overrides: Partial<ChatHistoryItem> = {}): ChatHistoryItem {
  serial += 1;
  return {
    kind: 'chat',
    id: `chat-h${serial}`,
    status: 'closed',
    channel: { id: 'demo-whatsapp', kind: 'whatsapp', name: 'Demo WhatsApp' },
    agents: [lerato],
    createdAt: '2030-01-01T09:00:00.000Z',
    endedAt: '2030-01-01T09:20:00.000Z',
    outcome: { sentiment: 'positive', closedBy: 'agent' },
    flagged: false,
    messageCount: 4,
    lastEvent: {
      type: 'closed',
      at: '2030-01-01T09:20:00.000Z',
      actor: { kind: 'staff', ...lerato },
      data: { sentiment: 'positive' },
    },
    canOpen: true,
    ...overrides,
  };
}

const historyPath = (cursor?: string) =>
  `/api/customers/cust-1/history?limit=20${cursor ? `&cursor=${cursor}` : ''}`;

function setup(
  pages: { items: ChatHistoryItem[]; nextCursor: string | null }[],
  extra: Parameters<typeof mockFetch>[0] = [],
  currentChatId: string | null = null,
) {
  const http = mockFetch([
    ...pages.map((page, index) => ({
      path: historyPath(index === 0 ? undefined : `page-${index}`),
      reply: () => json(page),
    })),
    ...extra,
  ]);
  const view = renderWithRealtime(<HistoryTab customerId="cust-1" currentChatId={currentChatId} />);
  return { ...view, ...http };
}

describe('HistoryTab', () => {
  it('lists earlier chats newest first with when, channel, agents, outcome, flag, size and last event', async () => {
    const current = buildItem({ id: 'chat-now', status: 'live' });
    const flagged = buildItem({
      id: 'chat-flagged',
      channel: { id: 'web', kind: 'webchat', name: 'Site' },
      status: 'pending',
      outcome: { sentiment: null, closedBy: null },
      endedAt: null,
      flagged: true,
      agents: [lerato, sam],
      messageCount: 1,
      lastEvent: {
        type: 'flagged',
        at: '2030-01-02T10:00:00.000Z',
        actor: { kind: 'staff', ...sam },
        data: {},
      },
    });
    const ended = buildItem({
      id: 'chat-ended',
      channel: { id: 'sms', kind: 'sms', name: 'SMS line' },
      outcome: { sentiment: null, closedBy: 'customer' },
      messageCount: 12,
      lastEvent: {
        type: 'ended_by_customer',
        at: '2030-01-01T09:20:00.000Z',
        actor: { kind: 'customer' },
        data: {},
      },
    });
    const closed = buildItem({ id: 'chat-closed', agents: [] });
    setup([{ items: [current, flagged, ended, closed], nextCursor: null }], [], 'chat-now');

    const list = await screen.findByRole('list', { name: 'Earlier conversations, newest first' });
    const rows = within(list).getAllByRole('listitem');
    // The chat open beside the panel is not an earlier one.
    expect(rows).toHaveLength(3);

    const [first, second, third] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(first.textContent).toContain('Web chat');
    expect(within(first).getByText('Pending')).toBeTruthy();
    expect(within(first).getByText('Flagged')).toBeTruthy();
    expect(within(first).getByText('Lerato Mokoena and Sam Dube · 1 message')).toBeTruthy();
    expect(first.textContent).toContain('Last: Flagged by Sam Dube');
    const when = within(first).getAllByText((_, el) => el?.tagName === 'TIME')[0]!;
    expect(when.getAttribute('title')).toBeTruthy();
    expect(when.getAttribute('dateTime')).toBe(flagged.createdAt);

    expect(second.textContent).toContain('SMS');
    expect(within(second).getByText('Ended by customer')).toBeTruthy();
    expect(within(second).getByText('Lerato Mokoena · 12 messages')).toBeTruthy();
    expect(within(second).queryByText('Flagged')).toBeNull();
    expect(second.textContent).toContain('Last: Ended by the customer');

    expect(within(third).getByText('Closed · positive')).toBeTruthy();
    expect(within(third).getByText('No agent · 4 messages')).toBeTruthy();
    expect(third.textContent).toContain('Last: Closed by Lerato Mokoena · positive');
  });

  it('says what will appear when there is no earlier conversation', async () => {
    setup([{ items: [], nextCursor: null }]);
    expect(await screen.findByText('No earlier conversations.')).toBeTruthy();
    expect(
      screen.getByText('Every chat and ticket with this customer will be listed here.'),
    ).toBeTruthy();
  });

  it('shows a skeleton while loading and an error with a retry that works', async () => {
    let calls = 0;
    mockFetch([
      {
        path: historyPath(),
        reply: () =>
          ++calls === 1
            ? problem(503, 'The database is not answering.')
            : json({ items: [buildItem({ id: 'chat-back', messageCount: 7 })], nextCursor: null }),
      },
    ]);
    renderWithRealtime(<HistoryTab customerId="cust-1" currentChatId={null} />);
    expect(screen.getByRole('status', { name: 'Loading the history' })).toBeTruthy();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Couldn't load the history.");
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText(/· 7 messages$/)).toBeTruthy();
  });

  it('loads more with the cursor, appending older chats without repeats', async () => {
    const newer = [buildItem({ messageCount: 1 }), buildItem({ messageCount: 2 })];
    const older = [buildItem({ messageCount: 3 })];
    const { requests } = setup([
      { items: newer, nextCursor: 'page-1' },
      { items: older, nextCursor: null },
    ]);
    await screen.findByText(/· 1 message$/);
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText(/· 3 messages$/)).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Earlier conversations, newest first' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(requests.map((r) => new URL(r.url).search)).toEqual([
      '?limit=20',
      '?limit=20&cursor=page-1',
    ]);
  });

  it('opens a chat read-only: messages with events inline, a Read-only note, no composer; Esc closes', async () => {
    const item = buildItem({ id: 'chat-9', messageCount: 2 });
    setup(
      [{ items: [item], nextCursor: null }],
      [
        {
          path: '/api/chats/chat-9/timeline?limit=50',
          reply: () =>
            json({
              items: [
                {
                  ...buildMessage({ chatId: 'chat-9', text: 'Charged twice for 4411', seq: 1 }),
                  kind: 'message',
                },
                {
                  ...buildEvent({
                    chatId: 'chat-9',
                    type: 'assigned',
                    data: { to: { id: lerato.id, name: lerato.name }, by: 'routing' },
                    seq: 2,
                  }),
                  kind: 'event',
                },
                {
                  ...buildMessage({
                    chatId: 'chat-9',
                    direction: 'out',
                    author: { kind: 'staff', id: lerato.id, name: lerato.name },
                    status: 'read',
                    text: 'Reversed it for you',
                    seq: 3,
                  }),
                  kind: 'message',
                },
                {
                  ...buildEvent({
                    chatId: 'chat-9',
                    type: 'closed',
                    actor: { kind: 'staff', ...lerato },
                    data: { sentiment: 'positive', tag: 'billing' },
                    seq: 4,
                  }),
                  kind: 'event',
                },
              ],
              nextCursor: null,
            }),
        },
      ],
    );
    const open = await screen.findByRole('button', { name: /^Open the WhatsApp chat of / });
    fireEvent.click(open);

    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('heading').textContent).toMatch(/WhatsApp chat of/);
    expect(await within(dialog).findByText('Charged twice for 4411')).toBeTruthy();
    expect(within(dialog).getByText('Reversed it for you')).toBeTruthy();
    expect(within(dialog).getByText(/Assigned to Lerato Mokoena by routing/)).toBeTruthy();
    expect(within(dialog).getByText(/Closed by Lerato Mokoena · positive · #billing/)).toBeTruthy();
    expect(within(dialog).getByText(/Read-only/)).toBeTruthy();
    // No way to write from here.
    expect(within(dialog).queryByRole('textbox')).toBeNull();
    expect(within(dialog).queryByRole('button', { name: /send/i })).toBeNull();

    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('reads the history again when one of the customer’s chats changes state, not on every message', async () => {
    const live = buildItem({
      id: 'chat-live',
      status: 'live',
      outcome: { sentiment: null, closedBy: null },
    });
    const view = setup([{ items: [live], nextCursor: null }]);
    await screen.findByText('Live');
    view.open();
    const reads = () => view.requests.filter((r) => r.url.includes('/history')).length;
    expect(reads()).toBe(1);
    // A new message touches the chat but changes nothing the list shows: no reload.
    view.push('chat.updated', buildChat({ id: 'chat-live', status: 'live', customer: customer() }));
    view.push(
      'chat.updated',
      buildChat({ id: 'chat-other', status: 'live', customer: stranger() }),
    );
    expect(reads()).toBe(1);
    view.push(
      'chat.updated',
      buildChat({ id: 'chat-live', status: 'closed', customer: customer() }),
    );
    await waitFor(() => expect(reads()).toBe(2));
  });

  it('offers no Open on a live chat the viewer may not read', async () => {
    setup([
      {
        items: [
          buildItem({
            status: 'live',
            canOpen: false,
            outcome: { sentiment: null, closedBy: null },
          }),
        ],
        nextCursor: null,
      },
    ]);
    const row = (await screen.findByText('Live')).closest('li')!;
    expect(within(row).queryByRole('button', { name: /^Open/ })).toBeNull();
    expect(within(row).getByText('Only its agent can open it')).toBeTruthy();
  });

  it('switches to Everything: chats, notes and profile changes together, filtered by kind', async () => {
    const chat = buildItem({ id: 'chat-story', messageCount: 5 });
    const note: TimelineNoteItem = {
      kind: 'note',
      id: 'note-1',
      body: 'Prefers WhatsApp over email.',
      reference: { kind: 'jira', value: 'SUP-1234' },
      author: lerato,
      chatId: chat.id,
      createdAt: '2030-01-03T09:00:00.000Z',
    };
    const profile: TimelineProfileItem = {
      kind: 'profile',
      id: 'event-p',
      actor: { kind: 'staff', ...sam },
      data: { fields: [{ field: 'email', from: null, to: 'thandi@example.com' }] },
      createdAt: '2030-01-04T09:00:00.000Z',
    };
    const all: CustomerTimelineItem[] = [profile, note, chat];
    const { requests } = setup(
      [{ items: [chat], nextCursor: null }],
      [
        {
          path: '/api/customers/cust-1/timeline?kinds=chat%2Cnote%2Cprofile&limit=20',
          reply: () => json({ items: all, nextCursor: null }),
        },
        {
          path: '/api/customers/cust-1/timeline?kinds=chat%2Cprofile&limit=20',
          reply: () => json({ items: [profile, chat], nextCursor: null }),
        },
      ],
    );
    await screen.findByText(/· 5 messages$/);
    fireEvent.click(screen.getByRole('radio', { name: 'Everything' }));

    const list = await screen.findByRole('list', { name: 'Customer timeline, newest first' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Profile changed by Sam Dube'),
      expect.stringContaining('Prefers WhatsApp over email.'),
      expect.stringContaining('5 messages'),
    ]);
    expect(within(rows[0]!).getByText('thandi@example.com')).toBeTruthy();
    expect(within(rows[1]!).getByText('SUP-1234')).toBeTruthy();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Notes' }));
    await waitFor(() => expect(screen.queryByText('Prefers WhatsApp over email.')).toBeNull());
    expect(screen.getByText(/Profile changed by/)).toBeTruthy();
    expect(requests.at(-1)?.url).toContain('kinds=chat%2Cprofile');
  });
});
