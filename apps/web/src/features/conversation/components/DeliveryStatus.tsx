import type { Message } from '@parley/contract';
import { AlertIcon, ClockIcon, TicksIcon } from '../../../ui/icons.tsx';

export type DeliveryState = Message['status'] | 'sending';

/**
 * The mark beside a staff message. Each one carries its word for screen readers (and on hover),
 * since a clock or a tick alone says little.
 */
export function DeliveryStatus({
  status,
  failureReason,
}: {
  status: DeliveryState;
  failureReason?: string | null;
}) {
  switch (status) {
    case 'sending':
    case 'queued':
      return (
        <span
          className="delivery delivery--waiting"
          role="img"
          aria-label={status === 'sending' ? 'Sending' : 'Queued'}
          title={status === 'sending' ? 'Sending' : 'Queued'}
        >
          <ClockIcon size={12} />
        </span>
      );
    case 'sent':
      return (
        <span className="delivery" role="img" aria-label="Sent" title="Sent">
          <TicksIcon />
        </span>
      );
    case 'delivered':
      return (
        <span className="delivery" role="img" aria-label="Delivered" title="Delivered">
          <TicksIcon double />
        </span>
      );
    case 'read':
      return (
        <span className="delivery delivery--read" role="img" aria-label="Seen" title="Seen">
          <TicksIcon double />
        </span>
      );
    case 'failed':
      return (
        <span className="delivery delivery--failed">
          <AlertIcon size={12} />
          Not delivered{failureReason ? `: ${failureReason}` : ''}
        </span>
      );
    case 'received':
      return null;
  }
}
