import type { MonitorSession } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { conflict, notFound } from '../../errors.ts';
import { isSupervisor, type Principal } from '../../principal.ts';
import { type EmitFrame, transact } from '../../realtime/frames.ts';
import type { FrameRule } from '../../realtime/replay-access.ts';
import { findChatRow, loadViewable, recordEvent, SUPERVISOR_ONLY_EVENTS } from '../chats/index.ts';
import type { Timer } from '../timers/index.ts';
import {
  endMonitorSession,
  findMonitorSession,
  findSilentMonitorSessions,
  insertMonitorSession,
  type MonitorSessionRow,
  touchMonitorSession,
} from './monitor.repo.ts';
import { requireSupervisor, type SupervisorDeps } from './supervisor.service.ts';

/*
 * A supervisor monitoring a chat: a session row while they watch, and one `observed` event
 * `{from, to}` when it ends (they leave, or stop being seen for 90 s). The event is the record;
 * only supervisors and admins ever see it.
 */

/** A session not seen for this long is over; the desk beats every 30 s. */
export const MONITOR_SILENCE_MS = 90_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toSession = (row: MonitorSessionRow): MonitorSession => ({
  id: row.id,
  chatId: row.chatId,
  startedAt: row.startedAt.toISOString(),
});

const silentSince = (row: MonitorSessionRow, now: Date) =>
  row.lastSeenAt.getTime() + MONITOR_SILENCE_MS <= now.getTime();

/** Starts watching a chat the supervisor may see (404 otherwise); their own chat is 409. */
export async function startMonitoring(
  deps: SupervisorDeps,
  principal: Principal,
  chatId: string,
): Promise<MonitorSession> {
  const me = requireSupervisor(principal);
  const chat = await loadViewable(deps, principal, chatId);
  if (chat.assigneeId === me.staffId)
    throw conflict('This is your own chat: you are in it already, there is nothing to monitor.');
  if (chat.status === 'closed')
    throw conflict('This chat is closed: read its conversation in History instead.');
  return toSession(
    await insertMonitorSession(deps.db, { chatId, staffId: me.staffId, at: new Date() }),
  );
}

/** The owner's open session, locked; anyone else's (or none) is 404, an ended one 409. */
async function lockOwnOpenSession(tx: Db, principal: Principal, id: string) {
  const me = requireSupervisor(principal);
  const row = UUID.test(id) ? await findMonitorSession(tx, id, true) : undefined;
  if (!row || row.staffId !== me.staffId) throw notFound('No such monitoring session.');
  if (row.endedAt)
    throw conflict('This monitoring session has ended. Open the chat again to watch it.');
  return row;
}

/**
 * Ends a session at `to` and writes its one `observed` event, acted by the supervisor. Callers
 * hold the session's row lock and have checked it is still open, so this runs once per session.
 */
async function endSession(tx: Db, emit: EmitFrame, row: MonitorSessionRow, to: Date) {
  await endMonitorSession(tx, row.id, to);
  const chat = await findChatRow(tx, row.chatId);
  if (!chat) return;
  await recordEvent(tx, emit, {
    chatId: chat.id,
    customerId: chat.customerId,
    type: 'observed',
    actor: { kind: 'staff', staffId: row.staffId },
    data: { from: row.startedAt.toISOString(), to: to.toISOString() },
  });
}

/**
 * The owner is still watching. A session already silent for 90 s is over: it ends where it was
 * last seen (as the stale timer would end it) and the heartbeat is told so (409).
 */
export async function heartbeat(deps: SupervisorDeps, principal: Principal, id: string) {
  const now = new Date();
  const ended = await transact(deps, async (tx, emit) => {
    const row = await lockOwnOpenSession(tx, principal, id);
    if (!silentSince(row, now)) {
      await touchMonitorSession(tx, row.id, now);
      return false;
    }
    await endSession(tx, emit, row, row.lastSeenAt);
    return true;
  });
  if (ended)
    throw conflict(
      'This monitoring session ended after 90 s without a heartbeat. Open the chat again to watch it.',
    );
}

/** The owner stops watching: the session ends now and its `observed` event is written. */
export async function endMonitoring(deps: SupervisorDeps, principal: Principal, id: string) {
  const now = new Date();
  await transact(deps, async (tx, emit) => {
    const row = await lockOwnOpenSession(tx, principal, id);
    await endSession(tx, emit, row, silentSince(row, now) ? row.lastSeenAt : now);
  });
}

/**
 * Ends sessions whose owner stopped beating (a closed tab, a lost network): `to` is when they
 * were last seen. The row is locked and checked again, so one session gives one event however
 * many workers race for it.
 */
export const staleMonitorTimer: Timer = {
  name: 'stale-monitor',
  findDue: (db, ctx, limit) =>
    findSilentMonitorSessions(db, new Date(ctx.now.getTime() - MONITOR_SILENCE_MS), limit),
  async fire(tx, emit, id, ctx) {
    const row = await findMonitorSession(tx, id, true);
    if (!row || row.endedAt || !silentSince(row, ctx.now)) return false;
    await endSession(tx, emit, row, row.lastSeenAt);
    return true;
  },
};

/**
 * `event.created` frames reach a socket in the chat's room unless the event is for supervisors
 * only (`observed`) and the reader is not one. Asked live and for every replayed frame.
 */
export function chatEventFrameRule(): FrameRule {
  return {
    scope: (data) => {
      const type = (data as { type?: unknown } | null)?.type;
      return typeof type === 'string' && SUPERVISOR_ONLY_EVENTS.includes(type)
        ? 'supervisors'
        : 'chat';
    },
    allows: async (principal, scope) => scope === 'chat' || isSupervisor(principal),
  };
}
