import { randomBytes } from 'node:crypto';
import {
  type AdminChannel,
  type AdminChannelKind,
  type ChannelCreateBody,
  type ChannelCreated,
  type ChannelPatchBody,
  type ChannelSecretName,
  channelSecretsOf,
  DEFAULT_CLICKATELL_API,
  DEFAULT_TWILIO_API,
  generatedSecrets,
  secretsOfChannel,
  type SmsProvider,
  smsSecretsOf,
  type RotateSecretBody,
  type SecretRotated,
} from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { type FieldError, forbidden, notFound, unprocessable } from '../../errors.ts';
import { isSupervisor, type Principal, requireAdmin } from '../../principal.ts';
import { recordAudit } from '../audit/index.ts';
import { forgetChannel } from '../chats/index.ts';
import { DEFAULT_WHATSAPP_API } from './channel-settings.ts';
import {
  checkAccountSid,
  checkGreeting,
  checkMessagingServiceSid,
  checkSender,
  checkName,
  checkOrigins,
  checkPhoneNumberId,
  checkProvided,
  checkRegion,
  checkUrl,
  UUID,
} from './channel-rules.ts';
import {
  type ChannelSecretRow,
  findSecretRows,
  insertSecretRows,
  rotateSecretRow,
} from './channel-secrets.repo.ts';
import { protectSecret, SECRET_GRACE_MS, storeChannelSecrets } from './channel-secrets.ts';
import {
  type AdminChannelRow,
  findAdminChannel,
  findAdminChannels,
  findAllSecretStates,
  findChannelKindAndState,
  findDepartmentState,
  insertChannel,
  updateChannelRow,
} from './channels-admin.repo.ts';
import { generateSecret } from '../../secret-box.ts';

export type ChannelAdminDeps = { db: Db };

/** The non-secret settings each kind keeps in `channels.settings`. */
type StoredSettings = {
  outboundUrl?: string;
  phoneNumberId?: string;
  apiBaseUrl?: string;
  allowedOrigins?: string[];
  greeting?: string;
  verifyChannelId?: string;
  provider?: SmsProvider;
  accountSid?: string;
  fromNumber?: string;
  messagingServiceSid?: string;
};

const idPrefix: Record<AdminChannelKind, string> = {
  webhook: 'wh',
  whatsapp: 'wa',
  webchat: 'wc',
  sms: 'sms',
};
/** Short, URL-safe, and says what it is at a glance in a log or a URL. */
const newChannelId = (kind: AdminChannelKind) =>
  `${idPrefix[kind]}-${randomBytes(6).toString('hex')}`;

const secretPrefix: Partial<Record<ChannelSecretName, string>> = {
  secret: 'whsec',
  identitySecret: 'idsec',
  verifyToken: 'vtok',
  callbackSecret: 'cbsec',
};

const defaultApiOf: Record<SmsProvider, string> = {
  twilio: DEFAULT_TWILIO_API,
  clickatell: DEFAULT_CLICKATELL_API,
};

/** Where the provider calls in: Clickatell's URLs carry the callback secret in place of this. */
export const CALLBACK_SECRET_PLACEHOLDER = '{callbackSecret}';

/** The URLs to paste into the provider for an SMS channel: messages in, and delivery statuses. */
function smsUrls(origin: string, id: string, provider: SmsProvider | undefined) {
  if (provider === 'twilio') {
    const base = `${origin}/api/inbound/${id}/twilio`;
    return { inboundUrl: base, statusUrl: `${base}/status` };
  }
  const base = `${origin}/api/inbound/${id}/clickatell/${CALLBACK_SECRET_PLACEHOLDER}`;
  return { inboundUrl: base, statusUrl: `${base}/status` };
}

/** The channel as answered the one time its callback secret is shown: its URLs filled in. */
const withCallbackSecret = (channel: AdminChannel, secret: string | undefined): AdminChannel =>
  secret === undefined
    ? channel
    : {
        ...channel,
        inboundUrl: channel.inboundUrl?.replace(CALLBACK_SECRET_PLACEHOLDER, secret) ?? null,
        statusUrl: channel.statusUrl?.replace(CALLBACK_SECRET_PLACEHOLDER, secret) ?? null,
      };

const isAdminKind = (kind: string): kind is AdminChannelKind => kind in channelSecretsOf;

