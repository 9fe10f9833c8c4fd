import { describe, expect, it } from 'vitest';
import { foldReactions } from './reactions.ts';

const message = (id: string, extra: Partial<Parameters<typeof foldReactions>[0][number]> = {}) => ({
  id,
  content: null,
  reactions: [],
  createdAt: '2030-01-01T09:00:00.000Z',
  ...extra,
});

const reaction = (id: string, target: string | null, emoji: string | null, at: string) =>
  message(id, { content: { kind: 'reaction', emoji, messageId: target }, createdAt: at });

describe('foldReactions', () => {
  it('puts a reaction on the message it is about and hides its own row', () => {
    const folded = foldReactions([
      message('m-1'),
      reaction('r-1', 'm-1', '👍', '2030-01-01T09:01:00.000Z'),
    ]);
    expect([...folded.hidden]).toEqual(['r-1']);
    expect(folded.badges.get('m-1')).toEqual([
      { emoji: '👍', by: 'customer', at: '2030-01-01T09:01:00.000Z' },
    ]);
  });

  it('keeps a reaction to a message that is not loaded as a row of its own', () => {
    const folded = foldReactions([reaction('r-1', 'm-old', '❤️', '2030-01-01T09:01:00.000Z')]);
    expect(folded.hidden.size).toBe(0);
    expect(folded.badges.size).toBe(0);
  });

  it('takes the latest reaction, and a taken-back one leaves no badge', () => {
    const folded = foldReactions([
      message('m-1'),
      reaction('r-1', 'm-1', '👍', '2030-01-01T09:01:00.000Z'),
      reaction('r-2', 'm-1', null, '2030-01-01T09:02:00.000Z'),
    ]);
    expect(folded.hidden).toEqual(new Set(['r-1', 'r-2']));
    expect(folded.badges.has('m-1')).toBe(false);
  });

  it('trusts the server’s record on the message when it is as new as the reaction', () => {
    const at = '2030-01-01T09:01:00.000Z';
    const folded = foldReactions([
      message('m-1', {
        reactions: [
          { emoji: '🙏', by: 'customer', at },
          { emoji: '👋', by: 'staff', at },
        ],
      }),
      reaction('r-1', 'm-1', '🙏', at),
    ]);
    expect(folded.badges.get('m-1')?.map((r) => r.emoji)).toEqual(['🙏', '👋']);
  });
});
