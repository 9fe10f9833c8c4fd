import type { WebhookDelivery, WebhookSubscription } from '@parley/contract';
import { describeError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { Sheet } from '../../../ui/Sheet.tsx';
import { Tooltip } from '../../../ui/Tooltip.tsx';
import { absoluteTime, clockTime, relativeTime } from '../../../ui/time.ts';
import { useNow } from '../../../ui/useNow.ts';
import { useRedeliver, useSendTestEvent, useWebhookDeliveries } from '../hooks/useWebhooks.ts';
import { WebhookStatus } from './WebhookStatus.tsx';

type Props = { webhook: WebhookSubscription | null; onClose: () => void };

/** One webhook's delivery log, with "Send test event" and Redeliver. */
export function WebhookDeliveriesSheet({ webhook, onClose }: Props) {
  return (
    <Sheet
      open={webhook !== null}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title="Deliveries"
      description={webhook ? <span className="webhook-url">{webhook.url}</span> : ''}
    >
      {webhook ? <DeliveryLog webhook={webhook} /> : null}
    </Sheet>
  );
}

function DeliveryLog({ webhook }: { webhook: WebhookSubscription }) {
  const log = useWebhookDeliveries(webhook.id);
  const test = useSendTestEvent(webhook.id);
  const deliveries = log.data?.pages.flatMap((page) => page.items) ?? [];
  const pausedReason = webhook.active ? null : 'Paused: resume the webhook to send events.';

  return (
    <div className="webhook-log">
      <div className="webhook-log__actions">
        {pausedReason ? (
          <Tooltip content={pausedReason}>
            <span className="admin-disabled" tabIndex={0}>
              <Button size="sm" disabled>
                Send test event
              </Button>
            </span>
          </Tooltip>
        ) : (
          <Button size="sm" pending={test.isPending} onClick={() => test.mutate(undefined)}>
            Send test event
          </Button>
        )}
        <p className="settings-form__status" role="status">
          {test.isSuccess ? 'Test event queued.' : ''}
        </p>
      </div>
      {test.isError ? (
        <p className="field__error" role="alert">
          {describeError(test.error)}
        </p>
      ) : null}
      {log.isPending ? (
        <ListSkeleton rows={4} label="Loading deliveries" />
      ) : log.isError ? (
        <ErrorState
          title="Couldn't load the deliveries."
          error={log.error}
          onRetry={() => void log.refetch()}
          retrying={log.isFetching}
        />
      ) : deliveries.length === 0 ? (
        <EmptyState
          title="No deliveries yet."
          description="Each event this webhook subscribes to appears here as it is sent. Send a test event to check the receiver now."
        />
      ) : (
        <>
          <ul className="webhook-log__list" aria-label="Deliveries, newest first">
            {deliveries.map((delivery) => (
              <DeliveryItem key={delivery.id} webhook={webhook} delivery={delivery} />
            ))}
          </ul>
          {log.hasNextPage ? (
            <Button
              size="sm"
              variant="ghost"
              pending={log.isFetchingNextPage}
              onClick={() => void log.fetchNextPage()}
            >
              Show older deliveries
            </Button>
          ) : null}
        </>
      )}
    </div>
  );
}

/** A past moment as "2 m" (absolute on hover); a future one as its clock time. */
function When({ iso, now, prefix }: { iso: string; now: number; prefix: string }) {
  const future = Date.parse(iso) > now;
  return (
    <span>
      {prefix}{' '}
      <time dateTime={iso} title={absoluteTime(iso)}>
        {future ? clockTime(iso) : relativeTime(iso, now)}
      </time>
    </span>
  );
}

function DeliveryItem({
  webhook,
  delivery,
}: {
  webhook: WebhookSubscription;
  delivery: WebhookDelivery;
}) {
  const now = useNow(30_000);
  const again = useRedeliver(webhook.id);
  const blocked =
    delivery.status === 'pending'
      ? 'Still queued: Parley tries it again by itself.'
      : !webhook.active
        ? 'Paused: resume the webhook to redeliver.'
        : null;
  const label = `Redeliver ${delivery.eventType} from ${absoluteTime(delivery.createdAt)}`;

  return (
    <li className="webhook-log__item">
      <div className="webhook-log__main">
        <div className="webhook-log__head">
          <span className="admin-checklist__code">{delivery.eventType}</span>
          <WebhookStatus status={delivery.status} attempts={delivery.attempts} />
          <span className="admin-table__meta">
            {delivery.attempts === 1 ? '1 attempt' : `${delivery.attempts} attempts`}
            {delivery.responseStatus !== null ? ` · HTTP ${delivery.responseStatus}` : ''}
          </span>
        </div>
        {delivery.lastError ? <p className="webhook-log__error">{delivery.lastError}</p> : null}
        {again.isError ? (
          <p className="field__error" role="alert">
            {describeError(again.error)}
          </p>
        ) : null}
        <p className="admin-table__meta webhook-log__times">
          <When prefix="Queued" iso={delivery.createdAt} now={now} />
          {delivery.lastAttemptAt ? (
            <When prefix=" · last tried" iso={delivery.lastAttemptAt} now={now} />
          ) : null}
          {delivery.nextAttemptAt && delivery.attempts > 0 ? (
            <When prefix=" · next try" iso={delivery.nextAttemptAt} now={now} />
          ) : null}
        </p>
      </div>
      <span className="webhook-log__action">
        {blocked ? (
          <Tooltip content={blocked}>
            <span className="admin-disabled" tabIndex={0}>
              <Button size="sm" variant="ghost" disabled aria-label={label}>
                Redeliver
              </Button>
            </span>
          </Tooltip>
        ) : (
          <Button
            size="sm"
            variant="ghost"
            aria-label={label}
            pending={again.isPending}
            onClick={() => again.mutate(delivery.id)}
          >
            Redeliver
          </Button>
        )}
      </span>
    </li>
  );
}
