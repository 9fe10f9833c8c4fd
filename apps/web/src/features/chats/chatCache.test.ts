import type { ChatList } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { buildChat } from '../../test/fixtures.ts';
import { placeChat } from './chatCache.ts';
import type { ChatPages } from './chatCache.ts';

function pages(...lists: ChatList[]): ChatPages {
  return { pages: lists, pageParams: lists.map((_, index) => (index === 0 ? null : `c${index}`)) };
}
const ids = (data: ChatPages) => data.pages.map((page) => page.items.map((chat) => chat.id));
const at = (minute: number) => `2030-01-01T09:${String(minute).padStart(2, '0')}:00.000Z`;

describe('placeChat', () => {
  it('moves a chat with new activity to the top, replacing the old copy', () => {
    const a = buildChat({ id: 'a', lastActivityAt: at(30) });
    const b = buildChat({ id: 'b', lastActivityAt: at(20) });
    const c = buildChat({ id: 'c', lastActivityAt: at(10) });
    const data = pages({ items: [a, b, c], nextCursor: null });

    const updated = {
      ...c,
      lastActivityAt: at(40),
      lastCustomerActivityAt: at(40),
      lastMessage: null,
    };
    const next = placeChat(data, updated, true, 'activity');
    expect(ids(next)).toEqual([['c', 'a', 'b']]);
    expect(next.pages[0]!.items[0]).toBe(updated);
  });

  it('keeps a chat in place when only an agent replied: lists sort by customer activity', () => {
    const a = buildChat({ id: 'a', lastActivityAt: at(30) });
    const c = buildChat({ id: 'c', lastActivityAt: at(10) });
    const data = pages({ items: [a, c], nextCursor: null });
    const replied = { ...c, lastActivityAt: at(40) };
    expect(ids(placeChat(data, replied, true, 'activity'))).toEqual([['a', 'c']]);
  });

  it('removes a chat that left the view, and leaves the list alone for one never in it', () => {
    const a = buildChat({ id: 'a' });
    const b = buildChat({ id: 'b' });
    const data = pages({ items: [a, b], nextCursor: null });
    expect(ids(placeChat(data, a, false, 'activity'))).toEqual([['b']]);
    expect(placeChat(data, buildChat({ id: 'z' }), false, 'activity')).toBe(data);
  });

  it('sorts by creation for "newest chat", and leaves an old chat for pages not loaded yet', () => {
    const a = buildChat({ id: 'a', createdAt: at(30) });
    const b = buildChat({ id: 'b', createdAt: at(20) });
    const data = pages({ items: [a, b], nextCursor: 'more' });

    const older = buildChat({ id: 'old', createdAt: at(5), lastActivityAt: at(59) });
    expect(placeChat(data, older, true, 'newest')).toBe(data);
    expect(ids(placeChat(data, older, true, 'activity'))).toEqual([['old', 'a', 'b']]);
    const between = buildChat({ id: 'mid', createdAt: at(25) });
    expect(ids(placeChat(data, between, true, 'newest'))).toEqual([['a', 'mid', 'b']]);
  });
});
