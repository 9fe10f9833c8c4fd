import type { FastifyBaseLogger } from 'fastify';
import { transact } from '../../realtime/frames.ts';
import { readSettings } from '../settings/index.ts';
import type { Timer, TimerContext, TimerDeps } from './timer.ts';

/*
 * The timer worker: every few seconds, for each registered timer, it asks which rows are due now
 * and fires each in a transaction of its own. Nothing is held in memory between passes, so a
 * restart loses nothing, and a fire checks again under the row's lock, so two workers (two nodes)
 * racing for one deadline act once (ADR 14).
 */

// A set: every app built in one process (tests build many) registers the same timers once.
const registered = new Set<Timer>();

/** Declares a timer; the worker of every node fires it from the next pass on. */
export function registerTimer(timer: Timer): void {
  registered.add(timer);
}

/** The timers registered so far, for a worker that was not given its own. */
export function registeredTimers(): Timer[] {
  return [...registered];
}

export type TimerWorkerDeps = TimerDeps & {
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
};

export type TimerWorkerOptions = {
  /** How often to look for due timers when nobody calls wake(). */
  intervalMs?: number;
  /** The worker's clock; tests move it. */
  now?: () => Date;
  /** Time runs this many times faster for the timers (`PARLEY_TIME_SCALE`): demos and tests. */
  timeScale?: number;
  /** The timers to fire; by default every registered one, as they stand at each pass. */
  timers?: Timer[];
  /** Due ids asked for per timer and query. */
  batchSize?: number;
};

export type TimerWorker = {
  /** Look for due timers now. */
  wake(): void;
  /** Fires everything due now; resolves with how many fires this call made. */
  drain(): Promise<number>;
  /** Stops polling and waits for the pass in flight. */
  stop(): Promise<void>;
};

/** A bound on one timer's batches in one pass, so a pass always ends. */
const MAX_BATCHES_PER_PASS = 100;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The moment and settings one pass works with; `ms` turns setting minutes into scaled time. */
export async function timerContext(
  deps: Pick<TimerDeps, 'db'>,
  now: Date,
  timeScale = 1,
): Promise<TimerContext> {
  return {
    now,
    settings: await readSettings(deps.db),
    ms: (minutes) => (minutes * 60_000) / timeScale,
  };
}

/** Starts the worker that fires due timers; stop it on shutdown. */
export function startTimerWorker(
  deps: TimerWorkerDeps,
  opts: TimerWorkerOptions = {},
): TimerWorker {
  const intervalMs = opts.intervalMs ?? 2000;
  const clock = opts.now ?? (() => new Date());
  const batchSize = opts.batchSize ?? 50;
  let stopped = false;
  let active: Promise<number> | undefined;
  let queued: Promise<number> | undefined;

  async function pass(): Promise<number> {
    let fired = 0;
    const timers = opts.timers ?? registeredTimers();
    if (timers.length === 0) return 0;
    // Settings are read once per pass: a change made through the admin API counts from the next.
    const ctx = await timerContext(deps, clock(), opts.timeScale);
    for (const timer of timers) {
      if (stopped) break;
      fired += await passOf(timer, ctx);
    }
    return fired;
  }

  /**
   * One timer's due ids, each fired on its own; a failing id is logged and the rest go on. A full
   * batch is followed by another while fires make progress, so a backlog clears in one pass.
   */
  async function passOf(timer: Timer, ctx: TimerContext): Promise<number> {
    let fired = 0;
    for (let round = 0; round < MAX_BATCHES_PER_PASS && !stopped; round++) {
      const ids = await findDueSafely(timer, ctx);
      let firedNow = 0;
      for (const id of ids) {
        if (stopped) break;
        if (await fireSafely(timer, id, ctx)) firedNow++;
        // PGlite answers without giving the event loop a turn: let sockets breathe between fires.
        await yieldToLoop();
      }
      fired += firedNow;
      if (ids.length < batchSize || firedNow === 0) break;
    }
    return fired;
  }

  async function findDueSafely(timer: Timer, ctx: TimerContext): Promise<string[]> {
    try {
      return await timer.findDue(deps.db, ctx, batchSize);
    } catch (err) {
      deps.log.error({ err, timer: timer.name }, 'timer could not look for due rows');
      return [];
    }
  }

  async function fireSafely(timer: Timer, id: string, ctx: TimerContext): Promise<boolean> {
    let fired: boolean;
    try {
      fired = await transact(deps, (tx, emit) => timer.fire(tx, emit, id, ctx));
    } catch (err) {
      // Rolled back: the row is as it was and the next pass finds it due again.
      deps.log.error({ err, timer: timer.name, id }, 'timer failed to fire');
      return false;
    }
    if (fired && timer.afterFire) {
      try {
        await timer.afterFire(id, deps);
      } catch (err) {
        deps.log.warn({ err, timer: timer.name, id }, 'work after a timer fired failed');
      }
    }
    return fired;
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
    drain().catch((err: unknown) => deps.log.error({ err }, 'timer pass failed'));
  };
  const interval = setInterval(tick, intervalMs);
  interval.unref();

  return {
    wake: tick,
    drain,
    async stop() {
      stopped = true;
      clearInterval(interval);
      await queued?.catch(() => 0);
      await active?.catch(() => 0);
    },
  };
}
