import type { WidgetMessage } from '@parley/contract';
import { plainMessageExtras } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import {
  type ConversationAction,
  type ConversationState,
  conversationReducer,
  emptyConversation,
  startsAfterEnd,
} from './conversation.ts';

const liveChat = {
  id: 'chat-1',
  status: 'live' as const,
  kind: 'chat' as const,
  queue: null,
  agent: { firstName: 'Sam' },
  ticket: null,
};

let n = 0;
function message(over: Partial<WidgetMessage> = {}): WidgetMessage {
  n += 1;
  return {
    id: `m-${n}`,
    chatId: 'chat-1',
    direction: 'in',
    text: `text ${n}`,
    author: { kind: 'customer', name: 'Naledi' },
    status: 'received',
    createdAt: new Date(Date.UTC(2026, 10, 26, 9, n)).toISOString(),
    clientId: null,
    ...plainMessageExtras(),
    ...over,
  };
}

const run = (actions: ConversationAction[], from: ConversationState = emptyConversation) =>
  actions.reduce(conversationReducer, from);

const texts = (s: ConversationState) => s.entries.map((e) => `${e.text}:${e.delivery}`);

describe('conversationReducer', () => {
  it('shows an own message at once, then confirms it in place when the POST answers', () => {
    const sent = message({ text: 'Hello', clientId: 'c1' });
    const queued = run([{ type: 'queued', clientId: 'c1', text: 'Hello', at: sent.createdAt }]);
    expect(texts(queued)).toEqual(['Hello:sending']);
    const done = run([{ type: 'sent', clientId: 'c1', message: sent }], queued);
    expect(texts(done)).toEqual(['Hello:done']);
    expect(done.entries[0]).toMatchObject({ id: sent.id, key: 'c1' });
    expect(done.chat).toEqual({ id: 'chat-1', closed: false });
  });

  it('shows a message once when the socket frame beats the POST answer', () => {
    const sent = message({ text: 'Hello' });
    const state = run([
      { type: 'queued', clientId: 'c1', text: 'Hello', at: sent.createdAt },
      { type: 'received', message: sent },
      { type: 'sent', clientId: 'c1', message: { ...sent, clientId: 'c1' } },
      { type: 'received', message: sent }, // a replay after a reconnect
    ]);
    expect(texts(state)).toEqual(['Hello:done']);
    expect(state.entries[0]?.key).toBe('c1');
  });

  it('keeps unsent messages across a reload and drops the ones the server now has', () => {
    const arrived = message({ text: 'first', clientId: 'c1' });
    const state = run([
      { type: 'queued', clientId: 'c1', text: 'first', at: arrived.createdAt },
      { type: 'queued', clientId: 'c2', text: 'second', at: arrived.createdAt },
      { type: 'failed', clientId: 'c2', error: 'offline' },
      { type: 'loaded', items: [arrived], chat: liveChat },
    ]);
    expect(texts(state)).toEqual(['first:done', 'second:failed']);
    const retried = run([{ type: 'retrying', clientId: 'c2' }], state);
    expect(texts(retried)).toEqual(['first:done', 'second:sending']);
  });

  it('keeps what arrived while a reload was on its way', () => {
    const old = message({ text: 'old' });
    const fresh = message({
      text: 'fresh',
      direction: 'out',
      author: { kind: 'staff', name: 'Sam' },
    });
    const state = run([
      { type: 'received', message: old },
      { type: 'received', message: fresh },
      { type: 'loaded', items: [old], chat: liveChat },
    ]);
    expect(texts(state)).toEqual(['old:done', 'fresh:done']);
  });

  it('announces the team’s replies, not the customer’s own messages', () => {
    const state = run([
      { type: 'received', message: message({ text: 'mine' }) },
      {
        type: 'received',
        message: message({ direction: 'out', text: 'Hi!', author: { kind: 'staff', name: 'Sam' } }),
      },
    ]);
    expect(state.announcement).toBe('Sam: Hi!');
  });

  it('marks where a new chat began after the customer ended one', () => {
    const before = message({ text: 'bye' });
    const after = message({ text: 'back again', chatId: 'chat-2', clientId: 'c9' });
    let state = run([{ type: 'loaded', items: [before], chat: liveChat }, { type: 'ended' }]);
    expect(state.chat).toEqual({ id: 'chat-1', closed: true });
    state = run(
      [{ type: 'queued', clientId: 'c9', text: 'back again', at: after.createdAt }],
      state,
    );
    expect(state.chat).toBeNull();
    expect(startsAfterEnd(state.entries, 1)).toBe(true);
    state = run([{ type: 'sent', clientId: 'c9', message: after }], state);
    expect(state.chat).toEqual({ id: 'chat-2', closed: false });
    expect(startsAfterEnd(state.entries, 1)).toBe(true);
    expect(startsAfterEnd(state.entries, 0)).toBe(false);
  });
});
