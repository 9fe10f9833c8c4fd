import { DEFAULT_CLICKATELL_API, DEFAULT_TWILIO_API } from '@parley/contract';
import { z } from 'zod';

/** The generic signed webhook: inbound is signed with its `secret`, replies go here. */
export const WebhookSettings = z.object({
  outboundUrl: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('Where replies are POSTed'),
});
export type WebhookSettings = z.infer<typeof WebhookSettings>;

export const DEFAULT_WHATSAPP_API = 'https://graph.facebook.com/v21.0';

/**
 * WhatsApp Cloud API: one business phone number of one Meta app. Its secrets (verifyToken,
 * appSecret, accessToken) are kept apart, sealed (channel-secrets.ts).
 */
export const WhatsAppSettings = z.object({
  phoneNumberId: z.string().min(1),
  apiBaseUrl: z
    .url({ protocol: /^https?$/ })
    .default(DEFAULT_WHATSAPP_API)
    .transform((url) => url.replace(/\/+$/, '')),
});
export type WhatsAppSettings = z.infer<typeof WhatsAppSettings>;

/**
 * The web-chat widget: who may embed it and how a visitor proves their number. Its
 * identitySecret, which signs visitor identities, is kept apart, sealed (channel-secrets.ts).
 */
export const WebchatSettings = z.object({
  /** Origins allowed to frame the widget page (CSP frame-ancestors); empty means none but our own. */
  allowedOrigins: z.array(z.url({ protocol: /^https?$/ })).default([]),
  /** A greeting the widget shows as the first line a visitor sees. */
  greeting: z.string().optional(),
  /** The WhatsApp or SMS channel that carries one-time codes; absent means no code verification. */
  verifyChannelId: z.string().min(1).optional(),
});

const apiBase = (fallback: string) =>
  z
    .url({ protocol: /^https?$/ })
    .default(fallback)
    .transform((url) => url.replace(/\/+$/, ''));

/**
 * SMS through Twilio: replies go from `fromNumber` or through a messaging service. The auth
 * token, which both signs Twilio's requests and authenticates ours, is sealed apart.
 */
export const TwilioSettings = z.object({
  provider: z.literal('twilio'),
  accountSid: z.string().min(1),
  fromNumber: z.string().min(1).optional(),
  messagingServiceSid: z.string().min(1).optional(),
  apiBaseUrl: apiBase(DEFAULT_TWILIO_API),
});

/**
 * SMS through Clickatell's Platform: its API key and the secret in its callback URLs (its
 * callbacks carry no signature) are sealed apart.
 */
export const ClickatellSettings = z.object({
  provider: z.literal('clickatell'),
  fromNumber: z.string().min(1).optional(),
  apiBaseUrl: apiBase(DEFAULT_CLICKATELL_API),
});

export const SmsSettings = z.discriminatedUnion('provider', [TwilioSettings, ClickatellSettings]);
export type SmsSettings = z.infer<typeof SmsSettings>;

export const channelSettingsSchemas = {
  webhook: WebhookSettings,
  whatsapp: WhatsAppSettings,
  webchat: WebchatSettings,
  sms: SmsSettings,
} as const;

export type ChannelSettingsOf = {
  [K in keyof typeof channelSettingsSchemas]: z.infer<(typeof channelSettingsSchemas)[K]>;
};

/**
 * A channel's settings, read through its kind's schema. Settings are jsonb edited by admins, so
 * they are checked where they are used and a broken one names the field at fault.
 */
export function parseChannelSettings<K extends keyof typeof channelSettingsSchemas>(
  kind: K,
  settings: unknown,
): { ok: true; settings: ChannelSettingsOf[K] } | { ok: false; problem: string } {
  const result = channelSettingsSchemas[kind].safeParse(settings ?? {});
  if (result.success) return { ok: true, settings: result.data as ChannelSettingsOf[K] };
  const problem = result.error.issues
    .map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`)
    .join('; ');
  return { ok: false, problem: `The ${kind} channel settings are incomplete (${problem}).` };
}
