import { useEffect, useState } from 'react';
import { widgetApi } from './api.ts';

/** The business's greeting for this chat, set by its admin; null when there is none (or yet). */
export function useGreeting(channelId: string): string | null {
  const [greeting, setGreeting] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    widgetApi
      .config(channelId)
      .then((config) => current && setGreeting(config.greeting ?? null))
      // A greeting is a nicety: without it the chat works the same.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [channelId]);
  return greeting;
}
