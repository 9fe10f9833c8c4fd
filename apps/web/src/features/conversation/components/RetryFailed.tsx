import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { describeError } from '../../../app/http.ts';
import { retryFailedMessage } from '../api.ts';
import { replaceRetriedMessage } from '../timelineCache.ts';

/**
 * Retry for a reply the channel refused: one request at a time (a double click sends once; the
 * server also queues it once however often it is asked), the message then shows as queued.
 */
export function RetryFailed({ chatId, messageId }: { chatId: string; messageId: string }) {
  const queryClient = useQueryClient();
  // A second click before the first re-render must not send again: React state lags a click.
  const inFlight = useRef(false);
  const retry = useMutation({
    mutationFn: () => retryFailedMessage(chatId, messageId),
    onSuccess: (message) => replaceRetriedMessage(queryClient, chatId, message),
    onSettled: () => {
      inFlight.current = false;
    },
  });
  return (
    <>
      <button
        type="button"
        className="link-button"
        disabled={retry.isPending}
        onClick={() => {
          if (inFlight.current) return;
          inFlight.current = true;
          retry.mutate();
        }}
      >
        {retry.isPending ? 'Retrying…' : 'Retry'}
      </button>
      {retry.isError ? (
        <span className="msg__retry-error" role="alert">
          {describeError(retry.error)}
        </span>
      ) : null}
    </>
  );
}
