import { count, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  cannedReplies,
  channels,
  chats,
  customers,
  events,
  messages,
  notes,
  staff,
  systemState,
  wrapUpTags,
} from '../../db/schema.ts';

/*
 * The demo seed writes rows straight into the tables, with the times and statuses of a story
 * that already happened: the features' own writes would stamp now() and emit frames. A seed is
 * data, not behaviour, so these stay plain inserts.
 */

const DEMO_LOCK = 724_311_906;

/** Several nodes starting together take turns here; call it inside the seeding transaction. */
export async function lockDemoSeed(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_LOCK})`);
}

export async function countStaff(db: Db): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(staff);
  return existing?.n ?? 0;
}

export async function insertChannels(db: Db, rows: (typeof channels.$inferInsert)[]) {
  await db.insert(channels).values(rows);
}

export async function insertCustomer(db: Db, values: typeof customers.$inferInsert) {
  const [row] = await db.insert(customers).values(values).returning({ id: customers.id });
  return row!.id;
}

export async function insertChat(db: Db, values: typeof chats.$inferInsert) {
  const [row] = await db.insert(chats).values(values).returning({ id: chats.id });
  return row!.id;
}

export async function insertMessage(db: Db, values: typeof messages.$inferInsert) {
  await db.insert(messages).values(values);
}

export async function insertEvent(db: Db, values: typeof events.$inferInsert) {
  await db.insert(events).values(values);
}

export async function insertWrapUpTags(db: Db, names: string[]) {
  await db.insert(wrapUpTags).values(names.map((name) => ({ name })));
}

export async function insertNote(db: Db, values: typeof notes.$inferInsert) {
  await db.insert(notes).values(values);
}

/** Marks the database as seeded, with when. */
export async function markSeeded(db: Db, at: Date) {
  await db.insert(systemState).values({ key: 'demo', value: { seededAt: at.toISOString() } });
}

export async function insertCannedReplies(db: Db, rows: (typeof cannedReplies.$inferInsert)[]) {
  await db.insert(cannedReplies).values(rows);
}
