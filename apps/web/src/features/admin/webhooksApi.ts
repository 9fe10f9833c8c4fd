import {
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookSubscription,
  WebhookSubscriptionCreated,
  WebhookSubscriptionList,
} from '@parley/contract';
import type { WebhookCreateBody, WebhookPatchBody } from '@parley/contract';
import { http, httpNoContent } from '../../app/http.ts';

export const webhookQueryKeys = {
  list: ['admin', 'webhooks'] as const,
  deliveries: (id: string) => ['admin', 'webhooks', id, 'deliveries'] as const,
};

type Signal = { signal?: AbortSignal };
const base = (id: string) => `/api/admin/webhooks/${encodeURIComponent(id)}`;

export async function fetchWebhooks({ signal }: Signal = {}) {
  return (await http('/api/admin/webhooks', { parse: WebhookSubscriptionList, signal })).items;
}

export function createWebhook(body: WebhookCreateBody) {
  return http('/api/admin/webhooks', { method: 'POST', body, parse: WebhookSubscriptionCreated });
}

export function updateWebhook(id: string, patch: WebhookPatchBody) {
  return http(base(id), { method: 'PATCH', body: patch, parse: WebhookSubscription });
}

export function deleteWebhook(id: string) {
  return httpNoContent(base(id), { method: 'DELETE' });
}

export function fetchDeliveries(id: string, cursor: string | null, { signal }: Signal = {}) {
  const search = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  return http(`${base(id)}/deliveries${search}`, { parse: WebhookDeliveryPage, signal });
}

export function redeliver(id: string, deliveryId: string) {
  return http(`${base(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, {
    method: 'POST',
    parse: WebhookDelivery,
  });
}

export function sendTestEvent(id: string) {
  return http(`${base(id)}/test`, { method: 'POST', parse: WebhookDelivery });
}
