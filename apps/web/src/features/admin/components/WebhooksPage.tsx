import type { WebhookSubscription } from '@parley/contract';
import { useState } from 'react';
import { describeError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { Switch } from '../../../ui/Switch.tsx';
import { absoluteTime, relativeTime } from '../../../ui/time.ts';
import { useNow } from '../../../ui/useNow.ts';
import { useDeleteWebhook, useUpdateWebhook, useWebhooks } from '../hooks/useWebhooks.ts';
import type { AdminPageProps } from '../adminPage.ts';
import { AdminButton, AdminListState, AdminPageHeader } from './AdminControls.tsx';
import { WebhookDeliveriesSheet } from './WebhookDeliveriesSheet.tsx';
import { WebhookSecretDialog } from './WebhookSecretDialog.tsx';
import { WebhookSheet } from './WebhookSheet.tsx';
import { WebhookStatus } from './WebhookStatus.tsx';

export function WebhooksPage({ readOnly }: AdminPageProps) {
  const webhooks = useWebhooks();
  const update = useUpdateWebhook();
  const [creating, setCreating] = useState(false);
  // Held only until the dialog closes: the secret is never stored anywhere else.
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [deleting, setDeleting] = useState<WebhookSubscription | null>(null);
  const [viewingId, setViewingId] = useState<string | null>(null);
  const viewing = webhooks.data?.find((w) => w.id === viewingId) ?? null;
  const now = useNow(30_000);

  return (
    <>
      <AdminPageHeader
        title="Webhooks"
        description="Parley POSTs chat, message and customer events to your systems, signed, and retries when they fail."
        actions={
          <AdminButton readOnly={readOnly} variant="primary" onClick={() => setCreating(true)}>
            New webhook
          </AdminButton>
        }
      />
      {update.isError ? (
        <p className="field__error" role="alert">
          {describeError(update.error)}
        </p>
      ) : null}
      <AdminListState
        query={webhooks}
        noun="webhooks"
        columns={5}
        isEmpty={(data) => data.length === 0}
        empty={
          <EmptyState
            title="No webhooks."
            description="Add a webhook to send events such as new chats and messages to a URL of yours, e.g. a CRM or a data warehouse."
          />
        }
      >
        {(data) => (
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">Active</th>
                <th scope="col">Last delivery</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((webhook) => (
                <tr key={webhook.id}>
                  <th scope="row" className="admin-table__name webhook-url">
                    {webhook.url}
                  </th>
                  <td>
                    <span className="admin-pills">
                      {webhook.events.map((type) => (
                        <span key={type} className="pill">
                          {type}
                        </span>
                      ))}
                    </span>
                  </td>
                  <td>
                    <Switch
                      checked={webhook.active}
                      disabled={readOnly || update.isPending}
                      aria-label={`Active: ${webhook.url}`}
                      title={
                        webhook.active ? 'Sending events' : 'Paused: events wait until resumed'
                      }
                      onCheckedChange={(active) =>
                        update.mutate({ id: webhook.id, patch: { active } })
                      }
                    />
                  </td>
                  <td className="admin-table__meta admin-table__nowrap">
                    {webhook.lastDelivery ? (
                      <>
                        <WebhookStatus
                          status={webhook.lastDelivery.status}
                          attempts={webhook.lastDelivery.attempts}
                        />{' '}
                        <time
                          dateTime={webhook.lastDelivery.at}
                          title={absoluteTime(webhook.lastDelivery.at)}
                        >
                          {relativeTime(webhook.lastDelivery.at, now)}
                        </time>
                      </>
                    ) : (
                      'None yet'
                    )}
                  </td>
                  <td className="admin-table__actions admin-table__nowrap">
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Deliveries of ${webhook.url}`}
                      onClick={() => setViewingId(webhook.id)}
                    >
                      Deliveries
                    </Button>
                    <AdminButton
                      readOnly={readOnly}
                      size="sm"
                      variant="ghost"
                      aria-label={`Delete ${webhook.url}`}
                      onClick={() => setDeleting(webhook)}
                    >
                      Delete
                    </AdminButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AdminListState>
      <WebhookSheet
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          setSecret({ url: created.url, secret: created.secret });
        }}
      />
      <WebhookSecretDialog shown={secret} onClose={() => setSecret(null)} />
      <WebhookDeliveriesSheet webhook={viewing} onClose={() => setViewingId(null)} />
      <DeleteDialog webhook={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}

function DeleteDialog({
  webhook,
  onClose,
}: {
  webhook: WebhookSubscription | null;
  onClose: () => void;
}) {
  const remove = useDeleteWebhook();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={webhook !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title="Delete this webhook?"
      description={`Nothing more is sent to ${webhook?.url ?? ''}, including deliveries still waiting, and its delivery log is deleted. To stop for a while instead, pause it.`}
      confirmLabel="Delete webhook"
      pending={remove.isPending}
      error={remove.isError ? describeError(remove.error) : null}
      onConfirm={() => webhook && remove.mutate(webhook.id, { onSuccess: close })}
    />
  );
}
