import type { Notification } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { notificationHref, notificationSentence } from './notificationText.ts';

function build(kind: Notification['kind'], data: Record<string, unknown> = {}): Notification {
  return {
    id: 'n1',
    kind,
    chatId: 'chat-9',
    data,
    createdAt: '2030-01-01T09:00:00Z',
    readAt: null,
  };
}

const two = { id: 'staff-agent-2', name: 'Agent Two' };

describe('notification sentences', () => {
  it('says each kind in words, with the customer from the data or from what the desk knows', () => {
    const say = (n: Notification, known: string | null = null) => {
      const { who, what } = notificationSentence(n, known);
      return `${who} ${what}`;
    };
    expect(say(build('mention', { by: two }))).toBe('Agent Two tagged you');
    expect(say(build('transfer_offer', { by: two }), 'Thandi Nkosi')).toBe(
      'Agent Two offers you the chat with Thandi Nkosi',
    );
    expect(
      say(
        build('transfer_offer', {
          by: two,
          toDepartment: { id: 'd', name: 'Support' },
          customer: { name: 'Sipho' },
        }),
      ),
    ).toBe('Agent Two offers anyone in Support the chat with Sipho');
    expect(say(build('transfer_rejected', { by: two, reason: 'At lunch' }), 'Thandi')).toBe(
      'Agent Two rejected your transfer of the chat with Thandi: At lunch',
    );
    expect(say(build('transfer_returned'), 'Thandi')).toBe(
      'Nobody accepted your transfer of the chat with Thandi in time; it is still yours',
    );
    expect(say(build('reply_timeout'), 'Thandi')).toBe(
      'Chat with Thandi went back to the queue: no reply in time',
    );
    expect(say(build('reply_timeout', { minutes: 5, customerName: 'Sipho' }))).toBe(
      'Chat with Sipho went back to the queue: no reply in time',
    );
    expect(say(build('reply_timeout'))).toBe(
      'A chat of yours went back to the queue: no reply in time',
    );
  });

  it('opens the chat where it now is for me', () => {
    expect(notificationHref(build('mention'))).toBe('/tagged/chat-9');
    // A mention that names its comment opens the chat on it.
    expect(notificationHref(build('mention', { commentId: 'c 1' }))).toBe(
      '/tagged/chat-9?comment=c%201',
    );
    expect(notificationHref(build('transfer_offer'))).toBe('/live/chat-9');
    expect(notificationHref(build('transfer_returned'))).toBe('/live/chat-9');
    expect(notificationHref(build('reply_timeout'))).toBe('/queue/chat-9');
    // A ticket given to me opens in the Tickets view's Assigned tab (the desk's ticket route).
    expect(notificationHref(build('ticket_assigned'))).toBe('/tickets/assigned/chat-9');
    expect(notificationHref({ ...build('mention'), chatId: null })).toBeNull();
  });
});
