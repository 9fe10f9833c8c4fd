import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { openWebhookSecret } from './webhook-secret.ts';
import { type FetchLike, postWebhookEvent, WEBHOOK_TIMEOUT_MS } from './webhook-sender.ts';
import { privateTargetRefusal } from './webhook-url.ts';
import {
  claimDueDeliveries,
  type DeliveryClaim,
  findClaimedDelivery,
  settleDelivery,
} from './webhooks.repo.ts';

export type WebhookWorkerDeps = {
  db: Db;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
};

export type WebhookWorkerOptions = {
  /** How often to look for due deliveries when nobody calls wake(). */
  intervalMs?: number;
  fetchImpl?: FetchLike;
  /** Attempts before a delivery is given up on. */
  maxAttempts?: number;
  /** The first retry waits about this long; each later one about twice the one before. */
  baseDelayMs?: number;
  /** Deliveries sent side by side. */
  batchSize?: number;
  /** Whether URLs may resolve to private or loopback addresses (development, tests, the demo). */
  allowPrivateTargets?: boolean;
};

export type WebhookWorker = {
  /** Look for due deliveries now. */
  wake(): void;
  /** Sends everything due now; resolves with how many deliveries this call settled. */
  drain(): Promise<number>;
  /** Stops polling and waits for the deliveries in flight. */
  stop(): Promise<void>;
};

/** Longer than a send can take (its timeout) plus the writes around it. */
const LEASE_MS = WEBHOOK_TIMEOUT_MS * 6;
/** With 8 attempts and a 10-minute base, the last retry comes between ~11 and ~21 hours on. */
const DEFAULT_BASE_DELAY_MS = 10 * 60_000;

/** Exponential backoff with "equal jitter": between half and all of base·2^attempts. */
export function webhookBackoff(attemptsBefore: number, baseDelayMs: number, random = Math.random) {
  const ceiling = baseDelayMs * 2 ** attemptsBefore;
  return ceiling / 2 + random() * (ceiling / 2);
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Sends queued webhook deliveries at least once each, retrying with backoff (ADR 12). Each node
 * may run one: the lease in `claimDueDeliveries` keeps two from sending one delivery at once.
 */
export function startWebhookWorker(
  deps: WebhookWorkerDeps,
  opts: WebhookWorkerOptions = {},
): WebhookWorker {
  const settings = {
    intervalMs: opts.intervalMs ?? 1000,
    fetchImpl: opts.fetchImpl ?? fetch,
    maxAttempts: opts.maxAttempts ?? 8,
    baseDelayMs: opts.baseDelayMs ?? DEFAULT_BASE_DELAY_MS,
    batchSize: opts.batchSize ?? 10,
    allowPrivateTargets: opts.allowPrivateTargets ?? false,
  };
  let stopped = false;
  let active: Promise<number> | undefined;
  let queued: Promise<number> | undefined;

  async function pass(): Promise<number> {
    let settled = 0;
    while (!stopped) {
      const claims = await claimDueDeliveries(deps.db, {
        limit: settings.batchSize,
        leaseMs: LEASE_MS,
      });
      if (claims.length === 0) break;
      const results = await Promise.all(claims.map((claim) => deliverSafely(claim)));
      settled += results.filter(Boolean).length;
      await yieldToLoop();
    }
    return settled;
  }

  async function deliverSafely(claim: DeliveryClaim): Promise<boolean> {
    try {
      return await deliver(claim);
    } catch (err) {
      // The database failed around the send; the lease runs out and the row is tried again.
      deps.log.error({ err, deliveryId: claim.id }, 'webhook delivery could not be settled');
      return false;
    } finally {
      await yieldToLoop();
    }
  }

  async function deliver(claim: DeliveryClaim): Promise<boolean> {
    const found = await findClaimedDelivery(deps.db, claim);
    // Its subscription was deleted after the claim: the row went with it.
    if (!found) return false;
    const refusal = settings.allowPrivateTargets
      ? undefined
      : await privateTargetRefusal(found.url).catch(
          (err: unknown) => `The host could not be resolved: ${String(err)}`,
        );
    const outcome = refusal
      ? { ok: false as const, status: null, error: refusal }
      : await postWebhookEvent(
          { url: found.url, secret: openWebhookSecret(found.secret) },
          {
            id: found.eventId,
            type: found.eventType,
            at: found.eventAt.toISOString(),
            data: found.data,
          },
          settings.fetchImpl,
        );
    if (outcome.ok)
      return settleDelivery(deps.db, claim, {
        state: 'delivered',
        error: null,
        responseStatus: outcome.status,
      });
    const attempts = claim.attempts + 1;
    if (attempts >= settings.maxAttempts) {
      deps.log.warn({ deliveryId: claim.id, attempts, reason: outcome.error }, 'webhook failed');
      return settleDelivery(deps.db, claim, {
        state: 'failed',
        error: `Not delivered after ${attempts} attempts. The last: ${outcome.error}`,
        responseStatus: outcome.status,
      });
    }
    const delayMs = webhookBackoff(claim.attempts, settings.baseDelayMs);
    return settleDelivery(deps.db, claim, {
      state: 'pending',
      error: outcome.error,
      responseStatus: outcome.status,
      delayMs,
    });
  }

  // One pass at a time per worker; calls during a pass share one follow-up pass.
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

  const tick = () => {
    if (stopped) return;
    drain().catch((err: unknown) => deps.log.error({ err }, 'webhook pass failed'));
  };
  const timer = setInterval(tick, settings.intervalMs);
  timer.unref();

  return {
    wake: tick,
    drain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await queued?.catch(() => 0);
      await active?.catch(() => 0);
    },
  };
}
