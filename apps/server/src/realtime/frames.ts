import type { ServerFrameMap, ServerFrameType } from '@parley/contract';
import type { Db } from '../db/client.ts';
import { insertFrames } from './frames.repo.ts';

export type OutgoingFrame<T extends ServerFrameType = ServerFrameType> = {
  [K in T]: { type: K; rooms: string[]; data: ServerFrameMap[K] };
}[T];

export type EmitFrame = <T extends ServerFrameType>(event: OutgoingFrame<T>) => Promise<void>;

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
  fn: (tx: Db, emit: EmitFrame) => Promise<T>,
): Promise<T> {
  let committed: CommittedFrame[] | undefined;
  const result = await deps.db.transaction(async (tx) => {
    // Frames are gathered and written in one statement just before the commit.
    const batch: OutgoingFrame[] = [];
    const value = await fn(tx, async (event) => {
      batch.push(event as OutgoingFrame);
    });
    if (batch.length > 0) {
      const json = batch.map((event) => JSON.stringify(event.data));
      const ids = await insertFrames(
        tx,
        batch.map((event, index) => ({ rooms: event.rooms, type: event.type, json: json[index]! })),
      );
      committed = batch.map((event, index) => ({
        id: ids[index]!,
        rooms: event.rooms,
        type: event.type,
        data: event.data,
        json: json[index]!,
      }));
    }
    return value;
  });
  if (committed) deps.notifier.wake(committed);
  return result;
}
