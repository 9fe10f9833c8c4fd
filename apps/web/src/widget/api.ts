import type {
  WidgetConfig,
  WidgetMessageList,
  WidgetSendReply,
  WidgetSession,
  WidgetSessionBody,
  WidgetVerifyReply,
} from '@parley/contract';

/**
 * The widget's calls. Types only from the contract: the page stays small (no schema library),
 * and the server validates everything anyway.
 */

export type FieldError = { field: string; message: string };

/** The server answered with an error status (application/problem+json). */
export class WidgetApiError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly fieldErrors: FieldError[] = [],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(detail);
    this.name = 'WidgetApiError';
  }
}

/** The request never got an answer. */
export class WidgetNetworkError extends Error {
  constructor(cause: unknown) {
    super('The server could not be reached.', { cause });
    this.name = 'WidgetNetworkError';
  }
}

export const isStatus = (error: unknown, status: number) =>
  error instanceof WidgetApiError && error.status === status;

async function call<T>(path: string, method: 'GET' | 'POST', body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new WidgetNetworkError(error);
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as {
      detail?: string;
      title?: string;
      errors?: FieldError[];
    } | null;
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new WidgetApiError(
      response.status,
      problem?.detail ?? problem?.title ?? `HTTP ${response.status}`,
      problem?.errors ?? [],
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    );
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const base = (channelId: string) => `/api/widget/${encodeURIComponent(channelId)}`;

export const widgetApi = {
  config: (channelId: string) => call<WidgetConfig>(`${base(channelId)}/config`, 'GET'),
  startSession: (channelId: string, body: WidgetSessionBody) =>
    call<WidgetSession>(`${base(channelId)}/session`, 'POST', body),
  messages: (channelId: string) => call<WidgetMessageList>(`${base(channelId)}/messages`, 'GET'),
  send: (channelId: string, text: string, clientId: string) =>
    call<WidgetSendReply>(`${base(channelId)}/messages`, 'POST', { text, clientId }),
  end: (channelId: string) => call<void>(`${base(channelId)}/end`, 'POST'),
  requestCode: (channelId: string, phone: string) =>
    call<WidgetVerifyReply>(`${base(channelId)}/verify`, 'POST', { phone }),
  confirmCode: (channelId: string, code: string) =>
    call<WidgetSession>(`${base(channelId)}/verify/confirm`, 'POST', { code }),
  socketUrl: (channelId: string, location: Location = window.location) =>
    `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${base(channelId)}/realtime`,
};

/** Why a message was not sent when the server asks the visitor to slow down. */
export function sendingTooFast(error: unknown): string | null {
  if (!(error instanceof WidgetApiError) || error.status !== 429) return null;
  return `You're sending too fast — try again in ${error.retryAfterSeconds ?? 10} s`;
}

/** A sentence a customer can act on. */
export function describeWidgetError(error: unknown): string {
  if (error instanceof WidgetNetworkError)
    return "We can't reach the chat right now. Check your connection and try again.";
  if (error instanceof WidgetApiError) {
    if (error.status === 429 && (error.retryAfterSeconds ?? 60) < 60)
      return `Too many attempts. Try again in ${error.retryAfterSeconds ?? 10} s.`;
    if (error.status === 429) {
      const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
      return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
    }
    if (error.status >= 500) return 'Something went wrong on our side. Try again.';
    return error.message;
  }
  return 'Something went wrong. Try again.';
}

/** An id for a message before the server has seen it; works outside secure contexts too. */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
