import type { AuditActor, AuditEvent, AuditPage } from '@parley/contract';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import type { Db } from '../../db/client.ts';
import { type Principal, requireAdmin } from '../../principal.ts';
import { findAuditPage, insertAuditEvent, lockAuditKey, recordedSince } from './audit.repo.ts';

export type AuditDeps = { db: Db };

/** A field whose name says it holds a credential: its value never reaches the audit log. */
const SECRET_FIELD = /secret|token|password|passphrase|api[-_]?key|private[-_]?key/i;
export const REDACTED = '[redacted]';

/** A JSON copy of `value` with every secret-named field's value replaced by a marker. */
export function redactSecrets(value: unknown): unknown {
  if (value === undefined) return null;
  const json: unknown = JSON.parse(JSON.stringify(value) ?? 'null');
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v).map(([key, inner]) => [
        key,
        SECRET_FIELD.test(key) ? REDACTED : walk(inner),
      ]),
    );
  };
  return walk(json);
}

export type AuditEntry = {
  /** Who acted; a system principal (the command line, a timer) is recorded as the system. */
  actor: Principal;
  /** `<object kind>.<verb>`, e.g. `department.created`. */
  action: string;
  object: { kind: string; id: string };
  /** The object before the change; null when it was created. */
  before: unknown;
  /** The object after the change; null when it was deleted. */
  after: unknown;
};

/**
 * Records an admin change. Call it with the transaction that makes the change, so the record
 * exists exactly when the change does.
 */
export async function recordAudit(tx: Db, entry: AuditEntry): Promise<void> {
  await insertAuditEvent(tx, {
    actorStaffId: entry.actor.kind === 'staff' ? entry.actor.staffId : null,
    // A change made with an API token names the token, so it can be traced and revoked.
    actorTokenId: entry.actor.kind === 'staff' ? (entry.actor.tokenId ?? null) : null,
    actorReason: entry.actor.kind === 'system' ? entry.actor.reason : null,
    action: entry.action,
    objectKind: entry.object.kind,
    objectId: entry.object.id,
    before: redactSecrets(entry.before),
    after: redactSecrets(entry.after),
  });
}

/**
 * Records the event unless one of the same action about the same object was recorded within
 * `withinMs` (on any node: the check and the insert take turns per action and object). Answers
 * whether it recorded. For facts worth knowing but not at every occurrence, such as token use.
 */
export async function recordAuditAtMostEvery(
  db: Db,
  withinMs: number,
  entry: AuditEntry,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockAuditKey(tx, entry.action, entry.object.id);
    const since = new Date(Date.now() - withinMs);
    const { kind: objectKind, id: objectId } = entry.object;
    if (await recordedSince(tx, { action: entry.action, objectKind, objectId, since }))
      return false;
    await recordAudit(tx, entry);
    return true;
  });
}

/** The audit log for admins, newest first. */
export async function listAudit(
  deps: AuditDeps,
  principal: Principal,
  q: {
    cursor?: string | undefined;
    limit: number;
    objectKind?: string | undefined;
    actor?: string | undefined;
  },
): Promise<AuditPage> {
  requireAdmin(principal);
  const after = decodeCursor(q.cursor, { at: 'time', id: 'uuid' });
  const page = await findAuditPage(deps.db, {
    after,
    limit: q.limit,
    objectKind: q.objectKind,
    actor: q.actor,
  });
  const items = page.rows.map((row): AuditEvent => ({
    id: row.event.id,
    actor: actorOf(row),
    action: row.event.action,
    object: { kind: row.event.objectKind, id: row.event.objectId },
    before: row.event.before,
    after: row.event.after,
    at: row.event.at.toISOString(),
  }));
  return { items, nextCursor: page.next ? encodeCursor(page.next) : null };
}

function actorOf(row: Awaited<ReturnType<typeof findAuditPage>>['rows'][number]): AuditActor {
  if (row.actor) return row.token ? { ...row.actor, token: row.token } : row.actor;
  return row.event.actorReason
    ? { kind: 'system', reason: row.event.actorReason }
    : { kind: 'system' };
}
