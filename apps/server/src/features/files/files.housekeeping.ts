import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { FileStore } from './file-store.ts';
import { deleteUnsentUploads } from './unsent-uploads.repo.ts';

/** An upload nobody sent within a day was abandoned: its row and its bytes go. */
export const UNSENT_UPLOAD_MS = 24 * 60 * 60 * 1000;
const BATCH = 200;

/**
 * Forgets abandoned uploads, row first and bytes after: a failure in between leaves bytes that
 * nothing points to, never a file in a chat whose bytes are gone. Returns how many uploads went.
 */
export async function sweepUnsentUploads(
  db: Db,
  files: FileStore,
  olderThanMs = UNSENT_UPLOAD_MS,
): Promise<number> {
  let removed = 0;
  for (;;) {
    const removedFiles = await deleteUnsentUploads(db, olderThanMs, BATCH);
    for (const keys of removedFiles) for (const key of keys) await files.delete(key);
    removed += removedFiles.length;
    if (removedFiles.length < BATCH) return removed;
  }
}

/** Runs the sweep every so often on every node (each row goes once); returns the stopper. */
export function startFilesHousekeeping(
  db: Db,
  files: FileStore,
  log: Pick<FastifyBaseLogger, 'error'>,
  everyMs = 10 * 60_000,
) {
  const timer = setInterval(() => {
    sweepUnsentUploads(db, files).catch((err: unknown) =>
      log.error({ err }, 'files housekeeping failed'),
    );
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
