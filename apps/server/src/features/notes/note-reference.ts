import type { NoteReference } from '@parley/contract';

const JIRA_KEY = /^[A-Z][A-Z0-9]{1,9}-\d{1,7}$/;
const TICKET_NUMBER = /^#?(\d{1,10})$/;
const MAX_URL_LENGTH = 500;

export type ReferenceResult =
  { ok: true; reference: NoteReference | null } | { ok: false; message: string };

/**
 * What a note may point at: an http(s) URL, a Jira key such as SUP-1234 (any case, stored upper
 * case) or a ticket number (#123, stored without the #). Anything else — javascript:, ftp:,
 * free text — is refused, so the link we render can only ever open a web page.
 */
export function parseReference(raw: string | null | undefined): ReferenceResult {
  const text = (raw ?? '').trim();
  if (text === '') return { ok: true, reference: null };
  const key = text.toUpperCase();
  if (JIRA_KEY.test(key)) return { ok: true, reference: { kind: 'jira', value: key } };
  const ticket = TICKET_NUMBER.exec(text);
  if (ticket?.[1]) return { ok: true, reference: { kind: 'ticket', value: ticket[1] } };
  if (/^https?:\/\//i.test(text)) {
    let url: URL | undefined;
    try {
      url = new URL(text);
    } catch {
      url = undefined;
    }
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') {
      if (url.href.length > MAX_URL_LENGTH)
        return { ok: false, message: `Links are at most ${MAX_URL_LENGTH} characters.` };
      return { ok: true, reference: { kind: 'url', value: url.href } };
    }
  }
  return {
    ok: false,
    message: 'Use a web link (https://…), a Jira key such as SUP-1234, or a ticket number.',
  };
}
