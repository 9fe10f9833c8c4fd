import type { Db } from '../../db/client.ts';
import type { EmitFrame } from '../../realtime/frames.ts';
import { notify } from '../notifications/index.ts';
import type { Timer, TimerContext, TimerDeps } from '../timers/index.ts';
import { sendAutoReply } from './auto-replies.ts';
import { closeChatTransition, returnToQueueTransition } from './chat-lifecycle.service.ts';
import {
  findInactivityDue,
  findPendingCloseDue,
  findPendingWarningDue,
  findReplyTimeoutsDue,
  markInactivityWarned,
} from './chat-timers.repo.ts';
import { recordEvent } from './chat-events.service.ts';
import { type ChatRow, findChatRow, findCustomerName } from './chats.repo.ts';
import { serveQueue } from './routing.service.ts';

/*
 * The chat's own deadlines (ADR 14). Each is a predicate over the chat's row and the settings:
 * `findDue` asks it of every open chat with one indexed query, `fire` asks it again of the locked
 * row, so whatever changed in between (a reply, a customer message, a flag, another node firing
 * first) cancels the fire. Flagged chats are exempt from all three.
 */

const SYSTEM = { kind: 'system' } as const;

/** The moment `minutes` (scaled) before the pass's now: a deadline counted from before it is due. */
const cutoff = (ctx: TimerContext, minutes: number) =>
  new Date(ctx.now.getTime() - ctx.ms(minutes));

const notAfter = (moment: Date | null, bound: Date) =>
  moment !== null && moment.getTime() <= bound.getTime();

/** The later of two moments, ignoring a missing one (SQL's `greatest`). */
const later = (a: Date | null, b: Date) => (a && a.getTime() > b.getTime() ? a : b);

/** Whether the agent has left the customer waiting past the reply timeout. */
export function replyTimeoutDue(chat: ChatRow, ctx: TimerContext): boolean {
  if (
    chat.kind !== 'chat' ||
    chat.status !== 'live' ||
    chat.flagged ||
    !chat.assigneeId ||
    !chat.awaitingReplySince
  )
    return false;
  const since = later(chat.awaitingReplySince, chat.stateSince);
  return notAfter(since, cutoff(ctx, ctx.settings.agentReplyTimeoutMinutes));
}

/** The warning comes this long before the close; none when it would not come before it. */
const inactivityCutoffs = (ctx: TimerContext) => {
  const close = ctx.settings.customerInactivityCloseMinutes;
  const warning = ctx.settings.customerInactivityWarningMinutes;
  const warnBefore = warning < close ? warning : 0;
  return { warn: cutoff(ctx, close - warnBefore), close: cutoff(ctx, close) };
};

/** What the customer's silence calls for now: a close, a warning, or nothing. */
export function inactivityStep(chat: ChatRow, ctx: TimerContext): 'close' | 'warn' | undefined {
  if (chat.kind !== 'chat' || chat.status !== 'live' || chat.flagged || chat.awaitingReplySince)
    return undefined;
  const base = later(chat.lastStaffReplyAt, chat.stateSince);
  const cutoffs = inactivityCutoffs(ctx);
  if (notAfter(base, cutoffs.close)) return 'close';
  const warned = chat.inactivityWarnedAt && chat.inactivityWarnedAt.getTime() >= base.getTime();
  return notAfter(base, cutoffs.warn) && !warned ? 'warn' : undefined;
}

/** Whether a pending chat has waited on the customer past the pending auto-close time. */
export function pendingCloseDue(chat: ChatRow, ctx: TimerContext): boolean {
  if (chat.kind !== 'chat' || chat.status !== 'pending' || chat.flagged) return false;
  return notAfter(chat.stateSince, cutoff(ctx, ctx.settings.pendingAutoCloseHours * 60));
}

/** The locked chat, when the predicate still holds for it. */
async function lockIfStill(tx: Db, id: string, due: (chat: ChatRow) => boolean) {
  const chat = await findChatRow(tx, id, true);
  return chat && due(chat) ? chat : undefined;
}

/** After a chat left its agent or closed: the outbox has the auto-reply, the agent has room. */
async function afterChatTimer(_id: string, deps: TimerDeps) {
  deps.outbox?.wake();
  await serveQueue(deps);
}

/** The agent's bell hears that a chat of theirs went back to the queue unanswered. */
async function notifyReplyTimeout(tx: Db, emit: EmitFrame, chat: ChatRow, ctx: TimerContext) {
  const agentId = chat.assigneeId!;
  await notify(tx, emit, {
    staffId: agentId,
    kind: 'reply_timeout',
    chatId: chat.id,
    data: {
      minutes: ctx.settings.agentReplyTimeoutMinutes,
      customerName: await findCustomerName(tx, chat.customerId),
    },
  });
}

/**
 * Agent reply timeout: a live chat whose customer waited the setting's minutes on their agent
 * goes back to the queue (event `unassigned`, reason `reply_timeout`), the agent is told, and
 * routing offers it to someone else first.
 */
