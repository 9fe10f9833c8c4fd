import type { FastifyRequest } from 'fastify';

/**
 * A browser always names the page's origin on a cross-site state change, so an Origin that is not
 * ours means another site is acting with our cookie. With no configured list, "ours" is the origin
 * the browser itself addressed (its Host header).
 */
export function isAllowedOrigin(request: FastifyRequest, allowed: string[] | undefined): boolean {
  const origin = request.headers.origin ?? refererOrigin(request.headers.referer);
  if (origin === undefined) {
    // No Origin and no Referer: not a browser's cross-site request, unless the fetch metadata says so.
    return request.headers['sec-fetch-site'] !== 'cross-site';
  }
  if (allowed) return allowed.includes(origin);
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.host === request.headers.host;
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

export const isStateChange = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);
