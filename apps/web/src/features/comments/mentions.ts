import type { StaffSummary } from '@parley/contract';

/** An `@` being typed: where it starts in the text and what follows it up to the caret. */
export type MentionQuery = { start: number; query: string };

const MAX_QUERY = 40;

/**
 * The mention being typed at `caret`, if any: an `@` at the start of the text or after a space
 * or an opening bracket, followed by at most a few words on the same line.
 */
export function findMentionQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1) return null;
  const previous = at === 0 ? '' : before[at - 1]!;
  if (previous !== '' && !/[\s([{"']/.test(previous)) return null; // an email address
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || /[\n\r]/.test(query) || /^\s/.test(query)) return null;
  return { start: at, query };
}

const normalise = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();

/** Whether `name` matches what was typed: from the start of the name or of any of its words. */
export function matchesName(name: string, query: string): boolean {
  const wanted = normalise(query).trim();
  if (wanted === '') return true;
  const full = normalise(name);
  return full.startsWith(wanted) || full.split(/\s+/).some((word) => word.startsWith(wanted));
}

/** The colleagues to offer for `query`: matching names, best matches first, never me. */
export function filterColleagues<T extends StaffSummary>(
  people: readonly T[],
  query: string,
  meId: string | undefined,
  limit = 8,
): T[] {
  const wanted = normalise(query).trim();
  return people
    .filter((person) => person.id !== meId && matchesName(person.name, query))
    .sort((first, second) => {
      // A match from the start of the name beats one on a later word; then by name.
      const firstFromStart = normalise(first.name).startsWith(wanted) ? 0 : 1;
      const secondFromStart = normalise(second.name).startsWith(wanted) ? 0 : 1;
      return firstFromStart - secondFromStart || first.name.localeCompare(second.name);
    })
    .slice(0, limit);
}

/** Replaces the `@query` being typed with `@Name ` and says where the caret goes next. */
export function insertMention(
  text: string,
  mention: MentionQuery,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const inserted = `@${name} `;
  const after = text.slice(caret).replace(/^ /, '');
  return {
    text: text.slice(0, mention.start) + inserted + after,
    caret: mention.start + inserted.length,
  };
}

/**
 * The ids to tag for a comment: the people picked whose `@Name` is still in the text, and any
 * colleague online whose `@Name` was typed in full by hand.
 */
export function mentionIds(
  text: string,
  picked: readonly StaffSummary[],
  online: readonly StaffSummary[],
  meId: string | undefined,
): string[] {
  const ids = new Set<string>();
  for (const person of [...picked, ...online]) {
    if (person.id !== meId && containsMention(text, person.name)) ids.add(person.id);
  }
  return [...ids];
}

function containsMention(text: string, name: string): boolean {
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}_.])@${escapeRegExp(name)}(?![\\p{L}\\p{N}_])`, 'u');
  return pattern.test(text);
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type BodyPart = { text: string; mention?: StaffSummary };

/** Splits a comment's body so each `@Name` of someone it tagged can be shown as a mention. */
export function splitMentions(body: string, mentions: readonly StaffSummary[]): BodyPart[] {
  if (mentions.length === 0) return [{ text: body }];
  // Longer names first, so "@Ann Lee" wins over "@Ann".
  const byName = [...mentions].sort((first, second) => second.name.length - first.name.length);
  const pattern = new RegExp(
    `@(${byName.map((mention) => escapeRegExp(mention.name)).join('|')})(?![\\p{L}\\p{N}_])`,
    'gu',
  );
  const parts: BodyPart[] = [];
  let last = 0;
  for (const match of body.matchAll(pattern)) {
    const index = match.index;
    const person = byName.find((mention) => mention.name === match[1]);
    if (!person) continue;
    if (index > last) parts.push({ text: body.slice(last, index) });
    parts.push({ text: match[0], mention: person });
    last = index + match[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last) });
  return parts;
}
