import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditEvents, staff } from '../../db/schema.ts';

export type AuditCursor = { at: string; id: string };

/** The exact stored time (microseconds), so a page boundary never skips or repeats an event. */
const atText = sql<string>`to_char(${auditEvents.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export async function insertAuditEvent(
  tx: Db,
  values: {
    actorStaffId: string | null;
    action: string;
    objectKind: string;
    objectId: string;
    before: unknown;
    after: unknown;
  },
): Promise<void> {
  await tx.insert(auditEvents).values(values);
}

/** Audit events newest first, after the cursor's event, optionally of one kind of object. */
export async function findAuditPage(
  db: Db,
  q: { after: AuditCursor | undefined; limit: number; objectKind: string | undefined },
) {
  const rows = await db
    .select({
      event: auditEvents,
      at: atText,
      actor: { id: staff.id, name: staff.name, role: staff.role },
    })
    .from(auditEvents)
    .leftJoin(staff, eq(staff.id, auditEvents.actorStaffId))
    .where(
      and(
        q.objectKind ? eq(auditEvents.objectKind, q.objectKind) : undefined,
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
