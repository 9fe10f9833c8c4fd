import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { unauthorized } from '../errors.ts';
import {
  type AuthDeps,
  authenticateApiToken,
  authenticateSession,
  DEVICE_DAYS,
} from '../features/auth/index.ts';
import type { Principal } from '../principal.ts';
import { isAllowedOrigin, isStateChange } from './origin.ts';
import { sendProblem } from './problem.ts';
import { tokenRefusal } from './route-policy.ts';

export const SESSION_COOKIE = 'parley_session';
/** Marks a browser that signed in to an account before (ADR 6); only sign-in ever reads it. */
export const DEVICE_COOKIE = 'parley_device';
/**
 * The name over https: the __Host- prefix makes the browser refuse the cookie unless it is
 * Secure, for this host only and Path=/, so a sibling subdomain or a plain-http page cannot
 * plant a session of its choosing (session fixation).
 */
export const SECURE_SESSION_COOKIE = '__Host-parley_session';

const sessionCookieName = (request: FastifyRequest) =>
  request.protocol === 'https' ? SECURE_SESSION_COOKIE : SESSION_COOKIE;

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The caller, or 401. Handlers call this first and pass the principal to one service function. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(sessionCookieName(request), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}

export function setDeviceCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(DEVICE_COOKIE, token, {
    path: '/api/session',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge: DEVICE_DAYS * 86_400,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(sessionCookieName(request), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}

/**
 * Resolves who is calling (a Bearer API token, else the session cookie), refuses a token outside
 * its scopes (route-policy.ts) and a cookie-borne state change from a foreign origin, all before
 * any handler runs.
 */
export function registerAuthHooks(
  app: FastifyInstance,
  deps: AuthDeps & { origins: string[] | undefined },
) {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const principal = await authenticateApiToken(deps, header.slice(7).trim());
      request.principal = principal ?? null;
      // An unknown path is left to answer 404; every known one is checked against its policy.
      const route = request.routeOptions.url;
      const refusal =
        principal?.kind === 'staff' && route !== undefined
          ? tokenRefusal(principal, request.method, route)
          : undefined;
      if (refusal) return sendProblem(reply, 403, refusal);
      return;
    }
    if (isStateChange(request.method) || request.url.startsWith('/api/realtime')) {
      if (!isAllowedOrigin(request, deps.origins))
        return sendProblem(reply, 403, 'This request came from an origin that is not allowed.');
    }
    const token = request.cookies[sessionCookieName(request)];
    if (token) request.principal = (await authenticateSession(deps, token)) ?? null;
  });
}
