import { and, asc, eq, inArray, isNotNull, isNull, lt, min } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { smsParts } from '../../db/schema.ts';

export type SmsPartRow = typeof smsParts.$inferSelect;
/** The parts of one long message: same channel, sender, reference and part count. */
export type SmsPartSet = Pick<SmsPartRow, 'channelId' | 'sender' | 'reference' | 'total'>;

/** Keeps a part; false when one with its provider id is here already. */
export async function insertSmsPart(db: Db, part: Omit<SmsPartRow, 'joinedAt'>): Promise<boolean> {
  const rows = await db
    .insert(smsParts)
    .values(part)
    .onConflictDoNothing()
    .returning({ id: smsParts.providerMessageId });
  return rows.length > 0;
}

export async function findSmsPart(db: Db, channelId: string, providerMessageId: string) {
  const [row] = await db
    .select()
    .from(smsParts)
    .where(
      and(eq(smsParts.channelId, channelId), eq(smsParts.providerMessageId, providerMessageId)),
    );
  return row;
}

const inSet = (set: SmsPartSet) =>
  and(
    eq(smsParts.channelId, set.channelId),
    eq(smsParts.sender, set.sender),
    eq(smsParts.reference, set.reference),
    eq(smsParts.total, set.total),
    isNull(smsParts.joinedAt),
  );

/** The parts of a set still waiting to be joined, in order. */
export function findWaitingParts(db: Db, set: SmsPartSet): Promise<SmsPartRow[]> {
  return db
    .select()
    .from(smsParts)
    .where(inSet(set))
    .orderBy(asc(smsParts.sequence), asc(smsParts.receivedAt), asc(smsParts.providerMessageId));
}

/** Marks the given parts of a set joined: their message is stored. */
export async function markPartsJoined(
  db: Db,
  channelId: string,
  providerMessageIds: string[],
  at: Date,
): Promise<void> {
  if (providerMessageIds.length === 0) return;
  await db
    .update(smsParts)
    .set({ joinedAt: at })
    .where(
      and(
        eq(smsParts.channelId, channelId),
        inArray(smsParts.providerMessageId, providerMessageIds),
      ),
    );
}

/** Sets whose first part came before `before` and that are still not whole. */
export function findStaleSets(db: Db, before: Date, limit = 50): Promise<SmsPartSet[]> {
  return db
    .select({
      channelId: smsParts.channelId,
      sender: smsParts.sender,
      reference: smsParts.reference,
      total: smsParts.total,
    })
    .from(smsParts)
    .where(isNull(smsParts.joinedAt))
    .groupBy(smsParts.channelId, smsParts.sender, smsParts.reference, smsParts.total)
    .having(lt(min(smsParts.receivedAt), before))
    .limit(limit);
}

/** Forgets joined parts stored before `before`: a repeat that late is not expected. */
export async function deleteJoinedParts(db: Db, before: Date): Promise<void> {
  await db.delete(smsParts).where(and(isNotNull(smsParts.joinedAt), lt(smsParts.joinedAt, before)));
}
