import type { ApiToken, ApiTokenCreated } from '@parley/contract';
import { useState } from 'react';
import { describeError } from '../../../app/http.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { absoluteTime } from '../../../ui/time.ts';
import { useNow } from '../../../ui/useNow.ts';
import { useRevokeToken, useTokens } from '../hooks/useTokens.ts';
import type { AdminPageProps } from '../adminPage.ts';
import { AdminButton, AdminListState, AdminPageHeader } from './AdminControls.tsx';
import { TokenSecretDialog } from './TokenSecretDialog.tsx';
import { TokenSheet } from './TokenSheet.tsx';

export function TokensPage({ readOnly }: AdminPageProps) {
  const tokens = useTokens();
  const [creating, setCreating] = useState(false);
  // Held only until the dialog closes: the secret is never stored anywhere else.
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <>
      <AdminPageHeader
        title="API tokens"
        description="Named, scoped keys that let other systems use Parley's API on your behalf."
        actions={
          <AdminButton readOnly={readOnly} variant="primary" onClick={() => setCreating(true)}>
            New token
          </AdminButton>
        }
      />
      <AdminListState
        query={tokens}
        noun="tokens"
        columns={4}
        isEmpty={(data) => data.length === 0}
        empty={
          <EmptyState
            title="No API tokens."
            description="Create a token for each system that talks to Parley, with only the scopes it needs."
          />
        }
      >
        {(data) => (
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Scopes</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((token) => (
                <tr key={token.id}>
                  <th scope="row" className="admin-table__name">
                    {token.name}
                  </th>
                  <td>
                    <span className="admin-pills">
                      {token.scopes.map((scope) => (
                        <span key={scope} className="pill">
                          {scope}
                        </span>
                      ))}
                    </span>
                  </td>
                  <td className="admin-table__meta admin-table__nowrap">
                    <DateCell iso={token.expiresAt} expiry />
                  </td>
                  <td className="admin-table__meta admin-table__nowrap">
                    <DateCell iso={token.lastUsedAt} />
                  </td>
                  <td className="admin-table__actions">
                    <AdminButton
                      readOnly={readOnly}
                      size="sm"
                      variant="ghost"
                      aria-label={`Revoke ${token.name}`}
                      onClick={() => setRevoking(token)}
                    >
                      Revoke
                    </AdminButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AdminListState>
      <TokenSheet
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setCreated(token);
        }}
      />
      <TokenSecretDialog token={created} onClose={() => setCreated(null)} />
      <RevokeDialog token={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The day is enough in the table; the hover title has the time. */
function DateCell({ iso, expiry = false }: { iso: string | null; expiry?: boolean }) {
  const now = useNow(60_000);
  if (iso === null) return <>Never</>;
  const day = dayFormat.format(Date.parse(iso));
  return (
    <time dateTime={iso} title={absoluteTime(iso)}>
      {expiry && Date.parse(iso) < now ? `Expired ${day}` : day}
    </time>
  );
}

function RevokeDialog({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const revoke = useRevokeToken();
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={token !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title={`Revoke “${token?.name ?? ''}”?`}
      description="Anything using this token is refused at once. This can't be undone; create a new token to replace it."
      confirmLabel="Revoke token"
      pending={revoke.isPending}
      error={revoke.isError ? describeError(revoke.error) : null}
      onConfirm={() => token && revoke.mutate(token.id, { onSuccess: close })}
    />
  );
}
