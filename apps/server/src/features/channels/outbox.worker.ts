import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { type EmitFrame, type Notifier, transact } from '../../realtime/frames.ts';
import { rooms } from '../../realtime/rooms.ts';
import { toMessages } from '../chats/index.ts';
import { type FetchLike, SEND_TIMEOUT_MS, sendOutbound } from './adapters.ts';
import {
  findDelivery,
  markMessageFailed,
  markMessageSent,
  type MessageRow,
} from './channels.repo.ts';
import { openChannel } from './channel-secrets.ts';
import type { FileStore } from '../files/index.ts';
import { type OutboundMediaDeps, outboundFilesOf } from './outbound-files.ts';
import { MEDIA_TIMEOUT_MS } from './media-download.ts';
import { fetchMedia } from './media-fetch.job.ts';
import {
  claimDueMediaFetches,
  claimDueOutbox,
  findDirectSend,
  type OutboxClaim,
  settleOutbox,
} from './outbox.repo.ts';
import { backoffDelay, judgeFailure } from './outbox-retry.ts';

export { backoffDelay };

export type OutboxDeps = {
  db: Db;
  notifier: Notifier;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  /** Where fetched customer media is stored; without it media fetches wait for a worker that has one. */
  files?: FileStore | undefined;
  /** Where replies' files are read from, and the absolute base of their signed links. */
  media?: OutboundMediaDeps;
};

export type OutboxOptions = {
  /** How often to look for due rows when nobody calls wake(). */
  intervalMs?: number;
  fetchImpl?: FetchLike;
  /** Where providers call back with delivery statuses (PARLEY_PUBLIC_URL). */
  publicUrl?: string;
  /** Attempts before a retryable failure is given up on. */
  maxAttempts?: number;
  /** The first retry waits about this long; each later one about twice the one before. */
  baseDelayMs?: number;
  /** Rows sent side by side (each to a different chat). */
  batchSize?: number;
  /** Customer files fetched side by side, apart from the sends. */
  mediaBatchSize?: number;
};

export type OutboxWorker = {
  /** Look for due rows now (call after committing a reply). */
  wake(): void;
  /** Sends everything due now; resolves with how many rows this call settled. */
  drain(): Promise<number>;
  /** Stops polling and waits for the rows in flight. */
  stop(): Promise<void>;
};

export const OPTED_OUT_REASON = 'The customer opted out (//stop)';
/** Longer than a send can take (its timeout) plus the writes around it. */
const LEASE_MS = SEND_TIMEOUT_MS * 6;
/** Longer than a download may take, plus checking and storing the file. */
const MEDIA_LEASE_MS = MEDIA_TIMEOUT_MS * 3;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The transactional outbox: replies are committed with a row here, and this worker hands each to
 * its channel at least once, retrying with backoff, and reports every outcome on the chat's room.
 */
export function startOutboxWorker(deps: OutboxDeps, opts: OutboxOptions = {}): OutboxWorker {
  const settings = {
    intervalMs: opts.intervalMs ?? 500,
    fetchImpl: opts.fetchImpl ?? fetch,
    publicUrl: opts.publicUrl,
    maxAttempts: opts.maxAttempts ?? 8,
    baseDelayMs: opts.baseDelayMs ?? 1000,
    batchSize: opts.batchSize ?? 10,
    mediaBatchSize: opts.mediaBatchSize ?? 4,
  };
  let stopped = false;

  async function sendPass(): Promise<number> {
    let settled = 0;
    while (!stopped) {
      const claims = await claimDueOutbox(deps.db, {
        limit: settings.batchSize,
        leaseMs: LEASE_MS,
      });
      if (claims.length === 0) break;
      const results = await Promise.all(
        claims.map((claim) => safely(claim.id, () => deliver(deps, settings, claim))),
      );
      settled += results.filter(Boolean).length;
      await yieldToLoop();
    }
    return settled;
  }

  async function mediaPass(): Promise<number> {
    const files = deps.files;
    if (!files) return 0;
    let settled = 0;
    while (!stopped) {
      const claims = await claimDueMediaFetches(deps.db, {
        limit: settings.mediaBatchSize,
        leaseMs: MEDIA_LEASE_MS,
      });
      if (claims.length === 0) break;
      const results = await Promise.all(
        claims.map((claim) =>
          safely(claim.id, () => fetchMedia({ ...deps, files }, settings, claim)),
        ),
      );
      settled += results.filter(Boolean).length;
      await yieldToLoop();
    }
    return settled;
  }

  async function safely(outboxId: number, work: () => Promise<boolean>): Promise<boolean> {
    try {
      return await work();
    } catch (err) {
      // The database failed around the work; the lease runs out and the row is tried again.
      deps.log.error({ err, outboxId }, 'outbox row could not be settled');
      return false;
    } finally {
      // PGlite answers without giving the event loop a turn: let sockets breathe between rows.
      await yieldToLoop();
    }
  }

  // Sends and media fetches run in lanes of their own, so a slow download never holds a reply.
  const sends = lane(sendPass);
  const media = lane(mediaPass);
  const drain = async () => {
    const [sent, fetched] = await Promise.all([sends.drain(), media.drain()]);
    return sent + fetched;
  };

  const tick = () => {
    if (stopped) return;
    drain().catch((err: unknown) => deps.log.error({ err }, 'outbox pass failed'));
  };
  const timer = setInterval(tick, settings.intervalMs);
  timer.unref();

  return {
    wake: tick,
    drain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all([sends.settle(), media.settle()]);
    },
  };
}

