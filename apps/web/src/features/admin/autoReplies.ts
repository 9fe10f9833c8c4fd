import { AutoReply, AutoReplyList, autoReplyKinds } from '@parley/contract';
import type { AutoReplyKind, AutoReplyUpdateBody } from '@parley/contract';
import { http, httpNoContent } from '../../app/http.ts';

/*
 * The Auto-replies page's talk with the server and its rules: which text a conversation would get
 * (the server's order, so the page shows what customers read), which placeholders a kind may use,
 * and the preview with sample values.
 */

export const autoRepliesQueryKey = ['admin', 'auto-replies'] as const;

type Signal = { signal?: AbortSignal };

export function fetchAutoReplies({ signal }: Signal = {}) {
  return http('/api/admin/auto-replies', { parse: AutoReplyList, signal });
}

/** Saves one text, or with `text: null` removes it; answers the saved text or null. */
export async function saveAutoReply(body: AutoReplyUpdateBody): Promise<AutoReply | null> {
  if (body.text === null) {
    await httpNoContent('/api/admin/auto-replies', { method: 'PUT', body });
    return null;
  }
  return http('/api/admin/auto-replies', { method: 'PUT', body, parse: AutoReply });
}

/** Every kind, in the order a conversation meets them. */
export const autoReplyKindOrder = Object.keys(autoReplyKinds) as AutoReplyKind[];

/** What the page calls each kind. */
export const autoReplyKindLabels: Record<AutoReplyKind, string> = {
  directing: 'Directing to an agent',
  connecting: 'Connected to an agent',
  out_of_hours: 'Out of hours',
  all_busy: 'All agents busy',
  chat_ended: 'Chat ended',
  ticket_created: 'Ticket created',
  inactivity_warning: 'Inactivity warning',
  pending_warning: 'Pending warning',
};

/** `pt` for `pt-BR`. */
const baseOf = (language: string) => language.split('-')[0]!.toLowerCase();

/** The placeholders a text uses that its kind cannot fill, each once: `['opening']`. */
export function unknownPlaceholders(kind: AutoReplyKind, text: string): string[] {
  const allowed = autoReplyKinds[kind].placeholders;
  const used = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return [...new Set(used.filter((name) => !allowed.includes(name)))];
}

/** The values the preview fills in. */
export const sampleValues = (departmentName: string): Record<string, string> => ({
  customer: 'Thandi',
  agent: 'Sam',
  department: departmentName,
  opening: 'tomorrow at 08:00',
  position: '3',
  minutes: '5',
});

/** The text as the customer would read it, with sample values. */
export function previewText(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Where a shown text comes from. */
export type EffectiveText =
  | { source: 'own'; text: string }
  | { source: 'inherited'; text: string; departmentId: string | null; language: string }
  | { source: 'built-in'; text: string }
  | { source: 'not-sent' };

/**
 * The text a conversation of this department and language gets for the kind, as the server
 * picks it: the department's own in the language, then its base language, then every
 * department's, then the built-in English text, else nothing.
 */
export function effectiveText(
  list: AutoReplyList,
  kind: AutoReplyKind,
  departmentId: string | null,
  language: string,
): EffectiveText {
  const lower = language.toLowerCase();
  const candidates = [
    { departmentId, language: lower },
    { departmentId, language: baseOf(lower) },
    { departmentId: null, language: lower },
    { departmentId: null, language: baseOf(lower) },
  ];
  for (const [index, want] of candidates.entries()) {
    const found = list.items.find(
      (item) =>
        item.kind === kind &&
        item.departmentId === want.departmentId &&
        item.language.toLowerCase() === want.language,
    );
    if (!found) continue;
    return index === 0
      ? { source: 'own', text: found.text }
      : {
          source: 'inherited',
          text: found.text,
          departmentId: found.departmentId,
          language: found.language,
        };
  }
  const builtIn = list.defaults.find((d) => d.kind === kind);
  return builtIn ? { source: 'built-in', text: builtIn.text } : { source: 'not-sent' };
}

/** The list as it is after a save: the slot's text replaced, added or removed. */
export function withSaved(
  list: AutoReplyList,
  slot: { kind: AutoReplyKind; departmentId: string | null; language: string },
  saved: AutoReply | null,
): AutoReplyList {
  const same = (item: AutoReply) =>
    item.kind === slot.kind &&
    item.departmentId === slot.departmentId &&
    item.language.toLowerCase() === slot.language.toLowerCase();
  const rest = list.items.filter((item) => !same(item));
  return {
    ...list,
    items: saved ? [...rest, { ...saved, updatedAt: new Date().toISOString() }] : rest,
  };
}
