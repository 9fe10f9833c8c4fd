import type { WidgetIdentity } from '@parley/contract';
import { useEffect, useState } from 'react';
import { widgetApi } from './api.ts';
import { framingParent, listenForIdentity } from './embedIdentity.ts';

/** How long a framed widget waits for its page's identity before offering the number form. */
export const IDENTITY_GRACE_MS = 2_000;

export type EmbedIdentity = {
  /** The latest identity the framing page passed; null until one arrives. */
  identity: WidgetIdentity | null;
  /** The framing page may still pass an identity: worth a moment before asking for a number. */
  expected: boolean;
};

/**
 * The signed identity passed by an allowed page that frames the widget. Not framed, nothing
 * to wait for and nothing to ask the server.
 */
export function useEmbedIdentity(channelId: string): EmbedIdentity {
  const [parent] = useState(() => framingParent());
  const [identity, setIdentity] = useState<WidgetIdentity | null>(null);
  const [expected, setExpected] = useState(parent !== null);

  useEffect(() => {
    if (!parent) return;
    let stop: (() => void) | undefined;
    let current = true;
    const grace = setTimeout(() => setExpected(false), IDENTITY_GRACE_MS);
    widgetApi
      .config(channelId)
      .then((config) => {
        if (!current) return;
        if (!config.acceptsIdentity || config.allowedOrigins.length === 0)
          return setExpected(false);
        stop = listenForIdentity(parent, config.allowedOrigins, (next) => {
          setIdentity(next);
          setExpected(false);
        });
      })
      // Without the configuration no page is trusted: the visitor types their number.
      .catch(() => current && setExpected(false));
    return () => {
      current = false;
      clearTimeout(grace);
      stop?.();
    };
  }, [parent, channelId]);

  return { identity, expected };
}
