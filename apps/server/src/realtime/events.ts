import type { ServerEventMap, ServerEventType } from '@parley/contract';
import { type Db, rawRows } from '../db/client.ts';
import { realtimeEvents } from '../db/schema.ts';

/** Rooms a frame can be addressed to. A socket joins rooms only after its access is checked. */
export const rooms = {
  allStaff: 'staff',
  staff: (id: string) => `staff:${id}`,
  department: (id: string) => `dept:${id}`,
  supervisors: 'supervisors',
} as const;

export type OutgoingEvent<T extends ServerEventType = ServerEventType> = {
  [K in T]: { type: K; rooms: string[]; data: ServerEventMap[K] };
}[T];

export type Emit = <T extends ServerEventType>(event: OutgoingEvent<T>) => Promise<void>;

/** Writes an event in the caller's transaction: it exists exactly when the change it reports does. */
export async function appendEvent(tx: Db, event: OutgoingEvent): Promise<void> {
  await tx
    .insert(realtimeEvents)
    .values({ rooms: event.rooms, type: event.type, data: event.data });
}

export type Notifier = { wake(): void };

/**
 * Runs `fn` in one transaction with an `emit` that records realtime events in it, and wakes the
 * realtime hubs once the transaction has committed (never before: a frame must not announce a
 * change that could still roll back).
 */
export async function transact<T>(
  deps: { db: Db; notifier: Notifier },
  fn: (tx: Db, emit: Emit) => Promise<T>,
): Promise<T> {
  let emitted = false;
  const result = await deps.db.transaction(async (tx) => {
    // Frames are gathered and written in one statement just before the commit.
    const batch: OutgoingEvent[] = [];
    const value = await fn(tx, async (event) => {
      batch.push(event as OutgoingEvent);
    });
    if (batch.length > 0) {
      emitted = true;
      const values: string[] = [];
      const params: unknown[] = [];
      for (const e of batch) {
        const n = params.push(e.rooms, e.type, JSON.stringify(e.data));
        values.push(`($${n - 2}::text[], $${n - 1}, $${n}::jsonb)`);
      }
      await rawRows(
        tx,
        `insert into realtime_events (rooms, type, data) values ${values.join(', ')}`,
        params,
      );
    }
    return value;
  });
  if (emitted) deps.notifier.wake();
  return result;
}
