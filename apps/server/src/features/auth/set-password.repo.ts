import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { setPasswordLinks, staff } from '../../db/schema.ts';

export type SetPasswordLinkRow = typeof setPasswordLinks.$inferSelect;

export async function insertSetPasswordLink(
  tx: Db,
  values: { tokenHash: string; staffId: string; createdBy: string | null; expiresAt: Date },
): Promise<void> {
  await tx.insert(setPasswordLinks).values(values);
}

/** A newer link replaces the older ones: only the last link an admin handed out works. */
export async function retireSetPasswordLinksOf(tx: Db, staffId: string, at: Date): Promise<void> {
  await tx
    .update(setPasswordLinks)
    .set({ usedAt: at })
    .where(and(eq(setPasswordLinks.staffId, staffId), isNull(setPasswordLinks.usedAt)));
}

/** The link with this token hash and its owner; `lock` holds the link's row until the commit. */
export async function findSetPasswordLink(db: Db, tokenHash: string, lock = false) {
  const query = db
    .select({
      link: setPasswordLinks,
      staff: { id: staff.id, name: staff.name, email: staff.email, disabledAt: staff.disabledAt },
    })
    .from(setPasswordLinks)
    .innerJoin(staff, eq(staff.id, setPasswordLinks.staffId))
    .where(eq(setPasswordLinks.tokenHash, tokenHash));
  const [row] = lock ? await query.for('update', { of: setPasswordLinks }) : await query;
  return row;
}

export async function markSetPasswordLinkUsed(tx: Db, id: string, at: Date): Promise<void> {
  await tx.update(setPasswordLinks).set({ usedAt: at }).where(eq(setPasswordLinks.id, id));
}