/** The embed snippet as docs/widget-embed.md describes it. */
export const embedSnippetFor = (widgetUrl: string) =>
  [
    '<iframe',
    '  title="Chat with us"',
    `  src="${widgetUrl}"`,
    '  style="width: 100%; max-width: 400px; height: 640px; border: 0"',
    '></iframe>',
  ].join('\n');

export function toAdminChannel(
  row: AdminChannelRow,
  secretRows: ChannelSecretRow[],
  origin: string,
  now = Date.now(),
): AdminChannel {
  const kind = row.kind as AdminChannelKind;
  const settings = (row.settings ?? {}) as StoredSettings;
  const widgetUrl = kind === 'webchat' ? `${origin}/chat/${row.id}` : null;
  const sms = kind === 'sms' ? smsUrls(origin, row.id, settings.provider) : undefined;
  const channelSettings = {
    outboundUrl: settings.outboundUrl ?? null,
    phoneNumberId: settings.phoneNumberId ?? null,
    apiBaseUrl:
      kind === 'whatsapp'
        ? (settings.apiBaseUrl ?? DEFAULT_WHATSAPP_API)
        : kind === 'sms' && settings.provider
          ? (settings.apiBaseUrl ?? defaultApiOf[settings.provider])
          : null,
    allowedOrigins: settings.allowedOrigins ?? [],
    greeting: settings.greeting ?? null,
    verifyChannelId: settings.verifyChannelId ?? null,
    provider: settings.provider ?? null,
    accountSid: settings.accountSid ?? null,
    fromNumber: settings.fromNumber ?? null,
    messagingServiceSid: settings.messagingServiceSid ?? null,
  };
  return {
    id: row.id,
    kind,
    name: row.name,
    department: row.department,
    region: row.defaultRegion,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    inboundUrl:
      kind === 'webhook'
        ? `${origin}/api/inbound/${row.id}`
        : kind === 'whatsapp'
          ? `${origin}/api/inbound/${row.id}/whatsapp`
          : (sms?.inboundUrl ?? null),
    statusUrl: sms?.statusUrl ?? null,
    widgetUrl,
    embedSnippet: widgetUrl && embedSnippetFor(widgetUrl),
    settings: channelSettings,
    secrets: secretsOfChannel({ kind, settings: channelSettings }).map((name) => {
      const stored = secretRows.find((s) => s.channelId === row.id && s.name === name);
      const graceEnds = stored?.previousValidUntil;
      return {
        name,
        set: stored !== undefined,
        rotatedAt: stored?.rotatedAt?.toISOString() ?? null,
        previousValidUntil: graceEnds && graceEnds.getTime() > now ? graceEnds.toISOString() : null,
      };
    }),
  };
}

/** What the audit log keeps of a channel: its non-secret fields, never a secret's value. */
const auditView = (c: AdminChannel) => ({
  name: c.name,
  kind: c.kind,
  department: c.department,
  region: c.region,
  enabled: c.enabled,
  settings: c.settings,
});

async function readChannel(db: Db, id: string, origin: string, lock = false) {
  const row = await findAdminChannel(db, id, lock);
  if (!row || !isAdminKind(row.kind)) return undefined;
  return { row, channel: toAdminChannel(row, await findSecretRows(db, id), origin) };
}

/** Every channel an admin can manage. Supervisors may read it: they see where chats come from. */
export async function listChannels(
  deps: ChannelAdminDeps,
  principal: Principal,
  origin: string,
): Promise<AdminChannel[]> {
  if (!isSupervisor(principal)) throw forbidden('Only supervisors and admins see channels.');
  const [rows, secrets] = await Promise.all([
    findAdminChannels(deps.db),
    findAllSecretStates(deps.db),
  ]);
  return rows
    .filter((row) => isAdminKind(row.kind))
    .map((row) => toAdminChannel(row, secrets, origin));
}

async function checkDepartment(tx: Db, id: string, errors: FieldError[]) {
  const department = UUID.test(id) ? await findDepartmentState(tx, id) : undefined;
  if (!department) errors.push({ field: 'departmentId', message: 'No such department.' });
  else if (department.archivedAt)
    errors.push({ field: 'departmentId', message: 'This department is archived.' });
}

async function checkVerifyChannel(tx: Db, id: string | null, errors: FieldError[]) {
  if (id === null || id.trim() === '') return undefined;
  const via = await findChannelKindAndState(tx, id.trim());
  if (!via || via.kind !== 'whatsapp' || !via.enabled)
    errors.push({
      field: 'verifyChannelId',
      message: 'Choose an enabled WhatsApp channel to send one-time codes.',
    });
  return id.trim();
}

