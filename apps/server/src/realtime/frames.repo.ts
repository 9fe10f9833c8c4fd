import { and, arrayOverlaps, asc, gt, inArray, lt, lte, max, min, sql } from 'drizzle-orm';
import { type Db, queryRows, rawRows } from '../db/client.ts';
import { realtimeFrames } from '../db/schema.ts';

/** A kept frame as `realtime_frames` holds it (its time matters only to pruning). */
export type FrameRow = Omit<typeof realtimeFrames.$inferSelect, 'createdAt'>;

/**
 * A row as the driver returns it from the hot read: the id may come back as text, and the data
 * as text on a driver that leaves jsonb unparsed. The reader converts only the rows it does not
 * already hold in memory, so the conversion is left to it.
 */
export type StoredFrame = {
  id: number | string;
  rooms: string[];
  type: string;
  data: unknown;
  /** Text: queryRows leaves timestamps as the driver sent them. */
  created_at: string;
};

/**
 * The next `limit` frames after `cursor`, in id order. Every node runs this after every commit:
 * plain SQL, no query builder on the hot path (docs/benchmarks.md).
 */
export async function findFramesAfter(
  db: Db,
  cursor: number,
  limit: number,
): Promise<StoredFrame[]> {
  return queryRows<StoredFrame>(
    db,
    sql`select id, rooms, type, data, created_at from realtime_frames where id > ${cursor} order by id limit ${limit}`,
  );
}

/** These frames, those of them that exist (committed) by now. */
export async function findFramesByIds(db: Db, ids: number[]): Promise<FrameRow[]> {
  return db.select().from(realtimeFrames).where(inArray(realtimeFrames.id, ids));
}

/** The oldest and newest kept ids; both undefined when nothing is kept. */
export async function findFrameIdBounds(
  db: Db,
): Promise<{ oldest: number | undefined; newest: number | undefined }> {
  const [bounds] = await db
    .select({ oldest: min(realtimeFrames.id), newest: max(realtimeFrames.id) })
    .from(realtimeFrames);
  return { oldest: bounds?.oldest ?? undefined, newest: bounds?.newest ?? undefined };
}

export async function findNewestFrameId(db: Db): Promise<number | undefined> {
  const [row] = await db.select({ newest: max(realtimeFrames.id) }).from(realtimeFrames);
  return row?.newest ?? undefined;
}

/** Frames after `after` up to `upTo` addressed to any of `rooms`, in id order, at most `limit`. */
export async function findFramesInRooms(
  db: Db,
  range: { after: number; upTo: number; rooms: string[]; limit: number },
): Promise<FrameRow[]> {
  return db
    .select()
    .from(realtimeFrames)
    .where(
      and(
        gt(realtimeFrames.id, range.after),
        lte(realtimeFrames.id, range.upTo),
        arrayOverlaps(realtimeFrames.rooms, range.rooms),
      ),
    )
    .orderBy(asc(realtimeFrames.id))
    .limit(range.limit);
}

export async function deleteFramesOlderThan(db: Db, ageMs: number): Promise<void> {
  await db
    .delete(realtimeFrames)
    .where(lt(realtimeFrames.createdAt, sql`now() - ${`${ageMs} milliseconds`}::interval`));
}

/** A frame about to be written: its data already serialised, so it is serialised only once. */
export type NewFrame = { rooms: string[]; type: string; json: string };

/**
 * Writes a transaction's frames in one statement and returns their ids in the order given. It
 * runs once per committing transaction, so it is plain SQL, and the usual batches (a message and
 * its chat's summary) are prepared statements named by their size.
 */
export async function insertFrames(tx: Db, frames: readonly NewFrame[]): Promise<number[]> {
  const values: string[] = [];
  const params: unknown[] = [];
  frames.forEach((frame) => {
    const last = params.push(frame.rooms, frame.type, frame.json);
    values.push(`($${last - 2}::text[], $${last - 1}, $${last}::jsonb)`);
  });
  const ids = await rawRows<{ id: number | string }>(
    tx,
    `insert into realtime_frames (rooms, type, data) values ${values.join(', ')} returning id`,
    params,
    frames.length <= 4 ? `parley_frames_${frames.length}` : undefined,
  );
  // Ids are drawn row by row in the order of the values, whatever order RETURNING gives.
  return ids.map((row) => Number(row.id)).sort((one, other) => one - other);
}
