import {
  defaultSettings,
  fitListSetting,
  fitSetting,
  type ListSettingKey,
  listSettingKeys,
  listSettingProblems,
  type SettingKey,
  type Settings,
  type SettingsUpdateBody,
  settingKeys,
  settingsProblems,
} from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { forbidden, unprocessable } from '../../errors.ts';
import { isSupervisor, type Principal, requireAdmin } from '../../principal.ts';
import { recordAudit } from '../audit/index.ts';
import { findSettingRows, lockSettings, upsertSettings } from './settings.repo.ts';

export type SettingsDeps = { db: Db };

/**
 * Every setting as it stands, defaults filled in. It reads the table each time rather than
 * caching: it is one primary-key scan of a handful of rows, and a fresh read sees a save made on
 * any node at once, with nothing to invalidate. A stored value that no longer fits its definition
 * (a range narrowed by an upgrade) reads as the default.
 */
export async function readSettings(db: Db): Promise<Settings> {
  const values: Record<string, unknown> = defaultSettings();
  const rows = await findSettingRows(db);
  for (const row of rows) {
    const key = row.key as SettingKey;
    if (!settingKeys.includes(key)) continue;
    const fitted = fitSetting(key, row.value);
    if (fitted !== undefined) values[key] = fitted;
  }
  for (const row of rows) {
    const key = row.key as ListSettingKey;
    if (!listSettingKeys.includes(key)) continue;
    const fitted = fitListSetting(key, row.value);
    if (fitted !== undefined) values[key] = fitted;
  }
  return values as Settings;
}

/** Admins change settings; supervisors may read them (they explain the timers to agents). */
export async function getSettings(deps: SettingsDeps, principal: Principal): Promise<Settings> {
  if (!isSupervisor(principal)) throw forbidden('Only supervisors and admins see the settings.');
  return readSettings(deps.db);
}

/** Saves the given settings, all or none: 422 names every field that breaks a rule. */
export async function updateSettings(
  deps: SettingsDeps,
  principal: Principal,
  patch: SettingsUpdateBody,
): Promise<Settings> {
  requireAdmin(principal);
  return deps.db.transaction(async (tx) => {
    await lockSettings(tx);
    const current = await readSettings(tx);
    const given = settingKeys.filter((key) => patch[key] !== undefined);
    const givenLists = listSettingKeys.filter((key) => patch[key] !== undefined);
    const problems = [
      ...settingsProblems(
        { ...current, ...Object.fromEntries(given.map((key) => [key, patch[key]])) },
        given,
      ),
      ...listSettingProblems(patch),
    ];
    if (problems.length > 0) throw unprocessable('Some settings are out of range.', problems);
    const next: Settings = {
      ...current,
      ...Object.fromEntries(given.map((key) => [key, patch[key]])),
      ...Object.fromEntries(givenLists.map((key) => [key, fitListSetting(key, patch[key])])),
    };
    const same = (key: SettingKey | ListSettingKey) =>
      JSON.stringify(next[key]) === JSON.stringify(current[key]);
    const changed = [...given, ...givenLists].filter((key) => !same(key));
    if (changed.length === 0) return current;
    await upsertSettings(
      tx,
      changed.map((key) => ({ key, value: next[key] })),
      principal.kind === 'staff' ? principal.staffId : null,
    );
    const pick = (from: Settings) => Object.fromEntries(changed.map((key) => [key, from[key]]));
    await recordAudit(tx, {
      actor: principal,
      action: 'settings.updated',
      object: { kind: 'settings', id: 'settings' },
      before: pick(current),
      after: pick(next),
    });
    return next;
  });
}
