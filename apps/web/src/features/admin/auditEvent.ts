import type { AuditActor, AuditEvent } from '@parley/contract';
import { absoluteTime } from '../../ui/time.ts';
import { describeChange, showValue } from './auditChange.ts';
import { autoReplyKindLabels } from './autoReplies.ts';

/*
 * An audit event read as a sentence: "Ana Admin deactivated Lee Agent", "renamed department
 * Sales → Sales EMEA", "changed capacity 5 → 8". The raw action key and field names stay
 * available (AuditPage shows them on hover and in the expanded row) for whoever searches logs.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Who acted, as a sentence's subject. */
export function actorLabel(actor: AuditActor): string {
  if ('name' in actor) return actor.name;
  if (actor.reason && /command line/i.test(actor.reason)) return 'The command line';
  return 'Parley';
}

/** The token a person acted with, when they did not use the desk. */
export function actorToken(actor: AuditActor): string | undefined {
  return 'token' in actor ? actor.token?.name : undefined;
}

const KIND_NOUNS: Record<string, string> = {
  staff: 'staff member',
  department: 'department',
  tag: 'wrap-up tag',
  settings: 'settings',
  business_hours: 'business hours of',
  token: 'API token',
  channel: 'channel',
  webhook: 'webhook',
  canned_reply: 'shared canned reply',
};

/** "transferOfferMinutes" → "transfer offer minutes"; a field name as words. */
export function fieldLabel(field: string): string {
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return FIELD_WORDS[field] ?? words;
}

const FIELD_WORDS: Record<string, string> = {
  linkExpiresAt: 'link expires',
  departmentId: 'department',
  expiresAt: 'expires',
  ip: 'address',
};

/** The object's name as the event recorded it (after, else before), if it has one. */
function objectName(event: AuditEvent): string | undefined {
  for (const side of [event.after, event.before])
    if (isRecord(side) && typeof side.name === 'string') return side.name;
  // Canned replies have a title rather than a name.
  for (const side of [event.after, event.before])
    if (isRecord(side) && typeof side.title === 'string') return side.title;
  return undefined;
}

/** What was done to what, without the actor: "deactivated Lee Agent". */
function predicate(event: AuditEvent): string {
  const name = objectName(event) ?? actorToken(event.actor);
  const noun = KIND_NOUNS[event.object.kind] ?? event.object.kind;
  const named = name ? `${noun} ${quoteUnlessPerson(event.object.kind, name)}` : `a ${noun}`;
  const person = name ?? 'a staff member';
  switch (event.action) {
    case 'staff.created':
      return `added ${named}`;
    case 'staff.updated':
      return `changed ${person}`;
    case 'staff.deactivated':
      return `deactivated ${person}`;
    case 'staff.reactivated':
      return `reactivated ${person}`;
    case 'staff.password_reset':
      return `reset the password of ${person}`;
    case 'staff.password_set':
      return `set a new password for ${person}`;
    case 'staff.signed_in':
      return 'signed in';
    case 'staff.sign_in_locked':
      return 'was held from signing in after too many wrong passwords';
    case 'department.updated':
      return renamedOnly(event) ? `renamed ${noun} ${renaming(event)}` : `changed ${named}`;
    case 'settings.updated':
      return 'changed the settings';
    case 'token.used':
      return `used ${named}`;
    case 'token.revoked':
      return `revoked ${named}`;
    case 'tag.deleted':
      return `removed ${named}`;
    case 'auto_reply.updated':
      return `changed the auto-reply ${autoReplyNamed(event)}`;
    case 'auto_reply.removed':
      return `removed the auto-reply ${autoReplyNamed(event)}`;
    default:
      break;
  }
  const verb = event.action.split('.').slice(1).join('.');
  if (verb === 'updated' || verb === '') return `changed ${named}`;
  if (verb === 'secret_rotated') return `rotated the secret of ${named}`;
  // A verb this page does not know yet still reads: "channel “Web”: paused".
  if (verb.includes('_')) return `— ${named}: ${verb.replace(/_/g, ' ')}`;
  return `${verb} ${named}`;
}

/** "“Connected to an agent” (pt-BR)": the auto-reply's kind and language, as the event kept them. */
function autoReplyNamed(event: AuditEvent): string {
  const side = [event.after, event.before].find(isRecord);
  const kind = side?.kind as keyof typeof autoReplyKindLabels | undefined;
  const label = (kind && autoReplyKindLabels[kind]) ?? String(kind ?? 'text');
  return `“${label}”${typeof side?.language === 'string' ? ` (${side.language})` : ''}`;
}

const quoteUnlessPerson = (kind: string, name: string) => (kind === 'staff' ? name : `“${name}”`);

function renamedOnly(event: AuditEvent): boolean {
  const changed = describeChange(event.before, event.after);
  return changed.length === 1 && changed[0]!.field === 'name';
}

function renaming(event: AuditEvent): string {
  const before = isRecord(event.before) ? showValue(event.before.name) : '—';
  const after = isRecord(event.after) ? showValue(event.after.name) : '—';
  return `${before} → ${after}`;
}

/** The whole sentence: "Ana Admin deactivated Lee Agent". */
export function auditSentence(event: AuditEvent): string {
  return `${actorLabel(event.actor)} ${predicate(event)}`;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const asTime = (value: string | null) =>
  value !== null && ISO_TIME.test(value) ? absoluteTime(value) : value;

/** One changed field as words, with its raw name kept for whoever needs it. */
export type ChangeSentence = { field: string; text: string };

/**
 * The changed fields as short phrases: "changed capacity 5 → 8", "renamed Sales → Sales EMEA";
 * for something new, its fields ("role agent"); for something removed, what it was.
 */
export function changeSentences(event: AuditEvent): ChangeSentence[] {
  // A rename already said in the sentence is not repeated below it.
  if (event.action === 'department.updated' && renamedOnly(event)) return [];
  // Sign-ins and token use carry context, not changes; the address reads as such.
  return (
    describeChange(event.before, event.after)
      .filter((line) => !(line.field === 'name' && (line.before === null || line.after === null)))
      // Something new: its fields worth saying, not every empty one.
      .filter((line) => line.before !== null || !['no', 'none', '—'].includes(line.after ?? '—'))
      .map((line) => ({ ...line, before: asTime(line.before), after: asTime(line.after) }))
      .map((line) => {
        const label = fieldLabel(line.field);
        if (line.before === null) return { field: line.field, text: `${label} ${line.after}` };
        if (line.after === null) return { field: line.field, text: `was ${label} ${line.before}` };
        if (line.field === 'name')
          return { field: line.field, text: `renamed ${line.before} → ${line.after}` };
        if (line.field === 'deactivated' || line.field === 'archived')
          return {
            field: line.field,
            text: line.after === 'yes' ? line.field : `no longer ${line.field}`,
          };
        return { field: line.field, text: `changed ${label} ${line.before} → ${line.after}` };
      })
      .filter(
        (line) => !/^(deactivated|no longer deactivated)$/.test(line.text) || keepsState(event),
      )
  );
}

/** Deactivation's own sentence already says so; other changes to the flag are worth a line. */
const keepsState = (event: AuditEvent) =>
  event.action !== 'staff.deactivated' && event.action !== 'staff.reactivated';
