import type { WidgetChat } from '@parley/contract';

/**
 * What the widget tells the visitor happens next, from the server's state of their chat: their
 * place in the queue, who joined, or why nobody answers live. Pure, so every state is tested.
 */
export type ChatStatusView =
  | { kind: 'none' }
  | { kind: 'queued'; line: string }
  | { kind: 'joined'; line: string }
  | { kind: 'ticket'; line: string; contactLeft: boolean };

/** "You are number 3 in the queue · about 4 min", or without the estimate when there is none. */
export function queueLine(position: number, expectedWaitMinutes: number | null): string {
  const place =
    position <= 1 ? 'You are next in the queue' : `You are number ${position} in the queue`;
  return expectedWaitMinutes === null ? place : `${place} · about ${expectedWaitMinutes} min`;
}

const dayKey = (date: Date) => `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;

/**
 * When the team opens again, in the visitor's own clock: "today at 09:00", "tomorrow at 09:00",
 * "Monday at 09:00", or a date when it is over a week away.
 */
export function describeOpening(iso: string, now = new Date(), locale?: string): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  if (dayKey(at) === dayKey(now)) return `today at ${time}`;
  if (dayKey(at) === dayKey(tomorrow)) return `tomorrow at ${time}`;
  const days = (at.getTime() - now.getTime()) / 86_400_000;
  const day =
    days < 7
      ? at.toLocaleDateString(locale, { weekday: 'long' })
      : at.toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long' });
  return `${day} at ${time}`;
}

/** Why nobody answers live, in plain words. */
export function ticketLine(
  ticket: NonNullable<WidgetChat['ticket']>,
  now = new Date(),
  locale?: string,
): string {
  if (ticket.reason === 'out_of_hours')
    return ticket.opening
      ? `We’re closed right now; we open again ${describeOpening(ticket.opening, now, locale)}.`
      : 'We’re closed right now.';
  return 'Nobody is free right now.';
}

/** The line to show for a chat (`locale`: the visitor's own unless a test pins one). */
export function chatStatusView(
  chat: WidgetChat | null,
  now = new Date(),
  locale?: string,
): ChatStatusView {
  if (!chat || chat.status === 'closed') return { kind: 'none' };
  if (chat.kind === 'ticket' && chat.ticket && chat.status === 'queued')
    return {
      kind: 'ticket',
      line: ticketLine(chat.ticket, now, locale),
      contactLeft: chat.ticket.contactLeft,
    };
  if (chat.queue)
    return { kind: 'queued', line: queueLine(chat.queue.position, chat.queue.expectedWaitMinutes) };
  if (chat.agent && chat.status === 'live')
    return { kind: 'joined', line: `${chat.agent.firstName} joined` };
  return { kind: 'none' };
}
