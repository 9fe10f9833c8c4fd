import { plainMessageExtras } from '@parley/contract';
import type { WidgetMessage } from '@parley/contract';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildAttachment } from '../../ui/message/testMessages.ts';
import { fromMessage } from '../conversation.ts';
import { Conversation } from './Conversation.tsx';

const message = (overrides: Partial<WidgetMessage>): WidgetMessage => ({
  id: 'm-1',
  chatId: 'chat-1',
  direction: 'out',
  text: 'Hello',
  author: { kind: 'staff', name: 'Lerato' },
  status: 'sent',
  createdAt: '2030-01-01T09:00:00.000Z',
  clientId: null,
  ...plainMessageExtras(),
  ...overrides,
});

describe('the widget conversation', () => {
  it('shows the team’s document as a download card and the customer’s photo inline', () => {
    const entries = [
      message({
        id: 'm-1',
        text: '📄 label.pdf',
        content: { kind: 'document', caption: null, fileName: 'label.pdf' },
        attachments: [
          buildAttachment({
            id: 'a-1',
            name: 'label.pdf',
            contentType: 'application/pdf',
            size: 52_000,
            url: '/api/widget/demo/attachments/a-1',
            thumbnailUrl: null,
          }),
        ],
      }),
      message({
        id: 'm-2',
        direction: 'in',
        author: { kind: 'customer', name: 'Thandi' },
        text: '',
        attachments: [buildAttachment({ id: 'a-2', name: 'dent.png', contentType: 'image/png' })],
      }),
    ].map(fromMessage);
    render(
      <Conversation
        entries={entries}
        ended={false}
        greetingName={null}
        onRetry={() => undefined}
      />,
    );
    const card = screen.getByRole('link', { name: /label\.pdf/ });
    expect(card.getAttribute('href')).toBe('/api/widget/demo/attachments/a-1');
    expect(card.textContent).toContain('52 KB · PDF');
    expect(screen.getByRole('img', { name: 'Photo from you' })).toBeTruthy();
  });

  it('shows a reaction on the message it is about', () => {
    const entries = [
      message({ id: 'm-1', text: 'Your parcel left today' }),
      message({
        id: 'm-2',
        direction: 'in',
        author: { kind: 'customer', name: 'Thandi' },
        text: 'Reacted 👍',
        content: { kind: 'reaction', emoji: '👍', messageId: 'm-1' },
      }),
    ].map(fromMessage);
    render(
      <Conversation
        entries={entries}
        ended={false}
        greetingName={null}
        onRetry={() => undefined}
      />,
    );
    const target = screen.getByText('Your parcel left today').closest('li')!;
    expect(within(target).getByRole('list', { name: 'Reactions' }).textContent).toContain('👍');
    expect(screen.queryByText('Reacted 👍')).toBeNull();
  });
});
