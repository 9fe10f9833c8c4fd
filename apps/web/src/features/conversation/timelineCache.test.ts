import type { Timeline } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { buildChat, buildEvent, buildMessage } from '../../test/fixtures.ts';
import {
  eventItem,
  flattenTimeline,
  isTimelineBehind,
  messageItem,
  upsertItem,
} from './timelineCache.ts';
import type { TimelinePages } from './timelineCache.ts';

function pages(...list: Timeline[]): TimelinePages {
  return { pages: list, pageParams: list.map(() => null) };
}
const seqs = (data: TimelinePages) => flattenTimeline(data).map((item) => item.seq);

describe('timeline cache', () => {
  it('puts a new item in seq order, and a repeat of it nowhere new', () => {
    const data = pages({
      items: [
        messageItem(buildMessage({ id: 'a', seq: 1 })),
        eventItem(buildEvent({ id: 'e', seq: 3 })),
      ],
      nextCursor: null,
    });
    const late = messageItem(buildMessage({ id: 'b', seq: 2 }));
    const once = upsertItem(data, late);
    expect(seqs(once)).toEqual([1, 2, 3]);
    expect(seqs(upsertItem(once, late))).toEqual([1, 2, 3]);
  });

  it('never moves a message back to an earlier delivery state', () => {
    const read = messageItem(buildMessage({ id: 'm', seq: 5, direction: 'out', status: 'read' }));
    const data = pages({ items: [read], nextCursor: null });
    const stale = messageItem(buildMessage({ id: 'm', seq: 5, direction: 'out', status: 'sent' }));
    expect(upsertItem(data, stale)).toBe(data);
  });

  it('leaves an item older than every loaded page for scroll-back to bring', () => {
    const data = pages(
      { items: [messageItem(buildMessage({ id: 'n', seq: 60 }))], nextCursor: 'older' },
      { items: [messageItem(buildMessage({ id: 'o', seq: 20 }))], nextCursor: 'oldest' },
    );
    expect(upsertItem(data, messageItem(buildMessage({ id: 'x', seq: 5 })))).toBe(data);
    expect(seqs(upsertItem(data, messageItem(buildMessage({ id: 'y', seq: 30 }))))).toEqual([
      20, 30, 60,
    ]);
  });

  it('knows it is behind when the chat reports a newer message than any it holds', () => {
    const items = [messageItem(buildMessage({ createdAt: '2030-01-01T09:00:00.000Z' }))];
    const at = (iso: string) => buildChat({ lastMessage: { text: 'x', direction: 'in', at: iso } });
    expect(isTimelineBehind(items, at('2030-01-01T09:00:00.000Z'))).toBe(false);
    expect(isTimelineBehind(items, at('2030-01-01T09:05:00.000Z'))).toBe(true);
  });
});
