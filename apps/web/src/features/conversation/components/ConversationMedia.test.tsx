import type { Message, TimelineItem } from '@parley/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildChat, buildEvent, buildMe, buildMessage } from '../../../test/fixtures.ts';
import { json, mockFetch } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { buildAttachment } from '../../../ui/message/testMessages.ts';
import { ConversationPane } from './ConversationPane.tsx';

const me = buildMe({ id: 'agent-lerato', name: 'Lerato Mokoena' });

function setup(items: TimelineItem[]) {
  const chat = buildChat({ id: 'chat-1', assignee: { id: me.id, name: me.name, role: me.role } });
  mockFetch([
    { path: '/api/chats/chat-1', reply: () => json(chat) },
    { path: '/api/chats/chat-1/timeline?limit=50', reply: () => json({ items, nextCursor: null }) },
    {
      method: 'POST',
      path: '/api/chats/chat-1/read',
      reply: () => new Response(null, { status: 204 }),
    },
    {
      path: '/api/attachments/limits',
      reply: () =>
        json({ maxBytes: 16_000_000, categories: ['images'], contentTypes: ['image/png'] }),
    },
  ]);
  return renderWithRealtime(<ConversationPane chatId="chat-1" me={me} />);
}

const item = (message: Message): TimelineItem => ({ ...message, kind: 'message' });

describe('a conversation with media', () => {
  it('shows a photo as downloading at once, and the picture when message.updated brings it', async () => {
    const photo = buildMessage({
      id: 'm-photo',
      seq: 1,
      text: '📷 Photo',
      content: { kind: 'image', caption: 'the dent' },
      attachments: [buildAttachment({ state: 'downloading', size: 0, thumbnailUrl: null })],
    });
    const { open, push } = setup([item(photo)]);
    open();
    const log = await screen.findByRole('log');
    await within(log).findByText('Downloading the photo…');
    expect(within(log).queryByRole('img')).toBeNull();

    push('message.updated', { ...photo, attachments: [buildAttachment()] });
    const image = await within(log).findByRole('img', { name: 'the dent' });
    expect(image.getAttribute('src')).toBe('/api/attachments/att-1/thumbnail');
    expect(within(log).queryByText('Downloading the photo…')).toBeNull();
  });

  it('puts a reaction under the message it is about instead of a bubble of its own', async () => {
    const { open } = setup([
      item(
        buildMessage({
          id: 'm-1',
          seq: 1,
          direction: 'out',
          text: 'Your parcel left today',
          author: { kind: 'staff', id: me.id, name: me.name },
        }),
      ),
      item(
        buildMessage({
          id: 'm-2',
          seq: 2,
          text: 'Reacted 👍 to “Your parcel left today”',
          content: { kind: 'reaction', emoji: '👍', messageId: 'm-1' },
        }),
      ),
      item(
        buildMessage({
          id: 'm-3',
          seq: 3,
          text: 'Reacted ❤️ to an earlier message',
          content: { kind: 'reaction', emoji: '❤️', messageId: 'm-0' },
        }),
      ),
    ]);
    open();
    const log = await screen.findByRole('log');
    const target = (await within(log).findByText('Your parcel left today')).closest('li')!;
    expect(within(target).getByRole('list', { name: 'Reactions' }).textContent).toContain('👍');
    expect(within(log).queryByText('Reacted 👍 to “Your parcel left today”')).toBeNull();
    // Its message is not loaded: the reaction stays readable on its own.
    expect(within(log).getByText('Reacted ❤️ to an earlier message')).toBeTruthy();
  });

  it('reads number and security-code changes as event lines naming the customer', async () => {
    const { open } = setup([
      {
        ...buildEvent({
          id: 'e-1',
          seq: 1,
          type: 'customer_number_changed',
          data: { from: '+27 82 123 4567', to: '+27 83 765 4321' },
        }),
        kind: 'event',
      },
      {
        ...buildEvent({ id: 'e-2', seq: 2, type: 'customer_identity_changed', data: {} }),
        kind: 'event',
      },
    ]);
    open();
    const log = await screen.findByRole('log');
    await waitFor(() =>
      expect(
        within(log).getByText(
          /Thandi Nkosi’s number changed from \+27 82 123 4567 to \+27 83 765 4321/,
        ),
      ).toBeTruthy(),
    );
    expect(within(log).getByText(/Thandi Nkosi’s WhatsApp security code changed/)).toBeTruthy();
  });
});
