import type { Timer, TimerContext, TimerDeps } from '../timers/index.ts';
import { findChatRow } from './chats.repo.ts';
import type { ChatRow } from './chat-payloads.repo.ts';
import { findQueueTimeoutsDue } from './ticket-conversion.repo.ts';
import { becomeTicketTransition } from './ticket-conversion.service.ts';

/** The moment a chat must have been queued by to be due: `queueToTicketMinutes` (scaled) ago. */
const queueCutoff = (ctx: TimerContext) =>
  new Date(ctx.now.getTime() - ctx.ms(ctx.settings.queueToTicketMinutes));

/**
 * Whether a chat has waited in the queue past the setting, counting from its queuing or its
 * return to the queue, whichever is later (a chat back from an agent starts a new wait).
 */
export function queueTimeoutDue(chat: ChatRow, ctx: TimerContext): boolean {
  if (chat.kind !== 'chat' || chat.status !== 'queued' || !chat.queuedAt) return false;
  const cutoff = queueCutoff(ctx).getTime();
  return chat.queuedAt.getTime() <= cutoff && chat.stateSince.getTime() <= cutoff;
}

/**
 * Queue timeout: a chat nobody took within `queueToTicketMinutes` becomes a ticket (reason
 * `queue_timeout`) and the customer hears the "ticket created" auto-reply; the queue lists drop
 * it. Re-checked under the row lock, so an agent taking it first cancels the fire.
 */
export const queueToTicketTimer: Timer = {
  name: 'queue-to-ticket',
  findDue: (db, ctx, limit) => findQueueTimeoutsDue(db, queueCutoff(ctx), limit),
  async fire(tx, emit, id, ctx) {
    const chat = await findChatRow(tx, id, true);
    if (!chat || !queueTimeoutDue(chat, ctx)) return false;
    await becomeTicketTransition(tx, emit, chat, { reason: 'queue_timeout', listed: true });
    return true;
  },
  afterFire: async (_id: string, deps: TimerDeps) => deps.outbox?.wake(),
};
