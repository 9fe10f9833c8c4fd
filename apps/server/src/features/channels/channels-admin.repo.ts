import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { channelSecrets, channels, departments } from '../../db/schema.ts';
import type { ChannelSecretRow } from './channel-secrets.repo.ts';

export type AdminChannelRow = typeof channels.$inferSelect & {
  department: { id: string; name: string };
};

const selection = {
  channel: channels,
  department: { id: departments.id, name: departments.name },
};

type Selected = { channel: typeof channels.$inferSelect; department: { id: string; name: string } };
const flatten = (row: Selected): AdminChannelRow => ({
  ...row.channel,
  department: row.department,
});

export async function findAdminChannels(db: Db): Promise<AdminChannelRow[]> {
  const rows = await db
    .select(selection)
    .from(channels)
    .innerJoin(departments, eq(departments.id, channels.departmentId))
    .orderBy(asc(channels.createdAt), asc(channels.id));
  return rows.map(flatten);
}

/** One channel; locked when it is about to change, so parallel edits apply one after another. */
export async function findAdminChannel(
  db: Db,
  id: string,
  lock = false,
): Promise<AdminChannelRow | undefined> {
  const q = db
    .select(selection)
    .from(channels)
    .innerJoin(departments, eq(departments.id, channels.departmentId))
    .where(eq(channels.id, id));
  const [row] = lock ? await q.for('update', { of: channels }) : await q;
  return row && flatten(row);
}

export async function findAllSecretStates(db: Db): Promise<ChannelSecretRow[]> {
  return db.select().from(channelSecrets);
}

export async function findDepartmentState(db: Db, id: string) {
  const [row] = await db
    .select({ id: departments.id, archivedAt: departments.archivedAt })
    .from(departments)
    .where(eq(departments.id, id));
  return row;
}

export async function findChannelKindAndState(db: Db, id: string) {
  const [row] = await db
    .select({ kind: channels.kind, enabled: channels.enabled })
    .from(channels)
    .where(eq(channels.id, id));
  return row;
}

export async function insertChannel(db: Db, values: typeof channels.$inferInsert): Promise<void> {
  await db.insert(channels).values(values);
}

export async function updateChannelRow(
  db: Db,
  id: string,
  values: Partial<
    Pick<
      typeof channels.$inferInsert,
      'name' | 'departmentId' | 'defaultRegion' | 'settings' | 'enabled'
    >
  >,
): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.update(channels).set(values).where(eq(channels.id, id));
}
