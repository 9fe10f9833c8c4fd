import type {
  AttachmentLimits,
  WidgetChat,
  WidgetChatState,
  WidgetConfig,
  WidgetMessageList,
  WidgetSessionState,
  WidgetSendReply,
  WidgetSession,
  WidgetSessionBody,
  WidgetVerifyReply,
} from '@parley/contract';
import { ApiError, isApiError, NetworkError, sendRequest } from '../ui/http.ts';
import type { FieldError, ProblemReader } from '../ui/http.ts';

/**
 * The widget's calls, on the desk's request core (ui/http.ts). Types only from the contract: the
 * page stays small (no schema library), and the server validates everything anyway.
 */

export { ApiError, isApiError };

/** Any JSON error body with a title is taken at its word. */
const readProblem: ProblemReader = (body) => {
  if (typeof body !== 'object' || body === null || !('title' in body)) return null;
  return body as { title: string; detail?: string; errors?: FieldError[] };
};

async function call<T>(path: string, method: 'GET' | 'POST', body?: unknown): Promise<T> {
  const response = await sendRequest(path, { method, body }, readProblem);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const base = (channelId: string) => `/api/widget/${encodeURIComponent(channelId)}`;

export const widgetApi = {
  config: (channelId: string) => call<WidgetConfig>(`${base(channelId)}/config`, 'GET'),
  startSession: (channelId: string, body: WidgetSessionBody) =>
    call<WidgetSession>(`${base(channelId)}/session`, 'POST', body),
  /** Never 401: whether to load the conversation or show the form. */
  session: (channelId: string) => call<WidgetSessionState>(`${base(channelId)}/session`, 'GET'),
  messages: (channelId: string) => call<WidgetMessageList>(`${base(channelId)}/messages`, 'GET'),
  send: (channelId: string, text: string, clientId: string, attachments: string[] = []) =>
    call<WidgetSendReply>(
      `${base(channelId)}/messages`,
      'POST',
      attachments.length > 0 ? { text, clientId, attachments } : { text, clientId },
    ),
  attachmentLimits: (channelId: string) =>
    call<AttachmentLimits>(`${base(channelId)}/attachments/limits`, 'GET'),
  uploadUrl: (channelId: string) => `${base(channelId)}/attachments`,
  chat: (channelId: string) => call<WidgetChatState>(`${base(channelId)}/chat`, 'GET'),
  contact: (channelId: string, chatId: string, contact: string) =>
    call<WidgetChat>(`${base(channelId)}/contact`, 'POST', { chatId, contact }),
  end: (channelId: string) => call<void>(`${base(channelId)}/end`, 'POST'),
  /** The visitor has seen the team's messages up to this one. */
  seen: (channelId: string, messageId: string) =>
    call<void>(`${base(channelId)}/seen`, 'POST', { messageId }),
  requestCode: (channelId: string, phone: string) =>
    call<WidgetVerifyReply>(`${base(channelId)}/verify`, 'POST', { phone }),
  confirmCode: (channelId: string, code: string) =>
    call<WidgetSession>(`${base(channelId)}/verify/confirm`, 'POST', { code }),
  socketUrl: (channelId: string, location: Location = window.location) =>
    `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${base(channelId)}/realtime`,
};

/** Why a message was not sent when the server asks the visitor to slow down. */
export function sendingTooFast(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 429) return null;
  return `You're sending too fast — try again in ${error.retryAfterSeconds ?? 10} s`;
}

/** A sentence a customer can act on. */
export function describeWidgetError(error: unknown): string {
  if (error instanceof NetworkError)
    return "We can't reach the chat right now. Check your connection and try again.";
  if (error instanceof ApiError) {
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
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
