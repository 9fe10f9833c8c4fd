import { Chat, MonitorSession, SupervisorDesk } from '@parley/contract';
import { http, httpNoContent } from '../../app/http.ts';
import { deskQueryString } from './filters.ts';
import type { DeskFilters } from './filters.ts';

export const supervisorKeys = {
  desks: ['supervisor', 'desk'] as const,
  desk: (filters: DeskFilters) => ['supervisor', 'desk', filters] as const,
};

/** The floor as the filters narrow it: department queues, matching chats and the team. */
export function fetchSupervisorDesk(
  filters: DeskFilters,
  signal?: AbortSignal,
): Promise<SupervisorDesk> {
  const query = deskQueryString(filters);
  return http(`/api/supervisor/desk${query ? `?${query}` : ''}`, { parse: SupervisorDesk, signal });
}

/** Starts watching a colleague's chat read-only; the server records it as one `observed` event. */
export function startMonitor(chatId: string): Promise<MonitorSession> {
  return http(`/api/chats/${encodeURIComponent(chatId)}/monitor`, {
    method: 'POST',
    parse: MonitorSession,
  });
}

/** Tells the server the supervisor is still watching (a session not seen for 90 s ends). */
export function heartbeatMonitor(sessionId: string): Promise<void> {
  return httpNoContent(`/api/monitors/${encodeURIComponent(sessionId)}/heartbeat`, {
    method: 'POST',
  });
}

/**
 * Ends a session, also while the tab closes: `keepalive` lets the request outlive the page, and
 * unlike a beacon it carries the Origin header the server checks. Failures are left to the
 * server's stale-session timer, which ends the session at its last heartbeat.
 */
export function endMonitor(sessionId: string): void {
  void fetch(`/api/monitors/${encodeURIComponent(sessionId)}/end`, {
    method: 'POST',
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
    keepalive: true,
  }).catch(() => undefined);
}

/** Gives the chat to a member of its department with room for one more live chat. */
export function assignChat(chatId: string, agentId: string): Promise<Chat> {
  return http(`/api/chats/${encodeURIComponent(chatId)}/assign`, {
    method: 'POST',
    body: { agentId },
    parse: Chat,
  });
}
