import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiTokens, auditEvents, staff } from '../../db/schema.ts';

export type AuditCursor = { at: string; id: string };

/** The exact stored time (microseconds), so a page boundary never skips or repeats an event. */
const atText = sql<string>`to_char(${auditEvents.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export async function insertAuditEvent(
  tx: Db,
  values: {
    actorStaffId: string | null;
    actorTokenId: string | null;
    actorReason: string | null;
    action: string;
    objectKind: string;
    objectId: string;
    before: unknown;
    after: unknown;
  },
): Promise<void> {
  await tx.insert(auditEvents).values(values);
}

/*
 * Audit rows are never changed or removed: this file, the only one that touches the table, has
 * no UPDATE or DELETE (a test reads it to keep it so).
 */

/**
 * Takes a lock on one (action, object) pair for the rest of the transaction, so two nodes asking
 * "was this recorded lately?" at once answer one after the other.
 */
export async function lockAuditKey(tx: Db, action: string, objectId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`audit:${action}:${objectId}`}))`);
}

/** Whether an event of this action about this object was recorded after `since`. */
export async function recordedSince(
  tx: Db,
  q: { action: string; objectKind: string; objectId: string; since: Date },
): Promise<boolean> {
  const rows = await tx
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.objectKind, q.objectKind),
        eq(auditEvents.objectId, q.objectId),
        eq(auditEvents.action, q.action),
        gt(auditEvents.at, q.since),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Audit events newest first, after the cursor's event, optionally of one kind of object. */
export async function findAuditPage(
  db: Db,
  q: {
    after: AuditCursor | undefined;
    limit: number;
    objectKind: string | undefined;
    /** A staff id, or 'system' for what no person did. */
    actor: string | undefined;
  },
) {
  const rows = await db
    .select({
      event: auditEvents,
      at: atText,
      actor: { id: staff.id, name: staff.name, role: staff.role },
      token: { id: apiTokens.id, name: apiTokens.name },
    })
    .from(auditEvents)
    .leftJoin(staff, eq(staff.id, auditEvents.actorStaffId))
    .leftJoin(apiTokens, eq(apiTokens.id, auditEvents.actorTokenId))
    .where(
      and(
        q.objectKind ? eq(auditEvents.objectKind, q.objectKind) : undefined,
        q.actor === 'system'
          ? isNull(auditEvents.actorStaffId)
          : q.actor
            ? eq(auditEvents.actorStaffId, q.actor)
            : undefined,
        q.after
          ? sql`(${auditEvents.at}, ${auditEvents.id}) < (${q.after.at}::timestamptz, ${q.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(q.limit + 1);
  const last = rows.length > q.limit ? rows[q.limit - 1] : undefined;
  return {
    rows: rows.slice(0, q.limit),
    next: last ? { at: last.at, id: last.event.id } : undefined,
  };
}
