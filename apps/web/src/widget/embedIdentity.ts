import type { WidgetIdentity } from '@parley/contract';

/**
 * The handshake with the page that embeds the widget in an iframe. The widget tells its parent
 * it is ready (`parley:ready`, addressed only to the allowed origins, so no other page learns
 * anything), and the parent answers with a signed identity (`parley:identity`). A message counts
 * only when it comes from the parent window itself and from an origin the channel allows: any
 * other page (a second frame, a popup, an ad) cannot sign the visitor in as someone else, and
 * the signature, checked by the server, is what vouches for the number.
 */

export const READY = 'parley:ready';
export const IDENTITY = 'parley:identity';

/** The window that frames this page, or null when the page is not framed. */
export function framingParent(win: Window = window): Window | null {
  return win.parent && win.parent !== win ? win.parent : null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The identity in a `parley:identity` message, if it has the right shape (the server checks it). */
export function readIdentityMessage(data: unknown): WidgetIdentity | null {
  if (!isRecord(data) || data.type !== IDENTITY || !isRecord(data.identity)) return null;
  const { phone, name, expires, signature } = data.identity;
  if (typeof phone !== 'string' || typeof expires !== 'number' || typeof signature !== 'string')
    return null;
  if (name !== undefined && typeof name !== 'string') return null;
  return name ? { phone, name, expires, signature } : { phone, expires, signature };
}

/**
 * Listens for identities from the framing page and says ready to it. Returns a function that
 * stops listening.
 */
export function listenForIdentity(
  parent: Window,
  allowedOrigins: readonly string[],
  onIdentity: (identity: WidgetIdentity) => void,
  win: Window = window,
): () => void {
  const allowed = new Set(allowedOrigins);
  const onMessage = (event: MessageEvent) => {
    if (event.source !== parent || !allowed.has(event.origin)) return;
    const identity = readIdentityMessage(event.data);
    if (identity) onIdentity(identity);
  };
  win.addEventListener('message', onMessage);
  // A target origin the parent does not have drops the message: only an allowed page hears it.
  for (const origin of allowed) parent.postMessage({ type: READY }, origin);
  return () => win.removeEventListener('message', onMessage);
}
