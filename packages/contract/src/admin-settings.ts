import { z } from 'zod';
import { AttachmentCategory } from './attachments.ts';

type IntegerSetting = { kind: 'integer'; min: number; max: number; default: number; about: string };
type BooleanSetting = { kind: 'boolean'; default: boolean; about: string };

/**
 * Every admin setting, its default and what it may be set to. The server validates with this
 * table and the desk's form can build its fields from it; a key that was never saved reads as its
 * default.
 */
export const settingDefinitions = {
  agentReplyTimeoutMinutes: {
    kind: 'integer',
    min: 10,
    max: 1440,
    default: 30,
    about: 'Minutes a live chat may wait on its agent before it is reassigned',
  },
  customerInactivityCloseMinutes: {
    kind: 'integer',
    min: 5,
    max: 1440,
    default: 60,
    about: 'Minutes without a word from the customer before a live chat closes itself',
  },
  customerInactivityWarningMinutes: {
    kind: 'integer',
    min: 1,
    max: 60,
    default: 5,
    about: 'Minutes before the inactivity close that the customer is warned; less than the close',
  },
  pendingAutoCloseHours: {
    kind: 'integer',
    min: 1,
    max: 24,
    default: 8,
    about: 'Hours a pending chat waits on the customer before it closes itself',
  },
  transferOfferMinutes: {
    kind: 'integer',
    min: 1,
    max: 120,
    default: 20,
    about: 'Minutes a transfer offer stays open before it returns to the sender',
  },
  queueToTicketMinutes: {
    kind: 'integer',
    min: 1,
    max: 1440,
    default: 15,
    about: 'Minutes a chat may wait in the queue before it becomes a ticket',
  },
  ticketWhenNobodyAvailable: {
    kind: 'boolean',
    default: true,
    about: 'A conversation that arrives when no agent is available becomes a ticket at once',
  },
  maxAttachmentMegabytes: {
    kind: 'integer',
    min: 1,
    max: 100,
    default: 16,
    about: 'Largest file staff or customers may attach, in megabytes',
  },
} as const satisfies Record<string, IntegerSetting | BooleanSetting>;

export type SettingKey = keyof typeof settingDefinitions;
export const settingKeys = Object.keys(settingDefinitions) as SettingKey[];

type ListSetting<V extends string> = {
  kind: 'list';
  values: readonly V[];
  default: readonly V[];
  about: string;
};

/**
 * The settings that hold a set of values (each from a fixed list). Kept apart from the number and
 * switch settings above, whose form fields are built from `settingKeys`: a list is chosen with
 * checkboxes, and a value outside its list answers 422 naming it.
 */
export const listSettingDefinitions = {
  allowedAttachmentCategories: {
    kind: 'list',
    values: AttachmentCategory.options,
    // Every category: none of them holds a type a browser would run (HTML, SVG, scripts).
    default: AttachmentCategory.options,
    about: 'Kinds of file staff and customers may attach; none switches attaching off',
  } satisfies ListSetting<AttachmentCategory>,
} as const;

export type ListSettingKey = keyof typeof listSettingDefinitions;
export const listSettingKeys = Object.keys(listSettingDefinitions) as ListSettingKey[];

const integerSetting = (d: IntegerSetting) =>
  z
    .number()
    .int()
    .min(d.min)
    .max(d.max)
    .describe(`${d.about} (${d.min}–${d.max}, default ${d.default})`);
const booleanSetting = (d: BooleanSetting) =>
  z.boolean().describe(`${d.about} (default ${d.default})`);

const d = settingDefinitions;

/** Every setting, with the defaults filled in. */
export const Settings = z
  .object({
    agentReplyTimeoutMinutes: integerSetting(d.agentReplyTimeoutMinutes),
    customerInactivityCloseMinutes: integerSetting(d.customerInactivityCloseMinutes),
    customerInactivityWarningMinutes: integerSetting(d.customerInactivityWarningMinutes),
    pendingAutoCloseHours: integerSetting(d.pendingAutoCloseHours),
    transferOfferMinutes: integerSetting(d.transferOfferMinutes),
    queueToTicketMinutes: integerSetting(d.queueToTicketMinutes),
    ticketWhenNobodyAvailable: booleanSetting(d.ticketWhenNobodyAvailable),
    maxAttachmentMegabytes: integerSetting(d.maxAttachmentMegabytes),
    allowedAttachmentCategories: z
      .array(AttachmentCategory)
      .describe(
        `${listSettingDefinitions.allowedAttachmentCategories.about} (default all: ${AttachmentCategory.options.join(', ')})`,
      ),
  })
  .meta({ id: 'Settings' });
