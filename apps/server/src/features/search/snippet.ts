import type { SearchSnippet } from '@parley/contract';
import { MARK_END, MARK_START } from './search.repo.ts';

/** ts_headline's marked text as plain text with the marks as ranges (never HTML). */
export function snippetOf(marked: string): SearchSnippet {
  let text = '';
  const highlights: SearchSnippet['highlights'] = [];
  let start: number | null = null;
  for (const char of marked) {
    if (char === MARK_START) start = text.length;
    else if (char === MARK_END) {
      if (start !== null && text.length > start) highlights.push({ start, end: text.length });
      start = null;
    } else text += char;
  }
  return { text, highlights };
}

/** Marks each word of `text` that starts with one of `prefixes` (case-insensitive). */
export function markPrefixes(text: string, prefixes: string[]): SearchSnippet {
  const wanted = prefixes.map((prefix) => prefix.toLowerCase()).filter((p) => p.length > 0);
  const highlights: SearchSnippet['highlights'] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0].toLowerCase();
    const hit = wanted.find((prefix) => word.startsWith(prefix));
    if (hit) highlights.push({ start: match.index, end: match.index + hit.length });
  }
  return { text, highlights };
}
