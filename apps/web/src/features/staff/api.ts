import { StaffList } from '@parley/contract';
import type { StaffPresence } from '@parley/contract';
import { http } from '../../app/http.ts';

export const staffQueryKey = ['staff'] as const;

export async function fetchStaff(
  options: { online?: boolean; signal?: AbortSignal } = {},
): Promise<StaffPresence[]> {
  const query = options.online === undefined ? '' : `?online=${options.online}`;
  const list = await http(`/api/staff${query}`, { parse: StaffList, signal: options.signal });
  return list.items;
}

export type PresenceState = 'available' | 'away' | 'offline';

/** Signed-out counts as unavailable, so "offline" wins over the stored availability. */
export function presenceState(person: Pick<StaffPresence, 'available' | 'online'>): PresenceState {
  if (!person.online) return 'offline';
  return person.available ? 'available' : 'away';
}

export const presenceLabels: Record<PresenceState, string> = {
  available: 'Available',
  away: 'Away',
  offline: 'Offline',
};
