import type { CannedReply } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { findSlashQuery, insertCannedReply, matchCannedReplies } from './cannedMatch.ts';

const reply = (title: string, body = 'text', shortcut: string | null = null): CannedReply => ({
  id: title,
  title,
  body,
  shortcut,
  shared: false,
  canEdit: true,
  createdBy: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

describe('findSlashQuery', () => {
  it('reads what follows a / at the very start, up to the caret', () => {
    expect(findSlashQuery('/ref', 4)).toBe('ref');
    expect(findSlashQuery('/', 1)).toBe('');
    expect(findSlashQuery('/refund later', 7)).toBe('refund');
  });

  it('ignores a / elsewhere, a new line or a leading space', () => {
    expect(findSlashQuery('see /ref', 8)).toBeNull();
    expect(findSlashQuery('/ref\nmore', 9)).toBeNull();
    expect(findSlashQuery('/ ref', 5)).toBeNull();
    expect(findSlashQuery('/ref', 0)).toBeNull();
  });
});

describe('matchCannedReplies', () => {
  const replies = [
    reply('Refund on its way', 'Your money is coming', 'refund'),
    reply('Greeting', 'Hi {{customer.firstName}}', 'hi'),
    reply('Courier delay', 'The refund desk says…'),
    reply('About refunds'),
    reply('Zebra', 'nothing', 'ref'),
  ];

  it('puts an exact shortcut first, then shortcuts and titles starting with it, then text', () => {
    expect(matchCannedReplies(replies, 'ref').map((r) => r.title)).toEqual([
      'Zebra',
      'Refund on its way',
      'About refunds',
      'Courier delay',
    ]);
  });

  it('ignores case and accents and offers everything, by title, for an empty query', () => {
    expect(matchCannedReplies(replies, 'GRÉET').map((r) => r.title)).toEqual(['Greeting']);
    expect(matchCannedReplies(replies, '').map((r) => r.title)).toEqual([
      'About refunds',
      'Courier delay',
      'Greeting',
      'Refund on its way',
      'Zebra',
    ]);
    expect(matchCannedReplies(replies, '', 2)).toHaveLength(2);
    expect(matchCannedReplies(replies, 'nomatch')).toEqual([]);
  });
});

describe('insertCannedReply', () => {
  it('replaces the /query with the text and keeps what follows the caret', () => {
    expect(insertCannedReply('/gre', 4, 'Hi Thandi')).toEqual({ text: 'Hi Thandi', caret: 9 });
    expect(insertCannedReply('/gre and more', 4, 'Hi')).toEqual({ text: 'Hi and more', caret: 2 });
  });
});
