import type { AutoReplyList } from '@parley/contract';
import { describe, expect, it } from 'vitest';
import { effectiveText, previewText, unknownPlaceholders } from './autoReplies.ts';

const item = (departmentId: string | null, language: string, text: string) => ({
  kind: 'all_busy' as const,
  departmentId,
  language,
  text,
  updatedAt: '2026-11-30T10:00:00.000Z',
});

describe('auto-reply rules on the page', () => {
  it('picks the text the server would: department and language, its base, every department, built-in', () => {
    const defaults: AutoReplyList['defaults'] = [
      { kind: 'all_busy', departmentId: null, language: 'en', text: 'Built in' },
    ];
    const at = (items: AutoReplyList['items'], departmentId: string | null, language: string) =>
      effectiveText({ items, defaults }, 'all_busy', departmentId, language);
    expect(at([], 'd1', 'pt-BR')).toEqual({ source: 'built-in', text: 'Built in' });
    const all = [item(null, 'pt', 'all pt')];
    expect(at(all, 'd1', 'pt-BR')).toMatchObject({ source: 'inherited', text: 'all pt' });
    const dept = [...all, item('d1', 'pt', 'd1 pt')];
    expect(at(dept, 'd1', 'pt-BR')).toMatchObject({ source: 'inherited', text: 'd1 pt' });
    expect(at(dept, 'd1', 'pt')).toEqual({ source: 'own', text: 'd1 pt' });
    expect(at([...dept, item('d1', 'pt-BR', 'exact')], 'd1', 'pt-br')).toEqual({
      source: 'own',
      text: 'exact',
    });
    expect(effectiveText({ items: [], defaults }, 'directing', null, 'en')).toEqual({
      source: 'not-sent',
    });
  });

  it('names placeholders a kind cannot fill, once each, and fills the preview', () => {
    expect(unknownPlaceholders('connecting', '{agent} {opening} {opening} {x}')).toEqual([
      'opening',
      'x',
    ]);
    expect(unknownPlaceholders('out_of_hours', 'Back {opening}')).toEqual([]);
    expect(previewText('Hi {customer}, {nope}', { customer: 'Thandi' })).toBe('Hi Thandi, {nope}');
  });
});
