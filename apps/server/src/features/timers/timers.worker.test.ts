import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { departments } from '../../db/schema.ts';
import { createLocalPresence } from '../../realtime/presence.ts';
import { makeStaff, staffPrincipal } from '../../test/harness.ts';
import { updateSettings } from '../settings/settings.service.ts';
import type { Timer, TimerContext } from './timer.ts';
import { keptFrames, keptLog, testClock, timerDatabases } from './timers.test-support.ts';
import {
  registeredTimers,
  registerTimer,
  startTimerWorker,
  type TimerWorker,
  type TimerWorkerOptions,
} from './timers.worker.ts';

/*
 * The worker's own rules, with timers made up here: what it asks, when, in which transaction,
 * and what a failure stops (nothing but itself). The chat timers are proven in
 * chats/chat-timers.test.ts.
 */

let database: Database;
beforeAll(async () => {
  ({ database } = await timerDatabases());
});

const started: TimerWorker[] = [];
afterEach(async () => {
  for (const worker of started.splice(0)) await worker.stop();
});

function worker(timers: Timer[], opts: TimerWorkerOptions = {}) {
  const kept = keptLog();
  const frames = keptFrames();
  const outboxWakes = { count: 0 };
  const w = startTimerWorker(
    {
      db: database.db,
      notifier: frames.notifier,
      presence: createLocalPresence(),
      outbox: { wake: () => void outboxWakes.count++ },
      log: kept.log,
    },
    { intervalMs: 60_000, timers, ...opts },
  );
  started.push(w);
  return { worker: w, problems: kept.problems, frames: frames.frames };
}

/** A timer over a set of ids in memory: due while listed, fired by taking them off the list. */
function listTimer(ids: string[], overrides: Partial<Timer> = {}) {
  const due = new Set(ids);
  const seen: TimerContext[] = [];
  const after: string[] = [];
  const timer: Timer = {
    name: `list-${randomUUID().slice(0, 6)}`,
    async findDue(_db, ctx, limit) {
      seen.push(ctx);
      return [...due].slice(0, limit);
    },
    async fire(_tx, _emit, id) {
      return due.delete(id);
    },
    async afterFire(id) {
      after.push(id);
    },
    ...overrides,
  };
  return { timer, due, seen, after };
}

describe('the timer registry', () => {
  it('keeps each timer once, however many apps register it', () => {
    const { timer } = listTimer([]);
    registerTimer(timer);
    registerTimer(timer);
    expect(registeredTimers().filter((t) => t === timer)).toHaveLength(1);
  });
});