const invalid = (errors: FieldError[]) => {
  if (errors.length > 0) throw unprocessable('Some fields need attention.', errors);
};

/** Creates a channel of any kind; the secrets Parley generates are in the answer, this once. */
export async function createChannel(
  deps: ChannelAdminDeps,
  principal: Principal,
  input: ChannelCreateBody,
  origin: string,
): Promise<ChannelCreated> {
  requireAdmin(principal);
  const id = newChannelId(input.kind);
  const shownOnce: Partial<Record<ChannelSecretName, string>> = {};
  const created = await deps.db.transaction(async (tx) => {
    const errors: FieldError[] = [];
    const name = checkName(input.name, errors);
    const region = checkRegion(input.region ?? 'ZA', errors);
    await checkDepartment(tx, input.departmentId, errors);
    const settings: StoredSettings = {};
    const provided: Partial<Record<ChannelSecretName, string>> = {};
    if (input.kind === 'webhook') {
      if (input.outboundUrl !== undefined && input.outboundUrl.trim() !== '')
        settings.outboundUrl = checkUrl(input.outboundUrl, 'outboundUrl', errors);
    } else if (input.kind === 'whatsapp') {
      settings.phoneNumberId = checkPhoneNumberId(input.phoneNumberId, errors);
      settings.apiBaseUrl = checkUrl(
        input.apiBaseUrl ?? DEFAULT_WHATSAPP_API,
        'apiBaseUrl',
        errors,
      ).replace(/\/+$/, '');
      provided.accessToken = checkProvided(input.accessToken, 'accessToken', errors);
      provided.appSecret = checkProvided(input.appSecret, 'appSecret', errors);
    } else if (input.kind === 'webchat') {
      settings.allowedOrigins = checkOrigins(input.allowedOrigins ?? [], errors);
      const greeting = checkGreeting(input.greeting ?? null, errors);
      if (greeting) settings.greeting = greeting;
      const via = await checkVerifyChannel(tx, input.verifyChannelId ?? null, errors);
      if (via) settings.verifyChannelId = via;
    }
    if (input.kind === 'sms') checkSmsCreate(input, settings, provided, errors);
    invalid(errors);
    const secretNames =
      input.kind === 'sms' ? smsSecretsOf[input.provider] : channelSecretsOf[input.kind];
    for (const secretName of secretNames)
      if (generatedSecrets.has(secretName))
        shownOnce[secretName] = generateSecret(secretPrefix[secretName] ?? 'sec');
    await insertChannel(tx, {
      id,
      kind: input.kind,
      name,
      departmentId: input.departmentId,
      defaultRegion: region,
      settings,
    });
    await storeChannelSecrets(tx, id, { ...provided, ...shownOnce });
    const after = (await readChannel(tx, id, origin))!.channel;
    await recordAudit(tx, {
      actor: principal,
      action: 'channel.created',
      object: { kind: 'channel', id },
      before: null,
      after: auditView(after),
    });
    return after;
  });
  forgetChannel(deps.db, id);
  return { ...withCallbackSecret(created, shownOnce.callbackSecret), shownOnce };
}

type SmsCreateBody = Extract<ChannelCreateBody, { kind: 'sms' }>;

/** An SMS channel's fields by provider: Twilio's account and sender, Clickatell's key. */
function checkSmsCreate(
  input: SmsCreateBody,
  settings: StoredSettings,
  provided: Partial<Record<ChannelSecretName, string>>,
  errors: FieldError[],
) {
  settings.provider = input.provider;
  settings.apiBaseUrl = checkUrl(
    input.apiBaseUrl ?? defaultApiOf[input.provider],
    'apiBaseUrl',
    errors,
  ).replace(/\/+$/, '');
  if (input.fromNumber !== undefined && input.fromNumber.trim() !== '')
    settings.fromNumber = checkSender(input.fromNumber, errors);
  const notFor = (field: keyof SmsCreateBody) => {
    if (input[field] !== undefined)
      errors.push({ field, message: `A ${input.provider} SMS channel has no ${field}.` });
  };
  if (input.provider === 'twilio') {
    settings.accountSid = checkAccountSid(input.accountSid, errors);
    if (input.messagingServiceSid !== undefined && input.messagingServiceSid.trim() !== '')
      settings.messagingServiceSid = checkMessagingServiceSid(input.messagingServiceSid, errors);
    if (!input.fromNumber?.trim() && !input.messagingServiceSid?.trim())
      errors.push({
        field: 'fromNumber',
        message: 'Give the Twilio number replies come from, or a Messaging Service SID.',
      });
    provided.authToken = checkProvided(
      input.authToken ?? '',
      'authToken',
      errors,
      'the Twilio console',
    );
    notFor('apiKey');
  } else {
    provided.apiKey = checkProvided(input.apiKey ?? '', 'apiKey', errors, 'the Clickatell portal');
    notFor('accountSid');
    notFor('messagingServiceSid');
    notFor('authToken');
  }
}

