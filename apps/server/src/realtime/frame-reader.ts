import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.ts';
import type { CommittedFrame } from './frames.ts';
import {
  deleteFramesOlderThan,
  findFrameIdBounds,
  findFramesAfter,
  findFramesByIds,
  findFramesInRooms,
  findNewestFrameId,
  type FrameRow,
} from './frames.repo.ts';

export type DeliverableFrame = FrameRow & {
  /** The frame as sent, once built: every socket it reaches gets the same text. */
  text?: string;
};

/** What a resume gets: the kept frames after its position, or the reason it must resync. */
export type KeptFrames = { rows: DeliverableFrame[] } | { resync: string };

export type FrameReaderOptions = {
  db: Db;
  log: FastifyBaseLogger;
  /** How long to wait for an earlier transaction to commit before delivering past it. */
  gapWaitMs: number;
  /** Frames kept for resumes. */
  retentionMs: number;
  /**
   * Hands a frame on. `inOrder` is false for a frame passed over at a gap that committed after
   * all: it is delivered late and moves nothing.
   */
  deliver: (row: DeliverableFrame, inOrder: boolean) => Promise<void>;
};

const BATCH = 500;
export const MAX_REPLAY = 2000;
const GAP_REREAD_MS = 5;
/** A node stuck behind a gap keeps what it committed in the table, not in memory. */
const MAX_LOCAL = 10_000;

export type FrameReader = ReturnType<typeof createFrameReader>;

/**
 * Follows `realtime_frames` in id order from a cursor: this node's own commits from memory, the
 * rest from the table, waiting briefly at a gap for an earlier id still uncommitted.
 */