/** One pass at a time; calls during a pass share one follow-up pass. */
function lane(pass: () => Promise<number>) {
  let active: Promise<number> | undefined;
  let queued: Promise<number> | undefined;
  function drain(): Promise<number> {
    if (!active) {
      active = pass().finally(() => {
        active = undefined;
      });
      return active;
    }
    queued ??= active
      .catch(() => 0)
      .then(() => {
        queued = undefined;
        return drain();
      });
    return queued;
  }
  return {
    drain,
    async settle() {
      await queued?.catch(() => 0);
      await active?.catch(() => 0);
    },
  };
}

type Settings = Required<Omit<OutboxOptions, 'fetchImpl' | 'publicUrl'>> & {
  fetchImpl: FetchLike;
  publicUrl?: string | undefined;
};

const judge = (err: unknown, claim: OutboxClaim, settings: Settings) =>
  judgeFailure(
    err,
    claim.attempts,
    settings.maxAttempts,
    (attempts, reason) => `Not delivered after ${attempts} attempts. The last answer: ${reason}`,
  );

/**
 * A direct send (a one-time code): no message or chat, just a text to a number through a channel.
 * Its outcome is only logged, without the text; settling clears the text either way.
 */
async function deliverDirect(deps: OutboxDeps, settings: Settings, claim: OutboxClaim) {
  const direct = await findDirectSend(deps.db, claim.id);
  const channel = direct && (await openChannel(deps.db, direct.channelId));
  if (!direct || !channel)
    return settleOutbox(deps.db, claim, { state: 'failed', error: 'Nothing to send.' });
  try {
    await sendOutbound(
      channel,
      { id: `direct-${claim.id}`, chatId: null, text: direct.body, to: direct.toPhone },
      settings.fetchImpl,
      { publicUrl: settings.publicUrl },
    );
  } catch (err) {
    const { giveUp, attempts, failure } = judge(err, claim, settings);
    deps.log.warn({ outboxId: claim.id, attempts, reason: failure.reason }, 'direct send failed');
    if (giveUp) return settleOutbox(deps.db, claim, { state: 'failed', error: giveUp });
    const delayMs = backoffDelay(claim.attempts, settings.baseDelayMs);
    return settleOutbox(deps.db, claim, { state: 'pending', error: failure.reason, delayMs });
  }
  return settleOutbox(deps.db, claim, { state: 'done' });
}

/** One row: send, then record the outcome with its frame. False when there was nothing to settle. */
async function deliver(deps: OutboxDeps, settings: Settings, claim: OutboxClaim) {
  if (claim.messageId === null) return deliverDirect(deps, settings, claim);
  const found = await findDelivery(deps.db, claim.messageId);
  if (!found)
    return settleOutbox(deps.db, claim, { state: 'failed', error: 'The message is gone.' });
  const { message, customer } = found;
  if (message.direction !== 'out' || message.status !== 'queued') {
    // Already settled (or never ours to send): nothing to do, and sending again would double it.
    return settleOutbox(deps.db, claim, { state: 'done' });
  }
  if (customer.optedOutAt) return fail(deps, claim, message, OPTED_OUT_REASON, customer.name);

  // Through the cache, with secrets opened once per entry rather than per reply.
  const channel = await openChannel(deps.db, found.channel.id);
  if (!channel) return fail(deps, claim, message, 'The channel is gone.', customer.name);
  let providerMessageId: string | undefined;
  try {
    const sent = await sendOutbound(
      channel,
      {
        id: message.id,
        chatId: message.chatId,
        text: message.text,
        to: customer.phone,
        sentAt: message.createdAt,
        ...(await outboundFilesOf(deps.db, deps.media, message)),
      },
      settings.fetchImpl,
      { publicUrl: settings.publicUrl },
    );
    providerMessageId = sent.providerMessageId;
  } catch (err) {
    const { giveUp, attempts, failure } = judge(err, claim, settings);
    if (giveUp) return fail(deps, claim, message, giveUp, customer.name);
    const delayMs = backoffDelay(claim.attempts, settings.baseDelayMs);
    deps.log.warn(
      { outboxId: claim.id, attempts, delayMs, reason: failure.reason },
      'reply will be retried',
    );
    return settleOutbox(deps.db, claim, { state: 'pending', error: failure.reason, delayMs });
  }

  return transact(deps, async (tx, emit) => {
    if (!(await settleOutbox(tx, claim, { state: 'done' }))) return false;
    const row = await markMessageSent(tx, message.id, providerMessageId);
    if (row) await announce(tx, emit, row, customer.name);
    return true;
  });
}

async function fail(
  deps: OutboxDeps,
  claim: OutboxClaim,
  message: MessageRow,
  reason: string,
  customerName: string | null,
) {
  deps.log.warn({ outboxId: claim.id, messageId: message.id, reason }, 'reply not delivered');
  return transact(deps, async (tx, emit) => {
    if (!(await settleOutbox(tx, claim, { state: 'failed', error: reason }))) return false;
    const row = await markMessageFailed(tx, message.id, reason);
    if (row) await announce(tx, emit, row, customerName);
    return true;
  });
}

async function announce(tx: Db, emit: EmitFrame, row: MessageRow, customerName: string | null) {
  const [frame] = await toMessages(tx, [row], customerName);
  if (frame) await emit({ type: 'message.updated', rooms: [rooms.chat(row.chatId)], data: frame });
}
