import { describe, expect, it } from 'vitest';
import {
  filterColleagues,
  findMentionQuery,
  insertMention,
  mentionIds,
  splitMentions,
} from './mentions.ts';
import { agentTwo, lerato, me, online } from './testFixtures.ts';

describe('findMentionQuery', () => {
  it('finds the @ being typed and what follows it up to the caret', () => {
    expect(findMentionQuery('Hi @ler', 7)).toEqual({ start: 3, query: 'ler' });
    expect(findMentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(findMentionQuery('(@Agent T', 9)).toEqual({ start: 1, query: 'Agent T' });
  });

  it('ignores email addresses, finished lines and an @ after the caret', () => {
    expect(findMentionQuery('mail sam@example.com', 20)).toBeNull();
    expect(findMentionQuery('@ler\nthanks', 11)).toBeNull();
    expect(findMentionQuery('Hi @ler', 2)).toBeNull();
    expect(findMentionQuery('@ spaced', 8)).toBeNull();
  });
});

describe('filterColleagues', () => {
  it('matches the start of the name or of any word, never me, name starts first', () => {
    expect(filterColleagues(online, '', me.id).map((p) => p.id)).toEqual([agentTwo.id, lerato.id]);
    expect(filterColleagues(online, 'mok', me.id).map((p) => p.id)).toEqual([lerato.id]);
    expect(filterColleagues(online, 'agent', me.id).map((p) => p.id)).toEqual([agentTwo.id]);
    expect(filterColleagues(online, 'agent t', me.id).map((p) => p.id)).toEqual([agentTwo.id]);
    expect(filterColleagues(online, 'zz', me.id)).toEqual([]);
  });
});

describe('insertMention', () => {
  it('replaces the typed query with @Name and a space, keeping what follows', () => {
    expect(insertMention('Hi @le please', { start: 3, query: 'le' }, 6, 'Lerato Mokoena')).toEqual({
      text: 'Hi @Lerato Mokoena please',
      caret: 19,
    });
  });
});

describe('mentionIds', () => {
  it('keeps picked people still named in the text and full names typed by hand, not me', () => {
    const text = 'Ask @Agent Two and @Agent One, not Lerato';
    expect(mentionIds(text, [lerato], online, me.id)).toEqual([agentTwo.id]);
    expect(mentionIds('@Lerato Mokoena?', [lerato], [], me.id)).toEqual([lerato.id]);
    expect(mentionIds('@Agent Twofold', [], online, me.id)).toEqual([]);
  });
});

describe('splitMentions', () => {
  it('marks each @Name of the people the comment tagged', () => {
    const parts = splitMentions('@Lerato Mokoena can you ask @Agent Two? @Nobody', [
      lerato,
      agentTwo,
    ]);
    expect(parts.map((p) => [p.text, p.mention?.id ?? null])).toEqual([
      ['@Lerato Mokoena', lerato.id],
      [' can you ask ', null],
      ['@Agent Two', agentTwo.id],
      ['? @Nobody', null],
    ]);
  });
});
