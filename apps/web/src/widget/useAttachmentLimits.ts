import type { AttachmentLimits } from '@parley/contract';
import { useEffect, useState } from 'react';
import { widgetApi } from './api.ts';

/**
 * The size and types this chat accepts, read once the visitor is chatting; until then (or if it
 * cannot be read) files are left to the server's own check.
 */
export function useAttachmentLimits(channelId: string, enabled: boolean) {
  const [limits, setLimits] = useState<AttachmentLimits | undefined>(undefined);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    widgetApi.attachmentLimits(channelId).then(
      (answer) => {
        if (current) setLimits(answer);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [channelId, enabled]);
  return limits;
}