describe('a pass of the timer worker', () => {
  it('fires every due id once, runs afterFire for each, and finds nothing left on the next pass', async () => {
    const list = listTimer(['a', 'b', 'c']);
    const { worker: w, problems } = worker([list.timer]);
    expect(await w.drain()).toBe(3);
    expect(list.after).toEqual(['a', 'b', 'c']);
    expect(await w.drain()).toBe(0);
    expect(list.after).toHaveLength(3);
    expect(problems).toEqual([]);
  });

  it('clears a backlog larger than one batch in one pass', async () => {
    const list = listTimer(['1', '2', '3', '4', '5']);
    const { worker: w } = worker([list.timer], { batchSize: 2 });
    expect(await w.drain()).toBe(5);
    expect(list.seen).toHaveLength(3);
  });

  it('stops asking when a full batch fires nothing (no endless pass over rows that stay due)', async () => {
    const list = listTimer(['stuck-1', 'stuck-2'], { fire: async () => false });
    const { worker: w } = worker([list.timer], { batchSize: 2 });
    expect(await w.drain()).toBe(0);
    expect(list.seen).toHaveLength(1);
  });

  it('gives the timers the clock’s now, the settings, and minutes shortened by the time scale', async () => {
    const clock = testClock(new Date('2030-01-01T10:00:00Z'));
    const list = listTimer([]);
    const { worker: w } = worker([list.timer], { now: clock.now, timeScale: 60 });
    await w.drain();
    clock.set(new Date('2030-01-01T11:00:00Z'));
    await w.drain();
    expect(list.seen.map((ctx) => ctx.now.toISOString())).toEqual([
      '2030-01-01T10:00:00.000Z',
      '2030-01-01T11:00:00.000Z',
    ]);
    expect(list.seen[0]!.ms(30)).toBe(30_000);
    expect(list.seen[0]!.settings.agentReplyTimeoutMinutes).toBeGreaterThanOrEqual(10);
  });

  it('counts a minute as a minute without a time scale', async () => {
    const list = listTimer([]);
    const { worker: w } = worker([list.timer]);
    await w.drain();
    expect(list.seen[0]!.ms(20)).toBe(20 * 60_000);
  });

  it('reads the settings again on every pass: an admin’s change counts from the next one', async () => {
    const admin = await makeStaff(database.db, { role: 'admin' });
    const list = listTimer([]);
    const { worker: w } = worker([list.timer]);
    const change = (minutes: number) =>
      updateSettings({ db: database.db }, staffPrincipal(admin.id, 'admin'), {
        agentReplyTimeoutMinutes: minutes,
      });
    await change(45);
    await w.drain();
    await change(12);
    await w.drain();
    expect(list.seen.map((ctx) => ctx.settings.agentReplyTimeoutMinutes)).toEqual([45, 12]);
  });

  it('logs an id that fails and fires the rest of the pass', async () => {
    const list = listTimer(['ok-1', 'broken', 'ok-2']);
    const fire = list.timer.fire;
    list.timer.fire = async (tx, emit, id, ctx) => {
      if (id === 'broken') throw new Error('this one is broken');
      return fire(tx, emit, id, ctx);
    };
    const { worker: w, problems } = worker([list.timer]);
    expect(await w.drain()).toBe(2);
    expect(list.after).toEqual(['ok-1', 'ok-2']);
    expect(problems).toMatchObject([
      {
        level: 'error',
        obj: { timer: list.timer.name, id: 'broken' },
        msg: 'timer failed to fire',
      },
    ]);
    // Still due: the next pass tries it again.
    expect([...list.due]).toEqual(['broken']);
  });

  it('goes on to the next timer when one cannot look for due rows', async () => {
    const broken = listTimer([], {
      findDue: () => Promise.reject(new Error('the query failed')),
    });
    const fine = listTimer(['x']);
    const { worker: w, problems } = worker([broken.timer, fine.timer]);
    expect(await w.drain()).toBe(1);
    expect(problems).toMatchObject([{ level: 'error', obj: { timer: broken.timer.name } }]);
  });

  it('counts a fire whose afterFire fails, and only warns', async () => {
    const list = listTimer(['y'], {
      afterFire: () => Promise.reject(new Error('the queue could not be served')),
    });
    const { worker: w, problems } = worker([list.timer]);
    expect(await w.drain()).toBe(1);
    expect(problems).toMatchObject([{ level: 'warn', obj: { id: 'y' } }]);
  });

  it('runs no afterFire for a fire that answered false (it changed nothing)', async () => {
    const list = listTimer(['z'], { fire: async () => false });
    const { worker: w } = worker([list.timer]);
    expect(await w.drain()).toBe(0);
    expect(list.after).toEqual([]);
  });

  it('fires in a transaction: a failing fire leaves nothing, a good one commits with its frames', async () => {
    const name = `Timer dept ${randomUUID().slice(0, 8)}`;
    const timer: Timer = {
      name: 'writes',
      findDue: async () => ['commit', 'rollback'],
      async fire(tx, emit, id) {
        await tx.insert(departments).values({ name: `${name} ${id}` });
        await emit({ type: 'presence.changed', rooms: ['test'], data: { staffId: id } } as never);
        if (id === 'rollback') throw new Error('after the write');
        return true;
      },
    };
    const { worker: w, frames } = worker([timer]);
    expect(await w.drain()).toBe(1);
    const rows = await database.db
      .select()
      .from(departments)
      .where(eq(departments.name, `${name} commit`));
    expect(rows).toHaveLength(1);
    const rolledBack = await database.db
      .select()
      .from(departments)
      .where(eq(departments.name, `${name} rollback`));
    expect(rolledBack).toHaveLength(0);
    // The hubs were woken with the committed fire's frame only.
    expect(frames.map((f) => f.rooms)).toEqual([['test']]);
  });

  it('runs one pass at a time: drains asked for during a pass share one follow-up pass', async () => {
    let passes = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const timer: Timer = {
      name: 'slow',
      async findDue() {
        passes++;
        if (passes === 1) await gate;
        return [];
      },
      fire: async () => false,
    };
    const { worker: w } = worker([timer]);
    const first = w.drain();
    const second = w.drain();
    const third = w.drain();
    release();
    await Promise.all([first, second, third]);
    expect(passes).toBe(2);
  });

  it('looks by itself every intervalMs, and not after stop()', async () => {
    const list = listTimer(['tick']);
    const { worker: w } = worker([list.timer], { intervalMs: 100 });
    await expect.poll(() => list.after, { timeout: 5000 }).toEqual(['tick']);
    await w.stop();
    const before = list.seen.length;
    list.due.add('late');
    w.wake();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(list.seen.length).toBe(before);
    expect(list.after).toEqual(['tick']);
  });

  it('fires the registered timers when it is given none of its own', async () => {
    const list = listTimer(['registered']);
    registerTimer(list.timer);
    const kept = keptLog();
    const w = startTimerWorker(
      {
        db: database.db,
        notifier: { wake: () => undefined },
        presence: createLocalPresence(),
        log: kept.log,
      },
      { intervalMs: 60_000 },
    );
    started.push(w);
    await w.drain();
    expect(list.after).toEqual(['registered']);
  });
});
