import { and, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { channelSecrets, channels } from '../../db/schema.ts';

export type ChannelSecretRow = typeof channelSecrets.$inferSelect;

/** Stores sealed or hashed values; an existing value of the same name is left alone. */
export async function insertSecretRows(
  db: Db,
  rows: { channelId: string; name: string; current: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(channelSecrets).values(rows).onConflictDoNothing();
}

export async function findSecretRows(db: Db, channelId: string): Promise<ChannelSecretRow[]> {
  return db.select().from(channelSecrets).where(eq(channelSecrets.channelId, channelId));
}

export async function findSecretRowsOf(db: Db, channelIds: string[]): Promise<ChannelSecretRow[]> {
  if (channelIds.length === 0) return [];
  return db
    .select()
    .from(channelSecrets)
    .where(sql`${channelSecrets.channelId} in ${channelIds}`);
}

/** The new value becomes current; the one it replaces stays accepted until `validUntil`. */
export async function rotateSecretRow(
  db: Db,
  input: { channelId: string; name: string; current: string; validUntil: Date; at: Date },
): Promise<ChannelSecretRow | undefined> {
  const [row] = await db
    .update(channelSecrets)
    .set({
      previous: sql`${channelSecrets.current}`,
      current: input.current,
      previousValidUntil: input.validUntil,
      rotatedAt: input.at,
    })
    .where(and(eq(channelSecrets.channelId, input.channelId), eq(channelSecrets.name, input.name)))
    .returning();
  return row;
}

export async function replaceSecretValues(
  db: Db,
  input: { channelId: string; name: string; current: string; previous: string | null },
): Promise<void> {
  await db
    .update(channelSecrets)
    .set({ current: input.current, previous: input.previous })
    .where(and(eq(channelSecrets.channelId, input.channelId), eq(channelSecrets.name, input.name)));
}

const LEGACY_KEYS = ['appSecret', 'accessToken', 'verifyToken', 'identitySecret'] as const;

/** Channels that still hold a plaintext secret in `secret` or in their settings. */
export async function findLegacyChannels(db: Db) {
  return db
    .select({
      id: channels.id,
      kind: channels.kind,
      secret: channels.secret,
      settings: channels.settings,
    })
    .from(channels)
    .where(
      or(
        isNotNull(channels.secret),
        sql`${channels.settings} ?| array[${sql.join(
          LEGACY_KEYS.map((key) => sql`${key}`),
          sql`, `,
        )}]`,
      ),
    )
    .for('update');
}

/** Removes the plaintext: the column and the secret keys of the settings. */
export async function clearLegacySecrets(db: Db, channelId: string): Promise<void> {
  await db
    .update(channels)
    .set({
      secret: null,
      settings: sql`${channels.settings} - ${sql.raw(`array[${LEGACY_KEYS.map((k) => `'${k}'`).join(', ')}]`)}`,
    })
    .where(eq(channels.id, channelId));
}

export async function findAllSecretRows(db: Db): Promise<ChannelSecretRow[]> {
  return db.select().from(channelSecrets).for('update');
}