export function createFrameReader(opts: FrameReaderOptions) {
  const { db, log, gapWaitMs } = opts;
  let cursor = 0;
  let gapSince: number | undefined;
  /** Ids passed over while waiting for a gap; delivered late if they show up after all. */
  const skipped = new Map<number, number>();
  let pumping: Promise<void> | undefined;
  let pumpAgain = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryPending = false;
  let lastFetchAt = 0;
  let closed = false;
  /** Frames this node committed and has not delivered yet, by id: they need no read-back. */
  const local = new Map<number, DeliverableFrame>();

  async function advance(row: DeliverableFrame) {
    gapSince = undefined;
    cursor = row.id;
    await opts.deliver(row, true);
  }

  /** Delivers this node's own frames while they are next in line; false when none is. */
  async function deliverLocal(): Promise<boolean> {
    let row = local.get(cursor + 1);
    if (!row) return false;
    while (row) {
      local.delete(row.id);
      await advance(row);
      row = local.get(cursor + 1);
    }
    return true;
  }

  async function deliverLate() {
    const late = await findFramesByIds(db, [...skipped.keys()]);
    for (const row of late) {
      skipped.delete(row.id);
      await opts.deliver(row, false);
    }
    const expiry = Date.now() - 60_000;
    for (const [id, at] of skipped) if (at < expiry) skipped.delete(id);
  }

  /** The next batch after the cursor, with this node's own frames in their place. */
  async function readBatch(): Promise<DeliverableFrame[]> {
    // Every node runs this after every commit (frames.repo.ts keeps it plain SQL).
    const raw = await findFramesAfter(db, cursor, BATCH);
    const rows: DeliverableFrame[] = raw.map(
      (stored) =>
        local.get(Number(stored.id)) ?? {
          id: Number(stored.id),
          rooms: stored.rooms,
          type: stored.type,
          data: typeof stored.data === 'string' ? JSON.parse(stored.data) : stored.data,
        },
    );
    // This node's frames take part too (committed, so normally in what was just read); past a
    // full batch only those before its end, so the order holds.
    const full = raw.length === BATCH;
    const end = rows.at(-1)?.id ?? Infinity;
    const read = new Set(rows.map((row) => row.id));
    for (const row of local.values())
      if (row.id > cursor && !read.has(row.id) && (!full || row.id < end)) rows.push(row);
    rows.sort((one, other) => one.id - other.id);
    return rows;
  }

  /** One round; true when more is known to be waiting. */
  async function fetchOnce(): Promise<boolean> {
    // What this node committed itself is delivered from memory; the table is read for the rest
    // (other nodes' frames, or an earlier id still uncommitted here).
    if (skipped.size === 0 && (await deliverLocal())) return false;
    lastFetchAt = Date.now();
    if (skipped.size > 0) await deliverLate();
    const rows = await readBatch();
    for (const row of rows) {
      if (row.id !== cursor + 1 && cursor !== 0) {
        // Ids are taken at insert and committed in any order: an earlier one may still come.
        gapSince ??= Date.now();
        if (Date.now() - gapSince < gapWaitMs) {
          clearTimeout(retryTimer);
          retryPending = true;
          retryTimer = setTimeout(() => {
            retryPending = false;
            void pump();
          }, 20);
          return false;
        }
        for (let id = cursor + 1; id < row.id; id++) skipped.set(id, Date.now());
      }
      await advance(row);
    }
    for (const id of local.keys()) if (id <= cursor) local.delete(id);
    return rows.length === BATCH || local.has(cursor + 1);
  }

  /** Reads new frames and delivers them; concurrent calls coalesce into one more round. */
  function pump(): Promise<void> {
    if (closed) return Promise.resolve();
    // Waiting on a gap, every other commit's wake-up would re-read the same rows and stop at the
    // same gap: read at most every few milliseconds until the retry comes.
    if (retryPending && Date.now() - lastFetchAt < GAP_REREAD_MS) return Promise.resolve();
    if (pumping) {
      pumpAgain = true;
      return pumping;
    }
    pumping = (async () => {
      try {
        do {
          pumpAgain = false;
          if (await fetchOnce()) pumpAgain = true;
        } while (pumpAgain && !closed);
      } catch (err) {
        log.error({ err }, 'realtime: reading events failed');
      } finally {
        pumping = undefined;
      }
    })();
    return pumping;
  }

  /** This node's commit: its frames are delivered from memory when their turn comes. */
  function keep(frames: readonly CommittedFrame[]) {
    if (local.size > MAX_LOCAL) local.clear();
    for (const frame of frames) {
      if (frame.id <= cursor) continue;
      local.set(frame.id, {
        id: frame.id,
        rooms: frame.rooms,
        type: frame.type,
        data: frame.data,
        text: `{"seq":${frame.id},"type":${JSON.stringify(frame.type)},"data":${frame.json}}`,
      });
    }
  }

  /**
   * The kept frames in these rooms after `after`, up to the cursor, once everything committed so
   * far is delivered. `rooms` is read only then: delivery may have taken rooms away.
   */
  async function readKept(after: number, rooms: ReadonlySet<string>): Promise<KeptFrames> {
    await pump();
    const { oldest } = await findFrameIdBounds(db);
    const pruned = after < cursor && (oldest === undefined || oldest > after + 1);
    if (after > cursor || pruned) return { resync: 'The missed updates are no longer kept.' };
    const rows = await findFramesInRooms(db, {
      after,
      upTo: cursor,
      rooms: [...rooms],
      limit: MAX_REPLAY + 1,
    });
    if (rows.length > MAX_REPLAY) return { resync: 'Too much was missed to replay.' };
    return { rows };
  }

  /** Frames older than the retention are no longer offered to resumes. */
  async function prune() {
    try {
      await deleteFramesOlderThan(db, opts.retentionMs);
    } catch (err) {
      log.error({ err }, 'realtime: pruning failed');
    }
  }

  return {
    pump,
    keep,
    readKept,
    prune,
    get cursor() {
      return cursor;
    },
    /** Starts after the newest frame: what came before is for resumes only. */
    async start() {
      cursor = (await findNewestFrameId(db)) ?? 0;
    },
    /** Stops reading; resolves once a round under way has finished. */
    async stop() {
      closed = true;
      clearTimeout(retryTimer);
      await pumping;
    },
  };
}
