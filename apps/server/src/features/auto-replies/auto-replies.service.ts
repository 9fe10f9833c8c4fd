import {
  type AutoReply,
  type AutoReplyKind,
  type AutoReplyList,
  type AutoReplyUpdateBody,
  autoReplyKinds,
} from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { forbidden, unprocessable } from '../../errors.ts';
import { isSupervisor, type Principal, requireAdmin } from '../../principal.ts';
import { recordAudit } from '../audit/index.ts';
import {
  type AutoReplyRow,
  deleteAutoReply,
  departmentExists,
  findAllAutoReplies,
  findBestAutoReply,
  lockAutoReply,
  upsertAutoReply,
} from './auto-replies.repo.ts';

/*
 * What Parley says to the customer by itself. Admins write the texts per kind, optionally per
 * department and language; the most specific one wins, then the built-in English text. The chats
 * feature sends them (chats/auto-replies.ts) and asks here for the words.
 */

export type AutoReplyDeps = { db: Db };

/** The built-in English texts; `directing` has none, so it is sent only once an admin writes it. */
export const defaultAutoReplyTexts: Record<AutoReplyKind, string | null> = {
  directing: null,
  connecting: "You're chatting with {agent}.",
  out_of_hours:
    "We're closed right now. We open again {opening}, and we'll answer your message then.",
  all_busy: 'All our agents are busy. You are number {position} in the queue; please stay with us.',
  chat_ended: 'This chat has ended. Write again any time to start a new one.',
  ticket_created:
    "Nobody is free to chat right now, so we've made a ticket of your message. We'll get back to you here.",
  inactivity_warning:
    "Are you still there? This chat will close in {minutes} minutes if we don't hear from you.",
  pending_warning:
    "We haven't heard back from you. This chat will close in {minutes} minutes; write to keep it open.",
};

const PLACEHOLDER = /\{(\w+)\}/g;

/** The `{placeholders}` a text uses, each once, in order. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Fills a text's `{placeholders}`; one without a value stays as written. */
export function fillPlaceholders(text: string, vars: Record<string, string | number>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** `pt` for `pt-BR`; a tag without a region is its own base. */
export const baseLanguageOf = (language: string) => language.split('-')[0]!.toLowerCase();

/** A language tag as stored: `pt-br` → `pt-BR`, `EN` → `en`. */
export function canonicalLanguage(language: string): string {
  const [primary, ...rest] = language.split('-');
  const region = rest.join('-');
  if (!region) return primary!.toLowerCase();
  return `${primary!.toLowerCase()}-${/^[a-z]{2}$/i.test(region) ? region.toUpperCase() : region}`;
}

/**
 * The words of an auto-reply before its placeholders are filled: the most specific saved text for
 * the kind, department and customer's language (none: English), else the built-in text; null when
 * there is nothing to send (`directing` until an admin writes it).
 */
export async function resolveAutoReplyText(
  db: Db,
  want: { kind: AutoReplyKind; departmentId: string; language: string | null },
): Promise<{ text: string; language: string } | null> {
  const language = canonicalLanguage(want.language?.trim() || 'en');
  const saved = await findBestAutoReply(db, {
    kind: want.kind,
    departmentId: want.departmentId,
    language,
    baseLanguage: baseLanguageOf(language),
  });
  if (saved) return saved;
  const builtIn = defaultAutoReplyTexts[want.kind];
  return builtIn === null ? null : { text: builtIn, language: 'en' };
}

const toAutoReply = (row: AutoReplyRow) => ({
  kind: row.kind as AutoReplyKind,
  departmentId: row.departmentId,
  language: row.language,
  text: row.text,
});

/** The built-in texts as list entries: every department, English. */
const defaultsList = (): AutoReply[] =>
  Object.entries(defaultAutoReplyTexts).flatMap(([kind, text]) =>
    text === null
      ? []
      : [{ kind: kind as AutoReplyKind, departmentId: null, language: 'en', text }],
  );

/** Every saved text and the built-in ones. Supervisors read them too (they answer for them). */
export async function listAutoReplies(
  deps: AutoReplyDeps,
  principal: Principal,
): Promise<AutoReplyList> {
  if (!isSupervisor(principal))
    throw forbidden('Only supervisors and admins see the auto-reply texts.');
  const rows = await findAllAutoReplies(deps.db);
  return {
    items: rows.map((row) => ({ ...toAutoReply(row), updatedAt: row.updatedAt.toISOString() })),
    defaults: defaultsList(),
  };
}

/** 422 naming every placeholder the kind cannot fill. */
function assertPlaceholdersAllowed(kind: AutoReplyKind, text: string) {
  const allowed = autoReplyKinds[kind].placeholders;
  const unknown = placeholdersIn(text).filter((name) => !allowed.includes(name));
  if (unknown.length === 0) return;
  const list = allowed.map((name) => `{${name}}`).join(', ');
  throw unprocessable(
    `This text uses ${unknown.map((name) => `{${name}}`).join(', ')}, which this kind of ` +
      `auto-reply cannot fill. It may use ${list}.`,
    unknown.map((name) => ({ field: 'text', message: `unknown placeholder {${name}}` })),
  );
}

/**
 * Sets one text (admins), or with `text: null` removes it so the next less specific one (or the
 * built-in text) applies again. Answers the text as saved, or null when removed. Audited.
 */
export async function updateAutoReply(
  deps: AutoReplyDeps,
  principal: Principal,
  body: AutoReplyUpdateBody,
): Promise<AutoReply | null> {
  requireAdmin(principal);
  const slot = {
    kind: body.kind,
    departmentId: body.departmentId,
    language: canonicalLanguage(body.language),
  };
  if (body.text !== null) assertPlaceholdersAllowed(body.kind, body.text);
  if (slot.departmentId !== null && !(await knownDepartment(deps.db, slot.departmentId)))
    throw unprocessable(
      'There is no such department: pick one from the list, or every department.',
      [{ field: 'departmentId', message: 'no such department' }],
    );
  return deps.db.transaction(async (tx) => {
    const before = await lockAutoReply(tx, slot);
    const after =
      body.text === null
        ? null
        : toAutoReply(await upsertAutoReply(tx, { ...slot, text: body.text }));
    if (body.text === null) await deleteAutoReply(tx, slot);
    if (before?.text === after?.text) return after;
    await recordAudit(tx, {
      actor: principal,
      action: after ? 'auto_reply.updated' : 'auto_reply.removed',
      object: {
        kind: 'auto_reply',
        id: `${slot.kind}:${slot.departmentId ?? 'all'}:${slot.language}`,
      },
      before: before ? toAutoReply(before) : null,
      after,
    });
    return after;
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const knownDepartment = async (db: Db, id: string) =>
  UUID.test(id) && (await departmentExists(db, id));
