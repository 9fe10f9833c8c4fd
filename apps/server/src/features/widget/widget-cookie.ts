import type { CookieSerializeOptions } from '@fastify/cookie';

export const WIDGET_COOKIE = 'parley_widget';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * How the widget's session cookie is set. The widget page is meant to be framed by the
 * business's site, another site than ours: there a Lax cookie is never sent back, and the chat
 * would lose its session on the first request after starting it. So wherever browsers take a
 * Secure cookie (HTTPS, and plain HTTP to a loopback host, as in development) it is
 * `SameSite=None; Secure; Partitioned`: sent inside the frame, but kept per embedding site, so
 * no other site's frame shares it. Cross-site state changes stay refused by the Origin check
 * every /api/ request passes (http/auth-hooks.ts). Plain HTTP elsewhere keeps Lax: it cannot be
 * framed across sites, but it works on its own page.
 */
export function widgetCookieOptions(
  channelId: string,
  request: { protocol: string; hostname: string },
): CookieSerializeOptions {
  // Only this channel's widget endpoints ever see the cookie.
  const path = `/api/widget/${encodeURIComponent(channelId)}`;
  const secureContext = request.protocol === 'https' || LOOPBACK.has(request.hostname);
  return secureContext
    ? { path, httpOnly: true, sameSite: 'none', secure: true, partitioned: true }
    : { path, httpOnly: true, sameSite: 'lax', secure: false };
}
