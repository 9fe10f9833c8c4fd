import { createHmac } from 'node:crypto';
import type { WebhookEventBody } from '@parley/contract';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** How long a receiver has to answer before the attempt counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** The X-Parley-Signature value, exactly as inbound webhooks are signed (api.md). */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type PostOutcome =
  { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * POSTs one event, signed. Only a 2xx counts; a redirect is not followed (the subscriber gave
 * this URL, and following one could lead the server somewhere it was not asked to call).
 */
export async function postWebhookEvent(
  target: { url: string; secret: string },
  event: WebhookEventBody,
  fetchImpl: FetchLike,
  now = Date.now(),
): Promise<PostOutcome> {
  const body = JSON.stringify(event);
  const timestamp = Math.floor(now / 1000);
  let response: Response;
  try {
    response = await fetchImpl(target.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Parley-Webhooks/1',
        'x-parley-event-id': event.id,
        'x-parley-event-type': event.type,
        'x-parley-timestamp': String(timestamp),
        'x-parley-signature': signWebhook(target.secret, body, timestamp),
      },
      body,
    });
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    return {
      ok: false,
      status: null,
      error: timedOut
        ? `No answer within ${WEBHOOK_TIMEOUT_MS / 1000} s.`
        : `Could not connect: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`,
    };
  }
  // The body is not needed; reading it frees the connection.
  await response.body?.cancel().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
  return { ok: false, status: response.status, error: `The receiver answered ${response.status}.` };
}
