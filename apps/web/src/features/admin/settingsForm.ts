import { settingDefinitions, settingKeys, settingsProblems } from '@parley/contract';
import type { SettingKey, Settings } from '@parley/contract';

/** How each setting is labelled and grouped on the form; ranges come from the contract. */
export const settingGroups: { title: string; fields: { key: SettingKey; label: string }[] }[] = [
  {
    title: 'Live chats',
    fields: [
      { key: 'agentReplyTimeoutMinutes', label: 'Agent reply timeout' },
      { key: 'customerInactivityCloseMinutes', label: 'Close after customer silence' },
      { key: 'customerInactivityWarningMinutes', label: 'Warn the customer before closing' },
    ],
  },
  {
    title: 'Queue and tickets',
    fields: [
      { key: 'queueToTicketMinutes', label: 'Queue wait before a ticket' },
      { key: 'ticketWhenNobodyAvailable', label: 'Ticket at once when nobody is available' },
    ],
  },
  {
    title: 'Pending chats and transfers',
    fields: [
      { key: 'pendingAutoCloseHours', label: 'Close pending chats after' },
      { key: 'transferOfferMinutes', label: 'Transfer offer stays open for' },
    ],
  },
  {
    title: 'Files',
    fields: [{ key: 'maxAttachmentMegabytes', label: 'Largest attachment' }],
  },
];

/** The unit a number setting is counted in, read from its name. */
export function settingUnit(key: SettingKey): string {
  if (key.endsWith('Minutes')) return 'minutes';
  if (key.endsWith('Hours')) return 'hours';
  if (key.endsWith('Megabytes')) return 'MB';
  return '';
}

/** What the form holds: numbers as typed, so a half-typed value is never silently rounded. */
export type SettingsDraft = Record<SettingKey, string | boolean>;

export function toDraft(settings: Settings): SettingsDraft {
  return Object.fromEntries(
    settingKeys.map((key) => {
      const value = settings[key];
      return [key, typeof value === 'boolean' ? value : String(value)];
    }),
  ) as SettingsDraft;
}

function readDraftValue(value: string | boolean): number | boolean {
  if (typeof value === 'boolean') return value;
  // Number('') is 0, which would pass as a value; an empty field is no number at all.
  return value.trim() === '' ? Number.NaN : Number(value);
}

/** Keys whose value differs from what the server holds. */
export function changedKeys(draft: SettingsDraft, saved: Settings): SettingKey[] {
  return settingKeys.filter((key) => readDraftValue(draft[key]) !== saved[key]);
}

/** Only the changed settings, as the server takes them. */
export function draftChanges(draft: SettingsDraft, saved: Settings): Partial<Settings> {
  return Object.fromEntries(
    changedKeys(draft, saved).map((key) => [key, readDraftValue(draft[key])]),
  ) as Partial<Settings>;
}

/** The contract's own checks, run before submit: one message per field. */
export function draftProblems(
  draft: SettingsDraft,
  saved: Settings,
): Partial<Record<SettingKey, string>> {
  // The form's number and switch fields over what is saved (list settings are not typed here).
  const values: Settings = {
    ...saved,
    ...(Object.fromEntries(settingKeys.map((key) => [key, readDraftValue(draft[key])])) as Pick<
      Settings,
      SettingKey
    >),
  };
  const problems = settingsProblems(values, changedKeys(draft, saved));
  return Object.fromEntries(problems.map((p) => [p.field, p.message]));
}

/** "10–1440 minutes · default 30", shown under each number field. */
export function describeRange(key: SettingKey): string {
  const definition = settingDefinitions[key];
  if (definition.kind === 'boolean') return `Default ${definition.default ? 'on' : 'off'}`;
  return `${definition.min}–${definition.max} ${settingUnit(key)} · default ${definition.default}`;
}
