import {
  defaultPreferences,
  type Preferences,
  type PreferencesBody,
  Preferences as PreferencesSchema,
} from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { type Principal, requireStaff } from '../../principal.ts';
import { findStoredPreferences, storePreferences } from './preferences.repo.ts';

/*
 * How the desk gets each person's attention: sound, desktop notifications, a count in the tab
 * title, and which events ring at all. Kept on the staff row, so it follows them to any browser.
 */

export type PreferenceDeps = { db: Db };

/** Stored preferences over the defaults: a switch added later starts on for everyone. */
function withDefaults(stored: unknown): Preferences {
  const base = typeof stored === 'object' && stored !== null ? (stored as PreferencesBody) : {};
  const merged = {
    ...defaultPreferences,
    ...base,
    events: { ...defaultPreferences.events, ...(base.events ?? {}) },
  };
  const parsed = PreferencesSchema.safeParse(merged);
  return parsed.success ? parsed.data : defaultPreferences;
}

export async function getPreferences(
  deps: PreferenceDeps,
  principal: Principal,
): Promise<Preferences> {
  const me = requireStaff(principal);
  const row = await findStoredPreferences(deps.db, me.staffId);
  if (!row) throw notFound('Your account no longer exists.');
  return withDefaults(row.preferences);
}

/** Changes what the body names; what it leaves out stays as it was. */
export async function updatePreferences(
  deps: PreferenceDeps,
  principal: Principal,
  change: PreferencesBody,
): Promise<Preferences> {
  const me = requireStaff(principal);
  return deps.db.transaction(async (tx) => {
    const row = await findStoredPreferences(tx, me.staffId, true);
    if (!row) throw notFound('Your account no longer exists.');
    const current = withDefaults(row.preferences);
    const next: Preferences = {
      sound: change.sound ?? current.sound,
      desktop: change.desktop ?? current.desktop,
      titleCount: change.titleCount ?? current.titleCount,
      events: {
        newChat: change.events?.newChat ?? current.events.newChat,
        transferOffer: change.events?.transferOffer ?? current.events.transferOffer,
        mention: change.events?.mention ?? current.events.mention,
        customerReply: change.events?.customerReply ?? current.events.customerReply,
      },
    };
    await storePreferences(tx, me.staffId, next);
    return next;
  });
}