const kindFields: Record<AdminChannelKind, (keyof ChannelPatchBody)[]> = {
  webhook: ['outboundUrl'],
  whatsapp: ['phoneNumberId', 'apiBaseUrl'],
  webchat: ['allowedOrigins', 'greeting', 'verifyChannelId'],
  sms: ['apiBaseUrl', 'fromNumber', 'accountSid', 'messagingServiceSid'],
};
const allKindFields = Object.values(kindFields).flat();

/** Changes a channel's non-secret fields; only its own kind's fields may be given. */
export async function updateChannel(
  deps: ChannelAdminDeps,
  principal: Principal,
  id: string,
  patch: ChannelPatchBody,
  origin: string,
): Promise<AdminChannel> {
  requireAdmin(principal);
  const updated = await deps.db.transaction(async (tx) => {
    const found = await readChannel(tx, id, origin, true);
    if (!found) throw notFound('No such channel.');
    const { row, channel: before } = found;
    const kind = before.kind;
    const errors: FieldError[] = [];
    for (const field of allKindFields)
      if (patch[field] !== undefined && !kindFields[kind].includes(field))
        errors.push({ field, message: `A ${kind} channel has no ${field}.` });
    const values: Parameters<typeof updateChannelRow>[2] = {};
    if (patch.name !== undefined) values.name = checkName(patch.name, errors);
    if (patch.region !== undefined) values.defaultRegion = checkRegion(patch.region, errors);
    if (patch.departmentId !== undefined) {
      await checkDepartment(tx, patch.departmentId, errors);
      values.departmentId = patch.departmentId;
    }
    const settings: StoredSettings = { ...((row.settings ?? {}) as StoredSettings) };
    if (kind === 'webhook' && patch.outboundUrl !== undefined) {
      if (patch.outboundUrl === null || patch.outboundUrl.trim() === '')
        delete settings.outboundUrl;
      else settings.outboundUrl = checkUrl(patch.outboundUrl, 'outboundUrl', errors);
    }
    if (kind === 'whatsapp') {
      if (patch.phoneNumberId !== undefined)
        settings.phoneNumberId = checkPhoneNumberId(patch.phoneNumberId, errors);
      if (patch.apiBaseUrl !== undefined)
        settings.apiBaseUrl = checkUrl(
          patch.apiBaseUrl ?? DEFAULT_WHATSAPP_API,
          'apiBaseUrl',
          errors,
        ).replace(/\/+$/, '');
    }
    if (kind === 'sms') patchSms(patch, settings, errors);
    if (kind === 'webchat') {
      if (patch.allowedOrigins !== undefined)
        settings.allowedOrigins = checkOrigins(patch.allowedOrigins, errors);
      if (patch.greeting !== undefined) {
        const greeting = checkGreeting(patch.greeting, errors);
        if (greeting) settings.greeting = greeting;
        else delete settings.greeting;
      }
      if (patch.verifyChannelId !== undefined) {
        const via = await checkVerifyChannel(tx, patch.verifyChannelId, errors);
        if (via) settings.verifyChannelId = via;
        else delete settings.verifyChannelId;
      }
    }
    invalid(errors);
    await updateChannelRow(tx, id, { ...values, settings });
    const after = (await readChannel(tx, id, origin))!.channel;
    if (JSON.stringify(auditView(before)) !== JSON.stringify(auditView(after)))
      await recordAudit(tx, {
        actor: principal,
        action: 'channel.updated',
        object: { kind: 'channel', id },
        before: auditView(before),
        after: auditView(after),
      });
    return after;
  });
  forgetChannel(deps.db, id);
  return updated;
}