export type Settings = z.infer<typeof Settings>;

/**
 * Any of the settings; the rest keep their values. Only types are checked here: a value out of
 * range, or a warning not before the close, answers 422 naming each field (settingsProblems).
 */
export const SettingsUpdateBody = z
  .strictObject({
    agentReplyTimeoutMinutes: z.number().optional(),
    customerInactivityCloseMinutes: z.number().optional(),
    customerInactivityWarningMinutes: z.number().optional(),
    pendingAutoCloseHours: z.number().optional(),
    transferOfferMinutes: z.number().optional(),
    queueToTicketMinutes: z.number().optional(),
    ticketWhenNobodyAvailable: z.boolean().optional(),
    maxAttachmentMegabytes: z.number().optional(),
    allowedAttachmentCategories: z.array(z.string().max(50)).max(50).optional(),
  })
  .meta({ id: 'SettingsUpdateBody' });
export type SettingsUpdateBody = z.infer<typeof SettingsUpdateBody>;

export const defaultSettings = (): Settings =>
  ({
    ...Object.fromEntries(settingKeys.map((key) => [key, settingDefinitions[key].default])),
    ...Object.fromEntries(
      listSettingKeys.map((key) => [key, [...listSettingDefinitions[key].default]]),
    ),
  }) as Settings;

/**
 * The list if every value belongs to the setting's list, else undefined; duplicates dropped and
 * the values in the list's own order, so two saves of the same set compare equal.
 */
export function fitListSetting(key: ListSettingKey, value: unknown): string[] | undefined {
  const allowed: readonly string[] = listSettingDefinitions[key].values;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && allowed.includes(v)))
    return undefined;
  return allowed.filter((v) => value.includes(v));
}

/** One problem per list setting holding a value outside its list, naming the values. */
export function listSettingProblems(
  values: Partial<Record<ListSettingKey, unknown>>,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const key of listSettingKeys) {
    const value = values[key];
    if (value === undefined || fitListSetting(key, value) !== undefined) continue;
    const allowed: readonly string[] = listSettingDefinitions[key].values;
    const unknown = Array.isArray(value) ? value.filter((v) => !allowed.includes(v as string)) : [];
    problems.push({
      field: key,
      message:
        unknown.length > 0
          ? `${unknown.map((v) => JSON.stringify(v)).join(', ')} not one of ${allowed.join(', ')}`
          : `must be a list of ${allowed.join(', ')}`,
    });
  }
  return problems;
}

/** The value if it fits the setting's definition, else undefined. */
export function fitSetting(key: SettingKey, value: unknown): number | boolean | undefined {
  const def: IntegerSetting | BooleanSetting = settingDefinitions[key];
  if (def.kind === 'boolean') return typeof value === 'boolean' ? value : undefined;
  return typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= def.min &&
    value <= def.max
    ? value
    : undefined;
}

/**
 * Every way these settings break the rules, one entry per field; empty when they are fine. The
 * warning-before-close rule is reported on the warning, or on the close when only the close was
 * `changed`: the field the person just edited is the one to point at.
 */
export function settingsProblems(
  values: Settings,
  changed: readonly SettingKey[] = settingKeys,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const key of settingKeys) {
    const def: IntegerSetting | BooleanSetting = settingDefinitions[key];
    if (fitSetting(key, values[key]) !== undefined) continue;
    problems.push({
      field: key,
      message:
        def.kind === 'boolean'
          ? 'must be true or false'
          : `must be a whole number from ${def.min} to ${def.max}`,
    });
  }
  const warning = values.customerInactivityWarningMinutes;
  const close = values.customerInactivityCloseMinutes;
  const inRange = (key: SettingKey) => !problems.some((p) => p.field === key);
  if (
    inRange('customerInactivityWarningMinutes') &&
    inRange('customerInactivityCloseMinutes') &&
    warning >= close
  )
    problems.push(
      changed.includes('customerInactivityCloseMinutes') &&
        !changed.includes('customerInactivityWarningMinutes')
        ? {
            field: 'customerInactivityCloseMinutes',
            message: `must be more than customerInactivityWarningMinutes (${warning})`,
          }
        : {
            field: 'customerInactivityWarningMinutes',
            message: `must be less than customerInactivityCloseMinutes (${close})`,
          },
    );
  return problems;
}
