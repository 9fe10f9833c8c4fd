import { describe, expect, it } from 'vitest';
import { linkify } from './linkify.ts';

const links = (text: string) => linkify(text).filter((part) => part.href);

describe('linkify', () => {
  it('keeps the text exactly as written, links or not', () => {
    for (const text of [
      'see https://a.b/c). and www.example.com, or help@example.com',
      'javascript:alert(1)',
      '',
      'no links here',
    ])
      expect(
        linkify(text)
          .map((part) => part.text)
          .join(''),
      ).toBe(text);
  });

  it('links http and https addresses as written', () => {
    expect(linkify('Track it at https://post.example.com/t?id=42&x=1 please')).toEqual([
      { text: 'Track it at ' },
      {
        text: 'https://post.example.com/t?id=42&x=1',
        href: 'https://post.example.com/t?id=42&x=1',
      },
      { text: ' please' },
    ]);
    expect(links('HTTP://Example.com/A')).toEqual([
      { text: 'HTTP://Example.com/A', href: 'http://example.com/A' },
    ]);
  });

  it('never links another scheme', () => {
    for (const text of [
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.com/file',
      'mailto:help@example.com',
    ])
      expect(links(text)).toEqual([]);
  });

  it('leaves the sentence’s punctuation and unopened brackets out', () => {
    expect(links('(see https://a.b/c).')).toEqual([
      { text: 'https://a.b/c', href: 'https://a.b/c' },
    ]);
    expect(links('Done: https://a.b/c!')[0]?.text).toBe('https://a.b/c');
    expect(links('"https://a.b/q?x=1",')[0]?.text).toBe('https://a.b/q?x=1');
    expect(links('https://example.com/path, then')[0]?.text).toBe('https://example.com/path');
  });

  it('keeps brackets the address opened itself', () => {
    expect(links('https://en.wikipedia.org/wiki/Mole_(animal).')[0]?.text).toBe(
      'https://en.wikipedia.org/wiki/Mole_(animal)',
    );
  });

  it('links www. addresses over https, showing them as written', () => {
    expect(links('go to www.example.com.')).toEqual([
      { text: 'www.example.com', href: 'https://www.example.com/' },
    ]);
  });

  it('leaves emails as text, also those on a www host', () => {
    expect(links('write to help@example.com')).toEqual([]);
    expect(links('write to help@www.example.com')).toEqual([]);
  });

  it('leaves a bare scheme, a hostless address or one with credentials as text', () => {
    expect(links('https:// nothing')).toEqual([]);
    expect(links('http://localhost/admin')).toEqual([]);
    expect(links('https://user:pass@evil.example/')).toEqual([]);
  });

  it('does not start a link inside a word', () => {
    expect(links('xhttps://example.com')).toEqual([]);
  });

  it('stops at angle brackets and quotes, which an address never contains as written', () => {
    expect(links('<https://a.b/c>')[0]?.text).toBe('https://a.b/c');
    expect(links('https://a.b/"onmouseover="x')[0]?.text).toBe('https://a.b/');
  });

  it('links several addresses in one text', () => {
    expect(links('https://a.b and http://c.d/e').map((part) => part.href)).toEqual([
      'https://a.b/',
      'http://c.d/e',
    ]);
  });
});
