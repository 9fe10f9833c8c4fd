import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { cannedReplies, staff } from '../../db/schema.ts';

export type CannedReplyRow = typeof cannedReplies.$inferSelect;

function selectReplies(db: Db) {
  return db
    .select({
      reply: cannedReplies,
      createdBy: { id: staff.id, name: staff.name, role: staff.role },
    })
    .from(cannedReplies)
    .leftJoin(staff, eq(staff.id, cannedReplies.createdBy));
}

export type CannedReplySelection = Awaited<
  ReturnType<ReturnType<typeof selectReplies>['execute']>
>[number];

/** `%`, `_` and `\` typed by a person are meant literally. */
const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The person's own replies and every shared one, optionally only those whose title, body or
 * shortcut contain `q`. A shortcut typed exactly comes first, then titles that start with it,
 * then by title.
 */
export async function findVisibleReplies(
  db: Db,
  staffId: string,
  q: string,
  limit: number,
): Promise<CannedReplySelection[]> {
  const visible = or(eq(cannedReplies.shared, true), eq(cannedReplies.ownerId, staffId));
  let matches: SQL | undefined;
  const order: SQL[] = [];
  if (q !== '') {
    const pattern = `%${escapeLike(q)}%`;
    matches = or(
      ilike(cannedReplies.title, pattern),
      ilike(cannedReplies.body, pattern),
      ilike(cannedReplies.shortcut, pattern),
    );
    order.push(
      desc(sql`coalesce(lower(${cannedReplies.shortcut}) = lower(${q}), false)`),
      desc(sql`lower(${cannedReplies.title}) like lower(${`${escapeLike(q)}%`})`),
    );
  }
  return selectReplies(db)
    .where(and(visible, matches))
    .orderBy(...order, asc(sql`lower(${cannedReplies.title})`), asc(cannedReplies.id))
    .limit(limit);
}

export async function findReplySelection(
  db: Db,
  id: string,
): Promise<CannedReplySelection | undefined> {
  const [row] = await selectReplies(db).where(eq(cannedReplies.id, id));
  return row;
}

export async function findReplyRow(db: Db, id: string): Promise<CannedReplyRow | undefined> {
  const [row] = await db.select().from(cannedReplies).where(eq(cannedReplies.id, id)).for('update');
  return row;
}

/**
 * Holds, until the transaction ends, the turn to add to one person's replies (or the shared
 * ones), so a count and the insert after it cannot interleave with another request's.
 */
export async function lockReplyCount(tx: Db, ownerId: string | null): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`canned-replies:${ownerId ?? 'shared'}`}))`,
  );
}

export async function countReplies(tx: Db, ownerId: string | null): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(cannedReplies)
    .where(ownerId === null ? eq(cannedReplies.shared, true) : eq(cannedReplies.ownerId, ownerId));
  return Number(row?.n ?? 0);
}

export async function insertReply(
  tx: Db,
  values: typeof cannedReplies.$inferInsert,
): Promise<CannedReplyRow> {
  const [row] = await tx.insert(cannedReplies).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateReply(
  tx: Db,
  id: string,
  values: { title: string; body: string; shortcut: string | null },
): Promise<void> {
  await tx
    .update(cannedReplies)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(cannedReplies.id, id));
}

export async function deleteReply(tx: Db, id: string): Promise<void> {
  await tx.delete(cannedReplies).where(eq(cannedReplies.id, id));
}