export const replyTimeoutTimer: Timer = {
  name: 'agent-reply-timeout',
  findDue: (db, ctx, limit) =>
    findReplyTimeoutsDue(db, cutoff(ctx, ctx.settings.agentReplyTimeoutMinutes), limit),
  async fire(tx, emit, id, ctx) {
    const chat = await lockIfStill(tx, id, (row) => replyTimeoutDue(row, ctx));
    if (!chat) return false;
    await notifyReplyTimeout(tx, emit, chat, ctx);
    await returnToQueueTransition(tx, emit, chat, { by: SYSTEM, reason: 'reply_timeout' });
    return true;
  },
  afterFire: afterChatTimer,
};

/**
 * Customer inactivity: after staff spoke last, the customer is warned before the close, once per
 * silence, and the chat closes (event `inactivity_timeout`) with the "chat ended" auto-reply. A
 * customer message (it sets `awaiting_reply_since`) cancels both.
 */
export const inactivityTimer: Timer = {
  name: 'customer-inactivity',
  findDue: (db, ctx, limit) => findInactivityDue(db, inactivityCutoffs(ctx), limit),
  async fire(tx, emit, id, ctx) {
    const chat = await findChatRow(tx, id, true);
    const step = chat && inactivityStep(chat, ctx);
    if (!chat || !step) return false;
    if (step === 'close') {
      await closeChatTransition(tx, emit, chat, { by: SYSTEM, reason: { kind: 'inactivity' } });
      return true;
    }
    const minutes = ctx.settings.customerInactivityWarningMinutes;
    await markInactivityWarned(tx, chat.id);
    const { sent } = await sendAutoReply(tx, emit, chat, 'inactivity_warning', { minutes });
    await recordEvent(tx, emit, {
      chatId: chat.id,
      customerId: chat.customerId,
      type: 'inactivity_warning',
      actor: SYSTEM,
      data: { minutes, sent },
    });
    return true;
  },
  afterFire: afterChatTimer,
};

/**
 * Pending auto-close: a pending chat the customer has not come back to within the setting's hours
 * closes (event `pending_auto_closed`) with the "chat ended" auto-reply.
 */
export const pendingCloseTimer: Timer = {
  name: 'pending-auto-close',
  findDue: (db, ctx, limit) =>
    findPendingCloseDue(db, cutoff(ctx, ctx.settings.pendingAutoCloseHours * 60), limit),
  async fire(tx, emit, id, ctx) {
    const chat = await lockIfStill(tx, id, (row) => pendingCloseDue(row, ctx));
    if (!chat) return false;
    await closeChatTransition(tx, emit, chat, { by: SYSTEM, reason: { kind: 'pending-timeout' } });
    return true;
  },
  afterFire: afterChatTimer,
};

/** The pending warning comes this long before the pending close; none when it would not come before. */
const pendingCutoffs = (ctx: TimerContext) => {
  const close = ctx.settings.pendingAutoCloseHours * 60;
  const warning = ctx.settings.customerInactivityWarningMinutes;
  return warning < close
    ? { warn: cutoff(ctx, close - warning), close: cutoff(ctx, close) }
    : undefined;
};

/**
 * Whether a pending chat is due its warning: unflagged, pending long enough but not yet due to
 * close (a late pass closes without warning first), and not warned since it went pending (a
 * warning before a resume does not count for the next pending stretch).
 */
export function pendingWarningDue(chat: ChatRow, ctx: TimerContext): boolean {
  const cutoffs = pendingCutoffs(ctx);
  if (!cutoffs || chat.status !== 'pending' || chat.flagged) return false;
  const warned = chat.inactivityWarnedAt && chat.inactivityWarnedAt >= chat.stateSince;
  return (
    notAfter(chat.stateSince, cutoffs.warn) && !notAfter(chat.stateSince, cutoffs.close) && !warned
  );
}

/**
 * Pending warning: the customer of a pending chat hears, `customerInactivityWarningMinutes`
 * before the pending auto-close, that it will close unless they write (event `pending_warning`),
 * once per pending stretch. Their message or a resume makes the chat live and cancels it.
 */
export const pendingWarningTimer: Timer = {
  name: 'pending-warning',
  async findDue(db, ctx, limit) {
    const cutoffs = pendingCutoffs(ctx);
    return cutoffs ? findPendingWarningDue(db, cutoffs, limit) : [];
  },
  async fire(tx, emit, id, ctx) {
    const chat = await lockIfStill(tx, id, (row) => pendingWarningDue(row, ctx));
    if (!chat) return false;
    const minutes = ctx.settings.customerInactivityWarningMinutes;
    await markInactivityWarned(tx, chat.id);
    const { sent } = await sendAutoReply(tx, emit, chat, 'pending_warning', { minutes });
    await recordEvent(tx, emit, {
      chatId: chat.id,
      customerId: chat.customerId,
      type: 'pending_warning',
      actor: SYSTEM,
      data: { minutes, sent },
    });
    return true;
  },
  afterFire: async (_id, deps) => deps.outbox?.wake(),
};

/** Every chat timer, for the app to register with the timer worker. */
export const chatTimers: Timer[] = [
  replyTimeoutTimer,
  inactivityTimer,
  pendingWarningTimer,
  pendingCloseTimer,
];
