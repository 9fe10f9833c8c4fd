import {
  type AdminChannel,
  type AdminChannelKind,
  type ChannelCreateBody,
  type ChannelCreated,
  type ChannelPatchBody,
  channelNameProblem,
  DEFAULT_CLICKATELL_API,
  DEFAULT_TWILIO_API,
  MAX_GREETING,
  type SmsProvider,
} from '@parley/contract';
import { useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { describeError, isApiError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { Sheet } from '../../../ui/Sheet.tsx';
import { serverFieldError } from '../fieldErrors.ts';
import { useChannels, useCreateChannel, useUpdateChannel } from '../hooks/useChannels.ts';
import { useDepartments } from '../hooks/useDepartments.ts';
import { EmbedSnippet } from './ChannelSecretDialog.tsx';

export const kindLabels: Record<AdminChannelKind, string> = {
  webhook: 'Signed webhook',
  whatsapp: 'WhatsApp Cloud API',
  webchat: 'Web chat',
  sms: 'SMS',
};

const providerLabels: Record<SmsProvider, string> = {
  twilio: 'Twilio',
  clickatell: 'Clickatell',
};

const kindHints: Record<AdminChannelKind, string> = {
  webhook: 'Your system POSTs signed messages in; replies are POSTed to your URL.',
  whatsapp: 'One business number of a Meta app; Meta posts messages to Parley.',
  webchat: 'A chat window for your website, embedded with a snippet.',
  sms: 'Text messages through Twilio or Clickatell; they post messages to Parley.',
};

type Form = {
  kind: AdminChannelKind;
  name: string;
  departmentId: string;
  region: string;
  outboundUrl: string;
  phoneNumberId: string;
  apiBaseUrl: string;
  accessToken: string;
  appSecret: string;
  allowedOrigins: string;
  greeting: string;
  verifyChannelId: string;
  provider: SmsProvider;
  accountSid: string;
  fromNumber: string;
  messagingServiceSid: string;
  authToken: string;
  apiKey: string;
};

const formOf = (channel: AdminChannel | undefined): Form => ({
  kind: channel?.kind ?? 'webchat',
  name: channel?.name ?? '',
  departmentId: channel?.department.id ?? '',
  region: channel?.region ?? 'ZA',
  outboundUrl: channel?.settings.outboundUrl ?? '',
  phoneNumberId: channel?.settings.phoneNumberId ?? '',
  apiBaseUrl: channel?.settings.apiBaseUrl ?? '',
  accessToken: '',
  appSecret: '',
  allowedOrigins: channel?.settings.allowedOrigins.join('\n') ?? '',
  greeting: channel?.settings.greeting ?? '',
  verifyChannelId: channel?.settings.verifyChannelId ?? '',
  provider: channel?.settings.provider ?? 'twilio',
  accountSid: channel?.settings.accountSid ?? '',
  fromNumber: channel?.settings.fromNumber ?? '',
  messagingServiceSid: channel?.settings.messagingServiceSid ?? '',
  authToken: '',
  apiKey: '',
});

const isSender = (value: string) =>
  /^\+[1-9]\d{6,14}$/.test(value) || /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/.test(value);

const isHttpUrl = (value: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};
const isOrigin = (value: string) => isHttpUrl(value) && new URL(value).origin === value;
const linesOf = (text: string) =>
  text
    .split(/\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The contract's rules, checked before sending; the server's 422 is shown the same way. */
function clientProblems(form: Form, creating: boolean): Partial<Record<string, string>> {
  const problems: Partial<Record<string, string>> = {};
  const nameProblem = channelNameProblem(form.name.trim());
  if (nameProblem) problems.name = nameProblem;
  if (!form.departmentId) problems.departmentId = 'Choose the department chats go to.';
  if (!/^[A-Za-z]{2}$/.test(form.region.trim()))
    problems.region = 'Use a two-letter country code, e.g. ZA.';
  if (form.kind === 'webhook' && form.outboundUrl.trim() && !isHttpUrl(form.outboundUrl.trim()))
    problems.outboundUrl = 'Enter an http:// or https:// URL.';
  if (form.kind === 'whatsapp') {
    if (!/^\d{1,30}$/.test(form.phoneNumberId.trim()))
      problems.phoneNumberId = 'Enter the phone number id from Meta (digits only).';
    if (form.apiBaseUrl.trim() && !isHttpUrl(form.apiBaseUrl.trim()))
      problems.apiBaseUrl = 'Enter an http:// or https:// URL.';
    if (creating && !form.accessToken.trim())
      problems.accessToken = 'Paste the access token from Meta.';
    if (creating && !form.appSecret.trim()) problems.appSecret = 'Paste the app secret from Meta.';
  }
  if (form.kind === 'sms') {
    const from = form.fromNumber.trim();
    if (from && !isSender(from))
      problems.fromNumber =
        'Enter a number like +27821234567, or a sender name of up to 11 characters.';
    if (form.apiBaseUrl.trim() && !isHttpUrl(form.apiBaseUrl.trim()))
      problems.apiBaseUrl = 'Enter an http:// or https:// URL.';
    if (form.provider === 'twilio') {
      if (!/^AC[0-9a-fA-F]{32}$/.test(form.accountSid.trim()))
        problems.accountSid = 'Enter the Account SID from the Twilio console (AC…).';
      const service = form.messagingServiceSid.trim();
      if (service && !/^MG[0-9a-fA-F]{32}$/.test(service))
        problems.messagingServiceSid = 'Enter a Messaging Service SID (MG…), or leave it empty.';
      if (!from && !service)
        problems.fromNumber =
          'Give the Twilio number replies come from, or a Messaging Service SID.';
      if (creating && !form.authToken.trim())
        problems.authToken = 'Paste the auth token from the Twilio console.';
    } else if (creating && !form.apiKey.trim())
      problems.apiKey = 'Paste the API key of your Clickatell integration.';
  }
  if (form.kind === 'webchat') {
    const bad = linesOf(form.allowedOrigins).find((line) => !isOrigin(line));
    if (bad) problems.allowedOrigins = `“${bad}” is not an origin like https://shop.example.`;
    if (form.greeting.trim().length > MAX_GREETING)
      problems.greeting = `At most ${MAX_GREETING} characters.`;
  }
  return problems;
}

function bodyOf(form: Form): ChannelCreateBody {
  const common = {
    name: form.name.trim(),
    departmentId: form.departmentId,
    region: form.region.trim().toUpperCase(),
  };
  if (form.kind === 'webhook')
    return {
      kind: 'webhook',
      ...common,
      ...(form.outboundUrl.trim() ? { outboundUrl: form.outboundUrl.trim() } : {}),
    };
  if (form.kind === 'whatsapp')
    return {
      kind: 'whatsapp',
      ...common,
      phoneNumberId: form.phoneNumberId.trim(),
      accessToken: form.accessToken.trim(),
      appSecret: form.appSecret.trim(),
      ...(form.apiBaseUrl.trim() ? { apiBaseUrl: form.apiBaseUrl.trim() } : {}),
    };
  if (form.kind === 'sms') {
    const optional = (value: string) => (value.trim() ? value.trim() : undefined);
    const shared = {
      kind: 'sms' as const,
      ...common,
      ...(optional(form.apiBaseUrl) ? { apiBaseUrl: optional(form.apiBaseUrl) } : {}),
      ...(optional(form.fromNumber) ? { fromNumber: optional(form.fromNumber) } : {}),
    };
    return form.provider === 'twilio'
      ? {
          ...shared,
          provider: 'twilio',
          accountSid: form.accountSid.trim(),
          authToken: form.authToken.trim(),
          ...(optional(form.messagingServiceSid)
            ? { messagingServiceSid: optional(form.messagingServiceSid) }
            : {}),
        }
      : { ...shared, provider: 'clickatell', apiKey: form.apiKey.trim() };
  }
  return {
    kind: 'webchat',
    ...common,
    allowedOrigins: linesOf(form.allowedOrigins),
    ...(form.greeting.trim() ? { greeting: form.greeting.trim() } : {}),
    ...(form.verifyChannelId ? { verifyChannelId: form.verifyChannelId } : {}),
  };
}

function patchOf(form: Form, channel: AdminChannel): ChannelPatchBody {
  const patch: ChannelPatchBody = {};
  const before = formOf(channel);
  if (form.name.trim() !== before.name) patch.name = form.name.trim();
  if (form.departmentId !== before.departmentId) patch.departmentId = form.departmentId;
  if (form.region.trim().toUpperCase() !== before.region)
    patch.region = form.region.trim().toUpperCase();
  if (channel.kind === 'webhook' && form.outboundUrl.trim() !== before.outboundUrl)
    patch.outboundUrl = form.outboundUrl.trim() || null;
  if (channel.kind === 'whatsapp') {
    if (form.phoneNumberId.trim() !== before.phoneNumberId)
      patch.phoneNumberId = form.phoneNumberId.trim();
    if (form.apiBaseUrl.trim() !== before.apiBaseUrl)
      patch.apiBaseUrl = form.apiBaseUrl.trim() || null;
  }
  if (channel.kind === 'sms') {
    if (form.apiBaseUrl.trim() !== before.apiBaseUrl)
      patch.apiBaseUrl = form.apiBaseUrl.trim() || null;
    if (form.fromNumber.trim() !== before.fromNumber)
      patch.fromNumber = form.fromNumber.trim() || null;
    if (channel.settings.provider === 'twilio') {
      if (form.accountSid.trim() !== before.accountSid) patch.accountSid = form.accountSid.trim();
      if (form.messagingServiceSid.trim() !== before.messagingServiceSid)
        patch.messagingServiceSid = form.messagingServiceSid.trim() || null;
    }
  }
  if (channel.kind === 'webchat') {
    if (linesOf(form.allowedOrigins).join('\n') !== before.allowedOrigins)
      patch.allowedOrigins = linesOf(form.allowedOrigins);
    if (form.greeting.trim() !== before.greeting) patch.greeting = form.greeting.trim() || null;
    if (form.verifyChannelId !== before.verifyChannelId)
      patch.verifyChannelId = form.verifyChannelId || null;
  }
  return patch;
}

type ChannelSheetProps = {
  open: boolean;
  /** The channel to edit; none means a new one. */
  channel: AdminChannel | undefined;
  onClose: () => void;
  onCreated: (created: ChannelCreated) => void;
};

/** Create a channel of any kind, or edit one's non-secret fields, beside the table. */
export function ChannelSheet({ open, channel, onClose, onCreated }: ChannelSheetProps) {
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const mutation = channel ? update : create;
  const departments = useDepartments();
  const channels = useChannels();
  const [form, setForm] = useState<Form>(() => formOf(channel));
  const [submitted, setSubmitted] = useState(false);
  const id = useId();
  const set = (field: keyof Form) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  const problems = submitted ? clientProblems(form, !channel) : {};
  const errorOf = (field: string) =>
    problems[field] ??
    serverFieldError(mutation.error, field) ??
    (field === 'allowedOrigins'
      ? isApiError(mutation.error, 422)
        ? mutation.error.fieldErrors.find((e) => e.field.startsWith('allowedOrigins.'))?.message
        : undefined
      : undefined);
  const otherError =
    mutation.isError && !isApiError(mutation.error, 422) ? describeError(mutation.error) : null;
  const general422 =
    isApiError(mutation.error, 422) && mutation.error.fieldErrors.length === 0
      ? describeError(mutation.error)
      : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(clientProblems(form, !channel)).length > 0) return;
    if (!channel) {
      create.mutate(bodyOf(form), { onSuccess: (created) => onCreated(created) });
      return;
    }
    const patch = patchOf(form, channel);
    if (Object.keys(patch).length === 0) return onClose();
    update.mutate({ id: channel.id, patch }, { onSuccess: onClose });
  };

  const field = (name: keyof Form, label: string, input: ReactNode, hint?: string) => {
    const error = errorOf(name);
    return (
      <div className="field">
        <label className="field__label" htmlFor={`${id}-${name}`}>
          {label}
        </label>
        {input}
        {hint && !error ? <p className="field__hint">{hint}</p> : null}
        {error ? (
          <p id={`${id}-${name}-error`} className="field__error">
            {error}
          </p>
        ) : null}
      </div>
    );
  };
  const inputProps = (name: keyof Form) => ({
    id: `${id}-${name}`,
    className: 'input',
    value: form[name],
    autoComplete: 'off',
    onChange: (event: { target: { value: string } }) => set(name)(event.target.value),
    'aria-invalid': errorOf(name) ? true : undefined,
    'aria-describedby': errorOf(name) ? `${id}-${name}-error` : undefined,
  });
  const kind = form.kind;
  const whatsappChannels = (channels.data ?? []).filter((c) => c.kind === 'whatsapp' && c.enabled);

  return (
    <Sheet
      open={open}
      onOpenChange={(next) => (next ? undefined : onClose())}
      title={channel ? `Edit ${channel.name}` : 'New channel'}
      description={
        channel
          ? `${kindLabels[channel.kind]}. Secrets are changed with Rotate, never here.`
          : 'Choose how customers reach you, then fill in what that kind needs.'
      }
    >
      <form className="admin-form" onSubmit={onSubmit} noValidate>
        {channel ? null : (
          <fieldset className="admin-form__group">
            <legend className="field__label">Kind</legend>
            {(Object.keys(kindLabels) as AdminChannelKind[]).map((k) => (
              <label key={k} className="admin-checklist__item">
                <input
                  type="radio"
                  name={`${id}-kind`}
                  value={k}
                  checked={kind === k}
                  onChange={() => set('kind')(k)}
                />
                <span>{kindLabels[k]}</span>
                <span className="admin-table__meta">{kindHints[k]}</span>
              </label>
            ))}
          </fieldset>
        )}
        {field('name', 'Name', <input {...inputProps('name')} />)}
        {field(
          'departmentId',
          'Department',
          <select {...inputProps('departmentId')}>
            <option value="">Choose a department…</option>
            {(departments.data ?? [])
              .filter((d) => !d.archived || d.id === form.departmentId)
              .map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
          </select>,
          'Chats from this channel are offered to its members.',
        )}
        {field(
          'region',
          'Region',
          <input {...inputProps('region')} maxLength={2} />,
          'How numbers without a country code are read, e.g. ZA.',
        )}
        {kind === 'webhook'
          ? field(
              'outboundUrl',
              'Outbound URL',
              <input {...inputProps('outboundUrl')} placeholder="https://example.com/parley" />,
              'Where replies are POSTed, signed with the channel secret.',
            )
          : null}
        {kind === 'whatsapp' ? (
          <>
            {field('phoneNumberId', 'Phone number id', <input {...inputProps('phoneNumberId')} />)}
            {field(
              'apiBaseUrl',
              'Graph API base URL',
              <input
                {...inputProps('apiBaseUrl')}
                placeholder="https://graph.facebook.com/v21.0"
              />,
              'Leave empty for Meta’s.',
            )}
            {channel ? null : (
              <>
                {field(
                  'accessToken',
                  'Access token',
                  <input {...inputProps('accessToken')} type="password" />,
                  'Stored encrypted; never shown again.',
                )}
                {field(
                  'appSecret',
                  'App secret',
                  <input {...inputProps('appSecret')} type="password" />,
                  'Checks that notifications come from Meta; stored encrypted.',
                )}
              </>
            )}
          </>
        ) : null}
        {kind === 'sms' ? (
          <>
            {channel ? null : (
              <fieldset className="admin-form__group">
                <legend className="field__label">Provider</legend>
                {(Object.keys(providerLabels) as SmsProvider[]).map((p) => (
                  <label key={p} className="admin-checklist__item">
                    <input
                      type="radio"
                      name={`${id}-provider`}
                      value={p}
                      checked={form.provider === p}
                      onChange={() => set('provider')(p)}
                    />
                    <span>{providerLabels[p]}</span>
                  </label>
                ))}
              </fieldset>
            )}
            {form.provider === 'twilio'
              ? field('accountSid', 'Account SID', <input {...inputProps('accountSid')} />)
              : null}
            {field(
              'fromNumber',
              form.provider === 'twilio' ? 'From number' : 'From number (optional)',
              <input {...inputProps('fromNumber')} placeholder="+27870001111" />,
              form.provider === 'twilio'
                ? 'The Twilio number replies come from; or use a Messaging Service below.'
                : 'Leave empty to send from the integration’s number.',
            )}
            {form.provider === 'twilio'
              ? field(
                  'messagingServiceSid',
                  'Messaging Service SID (optional)',
                  <input {...inputProps('messagingServiceSid')} placeholder="MG…" />,
                  'Replies go through the service instead of one number.',
                )
              : null}
            {field(
              'apiBaseUrl',
              'API base URL',
              <input
                {...inputProps('apiBaseUrl')}
                placeholder={
                  form.provider === 'twilio' ? DEFAULT_TWILIO_API : DEFAULT_CLICKATELL_API
                }
              />,
              `Leave empty for ${providerLabels[form.provider]}’s.`,
            )}
            {channel
              ? null
              : form.provider === 'twilio'
                ? field(
                    'authToken',
                    'Auth token',
                    <input {...inputProps('authToken')} type="password" />,
                    'Checks that requests come from Twilio and sends replies; stored encrypted.',
                  )
                : field(
                    'apiKey',
                    'API key',
                    <input {...inputProps('apiKey')} type="password" />,
                    'The key of your Clickatell integration; stored encrypted.',
                  )}
          </>
        ) : null}
        {kind === 'webchat' ? (
          <>
            {field(
              'allowedOrigins',
              'Sites that may embed it',
              <textarea
                {...inputProps('allowedOrigins')}
                rows={3}
                placeholder="https://shop.example"
              />,
              'One origin per line, e.g. https://shop.example. Empty: only this desk.',
            )}
            {field(
              'greeting',
              'Greeting',
              <textarea {...inputProps('greeting')} rows={2} />,
              'The first line a visitor sees.',
            )}
            {field(
              'verifyChannelId',
              'One-time codes through',
              <select {...inputProps('verifyChannelId')}>
                <option value="">No codes</option>
                {whatsappChannels.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
                {form.verifyChannelId &&
                !whatsappChannels.some((c) => c.id === form.verifyChannelId) ? (
                  <option value={form.verifyChannelId}>
                    {channels.data?.find((c) => c.id === form.verifyChannelId)?.name ??
                      form.verifyChannelId}
                  </option>
                ) : null}
              </select>,
              'Visitors can prove their number with a code sent over WhatsApp.',
            )}
            {channel?.embedSnippet ? <EmbedSnippet snippet={channel.embedSnippet} /> : null}
          </>
        ) : null}
        {channel?.inboundUrl ? (
          <p className="field__hint">
            Inbound URL: <code>{channel.inboundUrl}</code>
          </p>
        ) : null}
        {channel?.statusUrl ? (
          <p className="field__hint">
            Status callback URL: <code>{channel.statusUrl}</code>
          </p>
        ) : null}
        {otherError || general422 ? (
          <p className="field__error" role="alert">
            {otherError ?? general422}
          </p>
        ) : null}
        <div className="admin-form__actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={mutation.isPending}>
            {channel ? 'Save' : 'Create channel'}
          </Button>
        </div>
      </form>
    </Sheet>
  );
}
