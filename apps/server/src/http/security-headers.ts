import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply } from 'fastify';

type Directives = Record<string, string[]>;

/**
 * Every page's policy: scripts, styles and connections only from our own origin, nothing inline
 * or evaluated, so text that slips into a page (a customer's message, a name) can never run.
 */
const pageDirectives: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  // Radix's dialogs (and Swagger UI) write one <style> element whose text varies with the
  // scrollbar's width, so no hash can name it; inline style elements are allowed, inline style
  // attributes are not (React sets styles through the CSSOM, which no policy governs).
  'style-src-elem': ["'self'", "'unsafe-inline'"],
  'style-src-attr': ["'none'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const serialise = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');

/** The page policy with the given frame-ancestors. */
export const pagePolicy = (frameAncestors: string[] = ["'none'"]) =>
  serialise({ ...pageDirectives, 'frame-ancestors': frameAncestors });

/** A year: long enough to matter, short enough to undo a mistake. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Headers for every response: the page policy (the desk is never framed), nosniff, a referrer
 * policy that never sends paths to other sites, and HSTS only when the request came over TLS
 * (over plain http it is ignored by browsers and would only mislead).
 */
export async function registerSecurityHeaders(app: FastifyInstance) {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...pageDirectives },
    },
    frameguard: { action: 'deny' },
    hsts: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}

/**
 * The widget page may be framed by the sites its channel lists, besides our own origin.
 * X-Frame-Options cannot name other origins, so with any listed it is left to the CSP.
 */
export function allowFramingBy(reply: FastifyReply, origins: string[]) {
  reply.header('content-security-policy', pagePolicy(["'self'", ...origins]));
  if (origins.length === 0) reply.header('x-frame-options', 'SAMEORIGIN');
  else reply.removeHeader('x-frame-options');
}
