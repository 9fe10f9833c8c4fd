import type { Settings } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import type { EmitFrame, Notifier } from '../../realtime/frames.ts';
import type { Presence } from '../../realtime/presence.ts';

/*
 * A timer is a deadline the database already holds: a row's timestamps plus a setting say when
 * it is due, so there is no second record to keep in step (ADR 14). Each feature declares its
 * timers here; the timer worker (timers.worker.ts) finds what is due and fires each one in its
 * own transaction.
 */

/** The moment and the settings a pass of the timer worker works with. */
export type TimerContext = {
  /** The worker's clock: tests and fast demos move it; everything due is due by this. */
  now: Date;
  settings: Settings;
  /**
   * Minutes and hours of the settings in milliseconds, divided by the configured time scale
   * (`PARLEY_TIME_SCALE`, 1 in production): a demo or a browser test can run an offer's 20
   * minutes in 20 seconds.
   */
  ms(minutes: number): number;
};

/** What a timer's `afterFire` may use: the worker's own database, hubs, presence and outbox. */
export type TimerDeps = {
  db: Db;
  notifier: Notifier;
  presence: Presence;
  /** Wakes the outbox worker after a fire queued a message (an auto-reply). */
  outbox?: { wake(): void };
};

export type Timer = {
  /** A short name for logs and metrics: `transfer-offer`, `pending-auto-close`, … */
  name: string;
  /** Ids of what is due at `ctx.now`, oldest deadline first, at most `limit` (an indexed query). */
  findDue(db: Db, ctx: TimerContext, limit: number): Promise<string[]>;
  /**
   * Fires one, inside the worker's transaction: lock the row, check again under the lock that it
   * is still due (another node may have fired it, or the state it was set for has changed), and
   * act. Answers whether it fired; false changes nothing.
   */
  fire(tx: Db, emit: EmitFrame, id: string, ctx: TimerContext): Promise<boolean>;
  /** Runs after a fire commits, e.g. serving the queue. Failures are logged, not retried. */
  afterFire?(id: string, deps: TimerDeps): Promise<void>;
};
