import type { SearchSnippet } from '@parley/contract';

/** The snippet as text, its matches in <mark>: built from ranges, never parsed as HTML. */
export function Snippet({ snippet }: { snippet: SearchSnippet }) {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const { start, end } of snippet.highlights) {
    if (start < at || end <= start || end > snippet.text.length) continue;
    if (start > at) parts.push({ text: snippet.text.slice(at, start), marked: false });
    parts.push({ text: snippet.text.slice(start, end), marked: true });
    at = end;
  }
  if (at < snippet.text.length) parts.push({ text: snippet.text.slice(at), marked: false });
  return (
    <span className="search-snippet">
      {parts.map((part, index) =>
        part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </span>
  );
}
