import type { CannedReply } from '@parley/contract';

/** A `/` typed at the very start of the composer, and what follows it up to the caret. */
export function findSlashQuery(text: string, caret: number): string | null {
  if (!text.startsWith('/') || caret < 1) return null;
  const query = text.slice(1, caret);
  if (query.length > 80 || /[\n\r]/.test(query) || /^\s/.test(query)) return null;
  return query;
}

const normalise = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();

/** How well a reply matches (lower is better), or null when it does not. */
function rank(reply: CannedReply, wanted: string): number | null {
  const shortcut = normalise(reply.shortcut ?? '');
  const title = normalise(reply.title);
  if (shortcut !== '' && shortcut === wanted) return 0;
  if (shortcut.startsWith(wanted)) return 1;
  if (title.startsWith(wanted)) return 2;
  if (title.split(/\s+/).some((word) => word.startsWith(wanted))) return 3;
  if (title.includes(wanted)) return 4;
  if (normalise(reply.body).includes(wanted)) return 5;
  return null;
}

/**
 * The replies to offer for what was typed after `/`: an exact shortcut first, then shortcuts and
 * titles that start with it, then titles and bodies that contain it; by title within each.
 */
export function matchCannedReplies(
  replies: readonly CannedReply[],
  query: string,
  max = 8,
): CannedReply[] {
  const wanted = normalise(query).trim();
  return replies
    .map((reply) => ({ reply, rank: wanted === '' ? 0 : rank(reply, wanted) }))
    .filter((entry): entry is { reply: CannedReply; rank: number } => entry.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.reply.title.localeCompare(b.reply.title))
    .slice(0, max)
    .map((entry) => entry.reply);
}

/** The composer's text once a reply is picked: the `/query` replaced, the rest kept. */
export function insertCannedReply(text: string, caret: number, filled: string) {
  const after = text.slice(caret);
  return { text: filled + after, caret: filled.length };
}
