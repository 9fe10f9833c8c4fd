import { Preferences } from '@parley/contract';
import type { PreferencesBody } from '@parley/contract';
import { http } from '../../app/http.ts';

export const alertKeys = { preferences: ['me', 'preferences'] as const };

/** How the desk alerts me; everything is on until I switch it off. */
export function fetchPreferences(signal?: AbortSignal): Promise<Preferences> {
  return http('/api/me/preferences', { parse: Preferences, signal });
}

export function savePreferences(change: PreferencesBody): Promise<Preferences> {
  return http('/api/me/preferences', { method: 'PUT', body: change, parse: Preferences });
}
