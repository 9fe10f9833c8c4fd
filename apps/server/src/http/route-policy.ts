import type { TokenScope } from '@parley/contract';
import type { FastifyInstance } from 'fastify';
import type { StaffPrincipal } from '../principal.ts';

/**
 * What an API token needs to call each route: one table for every route, read from the matched
 * route pattern, so no route can forget its check (http/route-policy.test.ts walks every /api
 * route). Browser sessions are not limited here: the services' role checks apply to both.
 *
 * - `public`: the route authenticates itself or nobody (sign-in, signed webhooks, the widget).
 * - `session`: never with a token, whatever its scopes (tokens themselves, staff changes, sign-out).
 * - a scope: the token must hold it.
 */
export type Access = 'public' | 'session' | TokenScope;

type Rule = { methods: readonly string[] | '*'; path: string; access: Access };

/** A path ending in `*` matches by prefix; otherwise the pattern must be equal. First match wins. */
const RULES: readonly Rule[] = [
  { methods: ['POST'], path: '/api/session', access: 'public' },
  // Answers whether the caller is signed in; a signed-out browser gets null, not 401.
  { methods: ['GET'], path: '/api/session', access: 'public' },
  { methods: '*', path: '/api/inbound/*', access: 'public' },
  { methods: '*', path: '/api/widget/*', access: 'public' },
  // A one-time set-password link is its own proof; nobody is signed in yet.
  { methods: '*', path: '/api/set-password/*', access: 'public' },
  // Answers only whether anyone exists yet, so the sign-in page can tell how to begin.
  { methods: ['GET'], path: '/api/setup', access: 'public' },
  { methods: ['GET'], path: '/api/openapi.json', access: 'public' },
  { methods: ['GET'], path: '/api/docs*', access: 'public' },
  // A sent file behind a signed, expiring link: the signature is the credential.
  { methods: ['GET'], path: '/api/files/:id', access: 'public' },

  { methods: ['DELETE'], path: '/api/session', access: 'session' },
  { methods: '*', path: '/api/admin/tokens*', access: 'session' },
  { methods: ['GET'], path: '/api/admin/staff*', access: 'admin' },
  { methods: '*', path: '/api/admin/staff*', access: 'session' },
  // The close dialog's list: an integration that closes chats needs it as much as the desk does.
  { methods: ['GET'], path: '/api/admin/tags', access: 'read' },
  // When each department answers live: read and changed like the settings, with the admin scope.
  { methods: '*', path: '/api/admin/business-hours', access: 'admin' },
  { methods: '*', path: '/api/admin/*', access: 'admin' },

  { methods: ['GET'], path: '/api/*', access: 'read' },

  { methods: ['PUT'], path: '/api/me/availability', access: 'chats:write' },
  // How the desk alerts a person is the desk's own business, not an integration's.
  { methods: ['PUT'], path: '/api/me/preferences', access: 'session' },
  // Monitoring only watches: a token that may read chats may watch one (supervisors only).
  { methods: ['POST'], path: '/api/chats/:id/monitor', access: 'read' },
  { methods: ['POST'], path: '/api/monitors/*', access: 'read' },
  { methods: '*', path: '/api/chats/*', access: 'chats:write' },
  { methods: '*', path: '/api/transfers/*', access: 'chats:write' },
  { methods: '*', path: '/api/tickets*', access: 'chats:write' },
  { methods: '*', path: '/api/canned-replies*', access: 'chats:write' },
  { methods: '*', path: '/api/attachments*', access: 'chats:write' },
  { methods: ['POST'], path: '/api/notifications/read', access: 'chats:write' },
  { methods: '*', path: '/api/customers*', access: 'customers:write' },
  { methods: '*', path: '/api/notes/*', access: 'customers:write' },
];

const matches = (rule: Rule, method: string, path: string) =>
  (rule.methods === '*' || rule.methods.includes(method)) &&
  (rule.path.endsWith('*') ? path.startsWith(rule.path.slice(0, -1)) : path === rule.path);

/** The access a route needs, or undefined when the table has no rule for it (tokens refused). */
export function accessFor(method: string, routePattern: string): Access | undefined {
  const asked = method === 'HEAD' ? 'GET' : method;
  return RULES.find((rule) => matches(rule, asked, routePattern))?.access;
}

/** Why a token may not call this route, or undefined when it may. */
export function tokenRefusal(
  principal: StaffPrincipal,
  method: string,
  routePattern: string,
): string | undefined {
  const access = accessFor(method, routePattern);
  if (access === 'public') return undefined;
  if (access === undefined || access === 'session')
    return 'An API token cannot do this; sign in to the desk.';
  if (!(principal.scopes ?? []).includes(access))
    return `This API token lacks the "${access}" scope.`;
  return undefined;
}

export type RegisteredRoute = { method: string; url: string };

/** Records every route registered after this call, for the policy walk in the tests. */
export function collectRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  return routes;
}
