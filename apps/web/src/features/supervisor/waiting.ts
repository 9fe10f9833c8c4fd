import type { Chat } from '@parley/contract';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How long someone has waited, in whole minutes ("<1 min", "12 min", "1 h 05 min"); the desk
 * re-renders it every few seconds, so it reads as a running timer.
 */
export function waitDuration(sinceIso: string, now: number): string {
  const waited = Math.max(0, now - Date.parse(sinceIso));
  if (waited < MINUTE) return '<1 min';
  if (waited < HOUR) return `${Math.floor(waited / MINUTE)} min`;
  const hours = Math.floor(waited / HOUR);
  const minutes = Math.floor((waited % HOUR) / MINUTE);
  return `${hours} h ${String(minutes).padStart(2, '0')} min`;
}

/**
 * Since when the customer has waited for staff, or null when nobody waits: a pending chat waits on
 * the customer, so it never reads as a customer waiting, whatever the server's timestamp says.
 */
export function customerWaitingSince(chat: Chat): string | null {
  if (chat.status === 'pending' || chat.status === 'closed') return null;
  return chat.waitingSince;
}