/** An SMS channel's changes; Twilio's sender stays one of a number or a messaging service. */
function patchSms(patch: ChannelPatchBody, settings: StoredSettings, errors: FieldError[]) {
  const provider = settings.provider ?? 'twilio';
  if (patch.apiBaseUrl !== undefined)
    settings.apiBaseUrl = checkUrl(
      patch.apiBaseUrl ?? defaultApiOf[provider],
      'apiBaseUrl',
      errors,
    ).replace(/\/+$/, '');
  if (patch.fromNumber !== undefined) {
    if (patch.fromNumber === null || patch.fromNumber.trim() === '') delete settings.fromNumber;
    else settings.fromNumber = checkSender(patch.fromNumber, errors);
  }
  if (provider === 'clickatell') {
    for (const field of ['accountSid', 'messagingServiceSid'] as const)
      if (patch[field] !== undefined)
        errors.push({ field, message: `A clickatell SMS channel has no ${field}.` });
    return;
  }
  if (patch.accountSid !== undefined)
    settings.accountSid = checkAccountSid(patch.accountSid, errors);
  if (patch.messagingServiceSid !== undefined) {
    if (patch.messagingServiceSid === null || patch.messagingServiceSid.trim() === '')
      delete settings.messagingServiceSid;
    else settings.messagingServiceSid = checkMessagingServiceSid(patch.messagingServiceSid, errors);
  }
  if (!settings.fromNumber && !settings.messagingServiceSid)
    errors.push({
      field: 'fromNumber',
      message: 'Give the Twilio number replies come from, or a Messaging Service SID.',
    });
}

/**
 * Replaces one secret. The old value stays accepted for SECRET_GRACE_HOURS so senders can switch
 * over; a generated secret's new value is answered this once, a provider's is given in the body.
 */
export async function rotateChannelSecret(
  deps: ChannelAdminDeps,
  principal: Principal,
  id: string,
  input: RotateSecretBody,
  origin: string,
  now = new Date(),
): Promise<SecretRotated> {
  requireAdmin(principal);
  const rotated = await deps.db.transaction(async (tx) => {
    const found = await readChannel(tx, id, origin, true);
    if (!found) throw notFound('No such channel.');
    const names = secretsOfChannel(found.channel);
    const name = input.name ?? names[0]!;
    const errors: FieldError[] = [];
    if (!names.includes(name))
      errors.push({ field: 'name', message: `A ${found.channel.kind} channel has no ${name}.` });
    const generated = generatedSecrets.has(name);
    if (generated && input.value !== undefined)
      errors.push({ field: 'value', message: 'Parley generates this secret: leave value out.' });
    const given = generated ? undefined : checkProvided(input.value ?? '', 'value', errors);
    invalid(errors);
    const value = given ?? generateSecret(secretPrefix[name] ?? 'sec');
    const validUntil = new Date(now.getTime() + SECRET_GRACE_MS);
    const stored = protectSecret(id, name, value);
    const row = await rotateSecretRow(tx, {
      channelId: id,
      name,
      current: stored,
      validUntil,
      at: now,
    });
    // A channel from before this secret existed has nothing to keep valid: it simply gets one.
    if (!row) await insertSecretRows(tx, [{ channelId: id, name, current: stored }]);
    await recordAudit(tx, {
      actor: principal,
      action: 'channel.secret_rotated',
      object: { kind: 'channel', id },
      before: null,
      after: { rotated: name, previousValidUntil: row ? validUntil.toISOString() : null },
    });
    const channel = (await readChannel(tx, id, origin))!.channel;
    return {
      channel: name === 'callbackSecret' ? withCallbackSecret(channel, value) : channel,
      name,
      value: generated ? value : null,
      previousValidUntil: row ? validUntil.toISOString() : null,
    };
  });
  forgetChannel(deps.db, id);
  return rotated;
}

/** Disables or enables a channel. A disabled one answers 404 to every inbound path. */
export async function setChannelEnabled(
  deps: ChannelAdminDeps,
  principal: Principal,
  id: string,
  enabled: boolean,
  origin: string,
): Promise<AdminChannel> {
  requireAdmin(principal);
  const result = await deps.db.transaction(async (tx) => {
    const found = await readChannel(tx, id, origin, true);
    if (!found) throw notFound('No such channel.');
    if (found.channel.enabled === enabled) return found.channel;
    await updateChannelRow(tx, id, { enabled });
    const after = (await readChannel(tx, id, origin))!.channel;
    await recordAudit(tx, {
      actor: principal,
      action: enabled ? 'channel.enabled' : 'channel.disabled',
      object: { kind: 'channel', id },
      before: { enabled: !enabled },
      after: { enabled },
    });
    return after;
  });
  forgetChannel(deps.db, id);
  return result;
}
