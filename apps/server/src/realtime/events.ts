import type { ServerEventMap, ServerEventType } from '@parley/contract';
import { type Db, rawRows } from '../db/client.ts';

export type OutgoingEvent<T extends ServerEventType = ServerEventType> = {
  [K in T]: { type: K; rooms: string[]; data: ServerEventMap[K] };
}[T];

export type Emit = <T extends ServerEventType>(event: OutgoingEvent<T>) => Promise<void>;

/** A frame as its transaction committed it, with its data already serialised. */
export type CommittedFrame = {
  id: number;
  rooms: string[];
  type: string;
  data: unknown;
  json: string;
};

/** Told after a commit; `frames` are the ones that commit wrote, in id order. */
export type Notifier = { wake(frames?: CommittedFrame[]): void };

/**
 * Runs `fn` in one transaction with an `emit` that records realtime events in it, and wakes the
 * realtime hubs once the transaction has committed (never before: a frame must not announce a
 * change that could still roll back).
 */
export async function transact<T>(
  deps: { db: Db; notifier: Notifier },
  fn: (tx: Db, emit: Emit) => Promise<T>,
): Promise<T> {
  let committed: CommittedFrame[] | undefined;
  const result = await deps.db.transaction(async (tx) => {
    // Frames are gathered and written in one statement just before the commit.
    const batch: OutgoingEvent[] = [];
    const value = await fn(tx, async (event) => {
      batch.push(event as OutgoingEvent);
    });
    if (batch.length > 0) {
      const values: string[] = [];
      const params: unknown[] = [];
      const json = batch.map((e) => JSON.stringify(e.data));
      batch.forEach((e, i) => {
        const n = params.push(e.rooms, e.type, json[i]);
        values.push(`($${n - 2}::text[], $${n - 1}, $${n}::jsonb)`);
      });
      const ids = await rawRows<{ id: number | string }>(
        tx,
        `insert into realtime_events (rooms, type, data) values ${values.join(', ')} returning id`,
        params,
        // The usual batches (a message and its chat's summary) are prepared once.
        batch.length <= 4 ? `parley_frames_${batch.length}` : undefined,
      );
      // Ids are drawn row by row in the order of the values, whatever order RETURNING gives.
      const sorted = ids.map((r) => Number(r.id)).sort((a, b) => a - b);
      committed = batch.map((e, i) => ({
        id: sorted[i]!,
        rooms: e.rooms,
        type: e.type,
        data: e.data,
        json: json[i]!,
      }));
    }
    return value;
  });
  if (committed) deps.notifier.wake(committed);
  return result;
}
