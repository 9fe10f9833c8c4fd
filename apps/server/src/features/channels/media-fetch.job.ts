import type { Db } from '../../db/client.ts';
import type { FastifyBaseLogger } from 'fastify';
import { type EmitFrame, type Notifier, transact } from '../../realtime/frames.ts';
import { customerVisibleRooms } from '../../realtime/rooms.ts';
import { toMessages } from '../chats/index.ts';
import { type FileStore, ingestFile, isRefused, type StoredFile } from '../files/index.ts';
import { readSettings } from '../settings/index.ts';
import { DeliveryError, type FetchLike } from './adapters.ts';
import { openChannel } from './channel-secrets.ts';
import { downloadMedia } from './media-download.ts';
import { findMediaJob, markAttachmentFailed, markAttachmentReady } from './media-fetch.repo.ts';
import { type MediaClaim, settleOutbox } from './outbox.repo.ts';
import { backoffDelay, judgeFailure } from './outbox-retry.ts';

export type MediaJobDeps = {
  db: Db;
  notifier: Notifier;
  log: Pick<FastifyBaseLogger, 'warn'>;
  files: FileStore;
};
export type MediaJobSettings = { fetchImpl: FetchLike; maxAttempts: number; baseDelayMs: number };

type Job = NonNullable<Awaited<ReturnType<typeof findMediaJob>>>;

/**
 * Fetches one customer file from the provider, checks and stores it, and tells everyone who saw
 * the message (its chat's room and the customer's widget) with `message.updated`: the picture
 * appears, or the reason it could not be fetched. A retryable failure waits with backoff like a
 * reply does. False when there was nothing to settle (the lease was lost).
 */
export async function fetchMedia(
  deps: MediaJobDeps,
  settings: MediaJobSettings,
  claim: MediaClaim,
): Promise<boolean> {
  const job = await findMediaJob(deps.db, claim.attachmentId);
  const source = job?.attachment.source;
  if (!job || !source)
    return settleOutbox(deps.db, claim, { state: 'failed', error: 'Nothing to fetch.' });
  // Fetched already (a worker that overran its lease): nothing left to do.
  if (job.attachment.state !== 'downloading')
    return settleOutbox(deps.db, claim, { state: 'done' });

  let stored: StoredFile;
  try {
    const channel = await openChannel(deps.db, job.message.channelId);
    if (!channel) throw new DeliveryError('The channel is gone.', false);
    const maxBytes = (await readSettings(deps.db)).maxAttachmentMegabytes * 1024 * 1024;
    const media = await downloadMedia(channel, source, maxBytes, settings.fetchImpl);
    const result = await ingestFile(deps.files, media.bytes, {
      name: job.attachment.name,
      declaredType: media.declaredType,
      maxBytes,
      expectedSha256: media.sha256,
    });
    if (isRefused(result)) throw new DeliveryError(result.refused, false);
    stored = result;
  } catch (err) {
    const { giveUp, attempts, failure } = judgeFailure(
      err,
      claim.attempts,
      settings.maxAttempts,
      (n, reason) =>
        `The file could not be fetched after ${n} attempts. The last answer: ${reason}`,
    );
    if (giveUp) {
      deps.log.warn({ outboxId: claim.id, reason: giveUp }, 'media not fetched');
      return settle(
        deps,
        claim,
        job,
        (tx) => markAttachmentFailed(tx, job.attachment.id, giveUp),
        giveUp,
      );
    }
    const delayMs = backoffDelay(claim.attempts, settings.baseDelayMs);
    deps.log.warn(
      { outboxId: claim.id, attempts, delayMs, reason: failure.reason },
      'media fetch will be retried',
    );
    return settleOutbox(deps.db, claim, { state: 'pending', error: failure.reason, delayMs });
  }
  let kept = false;
  const settled = await settle(deps, claim, job, async (tx) => {
    kept = await markAttachmentReady(tx, job.attachment.id, stored);
    return kept;
  });
  // Another worker settled it meanwhile: the bytes stored here belong to nothing.
  if (!kept) await forget(deps.files, stored);
  return settled;
}

async function settle(
  deps: MediaJobDeps,
  claim: MediaClaim,
  job: Job,
  change: (tx: Db) => Promise<boolean>,
  error?: string,
) {
  return transact(deps, async (tx, emit) => {
    const outcome =
      error === undefined ? { state: 'done' as const } : { state: 'failed' as const, error };
    if (!(await settleOutbox(tx, claim, outcome))) return false;
    if (await change(tx)) await announce(tx, emit, job);
    return true;
  });
}

/** The message again, with its file's new state, to the same rooms that heard it arrive. */
async function announce(tx: Db, emit: EmitFrame, job: Job) {
  const [frame] = await toMessages(tx, [job.message], job.customerName);
  if (frame)
    await emit({ type: 'message.updated', rooms: customerVisibleRooms(job.chat), data: frame });
}

async function forget(files: FileStore, stored: StoredFile) {
  await files.delete(stored.storageKey);
  if (stored.thumbnailKey) await files.delete(stored.thumbnailKey);
}
