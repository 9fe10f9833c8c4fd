import type { WebhookDeliveryStatus } from '@parley/contract';
import { StatusDot, type StatusTone } from '../../../ui/StatusDot.tsx';

const tone: Record<WebhookDeliveryStatus, StatusTone> = {
  delivered: 'green',
  pending: 'amber',
  failed: 'red',
};

const word: Record<WebhookDeliveryStatus, string> = {
  delivered: 'Delivered',
  pending: 'Retrying',
  failed: 'Failed',
};

/** A delivery's state as a dot and a word; a pending one not tried yet is "Queued". */
export function WebhookStatus({
  status,
  attempts,
}: {
  status: WebhookDeliveryStatus;
  attempts: number;
}) {
  return (
    <span className="webhook-status">
      <StatusDot tone={tone[status]} />
      {status === 'pending' && attempts === 0 ? 'Queued' : word[status]}
    </span>
  );
}
