/** A piece of plain text: as written, or a web address to open (`href` only when it is one). */
export type TextPart = { text: string; href?: string };

/*
 * A candidate starts with `http://`, `https://` or `www.` where a word begins (not inside an
 * email such as `help@www.example.com`, nor glued to letters as in `xhttps://`) and runs to the
 * next space or angle bracket or quote. Any other scheme (`javascript:`, `data:`, `mailto:`) is
 * never a candidate: it stays text.
 */
const candidate = /(?<![\p{L}\p{N}_@./:-])(?:https?:\/\/|www\.)[^\s<>"]+/giu;

const closers: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/**
 * The address without what the sentence put after it: trailing `.,;:!?'` and quotes, and a
 * closing bracket the address did not open (`(see https://a.b/c).` → `https://a.b/c`, while
 * `https://en.wikipedia.org/wiki/Mole_(animal)` keeps its own).
 */
function trimTrailing(raw: string): string {
  let end = raw.length;
  for (;;) {
    const last = raw[end - 1];
    if (last === undefined) return '';
    if (/[.,;:!?'’”*_~]/.test(last)) {
      end--;
      continue;
    }
    const opener = closers[last];
    if (opener) {
      const body = raw.slice(0, end);
      if (body.split(opener).length - 1 < body.split(last).length - 1) {
        end--;
        continue;
      }
    }
    return raw.slice(0, end);
  }
}

/** The address to open for what was written, or null when it is not a web address with a host. */
function webHref(written: string): string | null {
  const withScheme = /^www\./i.test(written) ? `https://${written}` : written;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname || !url.hostname.includes('.') || url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

/**
 * Plain text cut into parts, web addresses marked with where they go. The parts' text joined is
 * always the input, so rendering them as React text shows exactly what was written.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plainFrom = 0;
  for (const match of text.matchAll(candidate)) {
    const start = match.index;
    const written = trimTrailing(match[0]);
    const href = written ? webHref(written) : null;
    if (!href) continue;
    if (start > plainFrom) parts.push({ text: text.slice(plainFrom, start) });
    parts.push({ text: written, href });
    plainFrom = start + written.length;
  }
  if (plainFrom < text.length || parts.length === 0) parts.push({ text: text.slice(plainFrom) });
  return parts;
}
