import { z } from 'zod';

/**
 * What an outbound webhook can subscribe to. `ticket.*` are declared for when tickets exist;
 * nothing sends them yet. `webhook.test` is the "send test event" ping, never subscribed to.
 */
export const WebhookEventType = z.enum([
  'chat.created',
  'chat.closed',
  'message.in',
  'message.out',
  'customer.updated',
  'ticket.created',
  'ticket.closed',
]);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** One line for each event type, for the admin page and the docs. */
export const webhookEventLabels: Record<WebhookEventType, string> = {
  'chat.created': 'A chat starts',
  'chat.closed': 'A chat closes',
  'message.in': 'A customer writes',
  'message.out': 'Staff reply',
  'customer.updated': 'A customer profile is edited',
  'ticket.created': 'A ticket is opened',
  'ticket.closed': 'A ticket is closed',
};

export const MAX_WEBHOOK_URL = 2000;

/**
 * Why a URL cannot receive webhooks, or undefined when its form is fine. Whether its host may be
 * a private or loopback address is the server's call (production refuses them by default).
 */
export function webhookUrlProblem(raw: string): string | undefined {
  if (raw.length === 0) return 'Give the URL that receives the events.';
  if (raw.length > MAX_WEBHOOK_URL) return `At most ${MAX_WEBHOOK_URL} characters.`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Not a URL: write it in full, e.g. https://example.com/parley.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an http or https URL.';
  if (url.username || url.password)
    return 'No user name or password in the URL: the signature proves the sender.';
  if (url.hash) return 'No #fragment: it is never sent.';
  return undefined;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';
export const WebhookDeliveryStatus = z.enum(['pending', 'delivered', 'failed']);

export const WebhookLastDelivery = z
  .object({
    status: WebhookDeliveryStatus,
    eventType: z.string(),
    attempts: z.number().int(),
    at: z.string().describe('When it was last tried, or queued when not tried yet'),
  })
  .meta({ id: 'WebhookLastDelivery' });

export const WebhookSubscription = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(WebhookEventType),
    active: z.boolean(),
    createdAt: z.string(),
    lastDelivery: WebhookLastDelivery.nullable(),
  })
  .meta({ id: 'WebhookSubscription' });
export type WebhookSubscription = z.infer<typeof WebhookSubscription>;

/** Returned once, at creation: the signing secret is never shown again. */
export const WebhookSubscriptionCreated = WebhookSubscription.extend({ secret: z.string() }).meta({
  id: 'WebhookSubscriptionCreated',
});
export type WebhookSubscriptionCreated = z.infer<typeof WebhookSubscriptionCreated>;

export const WebhookSubscriptionList = z
  .object({ items: z.array(WebhookSubscription) })
  .meta({ id: 'WebhookSubscriptionList' });
export type WebhookSubscriptionList = z.infer<typeof WebhookSubscriptionList>;

const events = z
  .array(WebhookEventType)
  .min(1)
  .max(WebhookEventType.options.length)
  .refine((e) => new Set(e).size === e.length, 'each event once');

/** The URL's rules answer 422 with the field named; only types are checked here. */
export const WebhookCreateBody = z
  .strictObject({ url: z.string().max(10_000), events })
  .meta({ id: 'WebhookCreateBody' });
export type WebhookCreateBody = z.infer<typeof WebhookCreateBody>;

export const WebhookPatchBody = z
  .strictObject({
    url: z.string().max(10_000).optional(),
    events: events.optional(),
    active: z.boolean().optional(),
  })
  .meta({ id: 'WebhookPatchBody' });
export type WebhookPatchBody = z.infer<typeof WebhookPatchBody>;

export const WebhookDelivery = z
  .object({
    id: z.string(),
    eventId: z.string().describe('The X-Parley-Event-Id receivers dedupe on'),
    eventType: z.string(),
    status: WebhookDeliveryStatus,
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    responseStatus: z.number().int().nullable(),
    createdAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable().describe('When it is tried next; null once settled'),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryPage = z
  .object({ items: z.array(WebhookDelivery), nextCursor: z.string().nullable() })
  .meta({ id: 'WebhookDeliveryPage' });
export type WebhookDeliveryPage = z.infer<typeof WebhookDeliveryPage>;

export const WebhookDeliveryQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/**
 * The body of every delivery. `data` is the contract's Chat (chat.*), Message (message.*) or
 * Customer (customer.updated) as it was when the event happened.
 */
export const WebhookEventBody = z
  .object({ id: z.string(), type: z.string(), at: z.string(), data: z.unknown() })
  .meta({ id: 'WebhookEventBody' });
export type WebhookEventBody = z.infer<typeof WebhookEventBody>;
