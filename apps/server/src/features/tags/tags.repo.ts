import type { WrapUpTag } from '@parley/contract';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { wrapUpTags } from '../../db/schema.ts';

export async function findActiveTags(db: Db): Promise<WrapUpTag[]> {
  return db
    .select({ id: wrapUpTags.id, name: wrapUpTags.name })
    .from(wrapUpTags)
    .where(isNull(wrapUpTags.deletedAt))
    .orderBy(asc(sql`lower(${wrapUpTags.name})`), asc(wrapUpTags.id));
}

export async function findActiveTagNamedLike(db: Db, name: string): Promise<WrapUpTag | undefined> {
  const [row] = await db
    .select({ id: wrapUpTags.id, name: wrapUpTags.name })
    .from(wrapUpTags)
    .where(and(isNull(wrapUpTags.deletedAt), sql`lower(${wrapUpTags.name}) = lower(${name})`));
  return row;
}

/** Inserts the tag, or answers undefined when an active tag already has the name (any case). */
export async function insertTag(tx: Db, name: string): Promise<WrapUpTag | undefined> {
  const [row] = await tx
    .insert(wrapUpTags)
    .values({ name })
    .onConflictDoNothing()
    .returning({ id: wrapUpTags.id, name: wrapUpTags.name });
  return row;
}

/** Soft-deletes an active tag; undefined when there is no such active tag. */
export async function markTagDeleted(tx: Db, id: string): Promise<WrapUpTag | undefined> {
  const [row] = await tx
    .update(wrapUpTags)
    .set({ deletedAt: sql`now()` })
    .where(and(eq(wrapUpTags.id, id), isNull(wrapUpTags.deletedAt)))
    .returning({ id: wrapUpTags.id, name: wrapUpTags.name });
  return row;
}
