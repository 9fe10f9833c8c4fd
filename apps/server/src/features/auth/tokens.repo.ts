import type { TokenScope } from '@parley/contract';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiTokens, staff } from '../../db/schema.ts';
import { tokenIsLive } from './sessions.repo.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** A usable token: known, not revoked, not expired, its owner not disabled. */
export async function findLiveApiToken(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      staffId: staff.id,
      role: staff.role,
      scopes: apiTokens.scopes,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(staff, eq(staff.id, apiTokens.staffId))
    .where(
      // The same rule the open sockets are re-checked with (sessions.repo.ts findLiveCredentials).
      and(eq(apiTokens.tokenHash, tokenHash), tokenIsLive),
    );
  return row && { ...row, scopes: row.scopes as TokenScope[] };
}

export async function touchApiToken(db: Db, tokenId: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(eq(apiTokens.id, tokenId));
}

export async function insertApiToken(
  db: Db,
  values: {
    name: string;
    tokenHash: string;
    staffId: string;
    scopes: TokenScope[];
    expiresAt: Date | null;
  },
): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findUnrevokedApiTokens(db: Db): Promise<ApiTokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(isNull(apiTokens.revokedAt))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes the token; false when there is no such unrevoked token. */
/** Revokes a token not yet revoked; answers the row, or undefined when there was none. */
export async function markApiTokenRevoked(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}
