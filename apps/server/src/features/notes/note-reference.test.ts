import { describe, expect, it } from 'vitest';
import { parseReference } from './note-reference.ts';

describe('parseReference', () => {
  it('reads http(s) links', () => {
    expect(parseReference('https://jira.example.com/browse/SUP-1')).toEqual({
      ok: true,
      reference: { kind: 'url', value: 'https://jira.example.com/browse/SUP-1' },
    });
    expect(parseReference(' http://example.com ')).toEqual({
      ok: true,
      reference: { kind: 'url', value: 'http://example.com/' },
    });
  });

  it('reads Jira keys (stored upper case) and ticket numbers (stored without #)', () => {
    expect(parseReference('SUP-1234')).toEqual({
      ok: true,
      reference: { kind: 'jira', value: 'SUP-1234' },
    });
    expect(parseReference('sup-7')).toEqual({
      ok: true,
      reference: { kind: 'jira', value: 'SUP-7' },
    });
    expect(parseReference('#123')).toEqual({
      ok: true,
      reference: { kind: 'ticket', value: '123' },
    });
    expect(parseReference('4411')).toEqual({
      ok: true,
      reference: { kind: 'ticket', value: '4411' },
    });
  });

  it('treats nothing as no reference', () => {
    expect(parseReference(undefined)).toEqual({ ok: true, reference: null });
    expect(parseReference('   ')).toEqual({ ok: true, reference: null });
  });

  it('refuses other schemes and shapes', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'ftp://example.com/file',
      'data:text/html,hi',
      'mailto:a@example.com',
      'see the other ticket',
      'S-1',
      'SUPPORTDESK1-1',
      '#12345678901',
      'https://',
      `https://example.com/${'a'.repeat(500)}`,
    ])
      expect(parseReference(bad).ok, bad).toBe(false);
  });
});
