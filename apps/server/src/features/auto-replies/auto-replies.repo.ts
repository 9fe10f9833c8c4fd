import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { autoReplies, departments } from '../../db/schema.ts';

/*
 * The texts admins wrote. One row per kind, department (null: every department without its own)
 * and language; the unique index treats "every department" as one value.
 */

export type AutoReplyRow = typeof autoReplies.$inferSelect;

/** Every saved text, by kind, then every-department first, then language. */
export async function findAllAutoReplies(db: Db): Promise<AutoReplyRow[]> {
  return db
    .select()
    .from(autoReplies)
    .orderBy(
      autoReplies.kind,
      sql`${autoReplies.departmentId} is not null`,
      autoReplies.departmentId,
      autoReplies.language,
    );
}

const sameSlot = (slot: { kind: string; departmentId: string | null; language: string }) =>
  and(
    eq(autoReplies.kind, slot.kind),
    slot.departmentId === null
      ? isNull(autoReplies.departmentId)
      : eq(autoReplies.departmentId, slot.departmentId),
    eq(autoReplies.language, slot.language),
  );

/** The text saved for exactly this kind, department and language, locked for a change. */
export async function lockAutoReply(
  tx: Db,
  slot: { kind: string; departmentId: string | null; language: string },
): Promise<AutoReplyRow | undefined> {
  const [row] = await tx.select().from(autoReplies).where(sameSlot(slot)).for('update');
  return row;
}

/**
 * Sets the text of one kind, department and language; the unique index settles two admins saving
 * the same one at once (the later save wins, as with any edit).
 */
export async function upsertAutoReply(
  tx: Db,
  reply: { kind: string; departmentId: string | null; language: string; text: string },
): Promise<AutoReplyRow> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`insert into auto_replies (kind, department_id, language, text)
        values (${reply.kind}, ${reply.departmentId}, ${reply.language}, ${reply.text})
        on conflict (kind, coalesce(department_id, '00000000-0000-0000-0000-000000000000'::uuid), language)
        do update set text = excluded.text, updated_at = now()
        returning id`,
  );
  const [row] = await tx.select().from(autoReplies).where(eq(autoReplies.id, rows[0]!.id));
  return row!;
}

/** Removes one text; answers the row that was there, if any. */
export async function deleteAutoReply(
  tx: Db,
  slot: { kind: string; departmentId: string | null; language: string },
): Promise<AutoReplyRow | undefined> {
  const [row] = await tx.delete(autoReplies).where(sameSlot(slot)).returning();
  return row;
}

/** Whether a department of this id exists (archived ones keep their texts). */
export async function departmentExists(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: departments.id })
    .from(departments)
    .where(eq(departments.id, id));
  return rows.length > 0;
}

/**
 * The most specific saved text for a kind: the department's own before every department's, and
 * within each the exact language before its base (`pt-BR`, then `pt`). Languages compare ignoring
 * case. One indexed read of a small table.
 */
export async function findBestAutoReply(
  db: Db,
  want: { kind: string; departmentId: string; language: string; baseLanguage: string },
): Promise<{ text: string; language: string } | undefined> {
  const rows = await queryRows<{ text: string; language: string }>(
    db,
    sql`select text, language from auto_replies
        where kind = ${want.kind}
          and (department_id = ${want.departmentId}::uuid or department_id is null)
          and lower(language) in (${want.language.toLowerCase()}, ${want.baseLanguage.toLowerCase()})
        order by department_id is null, lower(language) <> ${want.language.toLowerCase()}
        limit 1`,
  );
  return rows[0];
}
