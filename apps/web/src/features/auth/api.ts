import { Me, SessionState, SetPasswordInfo, SignInReply } from '@parley/contract';
import type { SignInBody } from '@parley/contract';
import { http, httpNoContent } from '../../app/http.ts';

export const meQueryKey = ['session', 'me'] as const;

/**
 * The signed-in person, or null when there is no session. Asked of GET /api/session, which
 * answers 200 either way, so a signed-out page load logs no failed request in the console.
 */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  const { user } = await http('/api/session', { parse: SessionState, signal });
  return user;
}

export function signIn(body: SignInBody): Promise<SignInReply> {
  return http('/api/session', { method: 'POST', body, parse: SignInReply });
}

export function signOut(): Promise<void> {
  return httpNoContent('/api/session', { method: 'DELETE' });
}

export function setAvailability(available: boolean): Promise<Me> {
  return http('/api/me/availability', { method: 'PUT', body: { available }, parse: Me });
}

const setPasswordPath = (token: string) => `/api/set-password/${encodeURIComponent(token)}`;

/** Whose one-time link this is; 404 unknown, 410 used or expired. */
export function readSetPasswordLink(token: string, signal?: AbortSignal): Promise<SetPasswordInfo> {
  return http(setPasswordPath(token), { parse: SetPasswordInfo, signal });
}

/** Chooses the password and uses the link up. */
export function setPasswordWithLink(token: string, password: string): Promise<void> {
  return httpNoContent(setPasswordPath(token), { method: 'POST', body: { password } });
}
