import type { AuditEvent } from '@parley/contract';
import { useId, useState } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { absoluteTime } from '../../../ui/time.ts';
import { describeChange } from '../auditChange.ts';
import { useAudit } from '../hooks/useAudit.ts';
import type { AdminPageProps } from '../adminPage.ts';
import { AdminPageHeader, TableSkeleton } from './AdminControls.tsx';

const objectKinds = [
  { value: '', label: 'Everything' },
  { value: 'department', label: 'Departments' },
  { value: 'tag', label: 'Wrap-up tags' },
  { value: 'settings', label: 'Settings' },
  { value: 'staff', label: 'Staff' },
  { value: 'token', label: 'API tokens' },
  { value: 'webhook', label: 'Webhooks' },
] as const;

export function AuditPage(_: AdminPageProps) {
  const [objectKind, setObjectKind] = useState('');
  const audit = useAudit(objectKind);
  const filterId = useId();
  const items = audit.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <AdminPageHeader
        title="Audit log"
        description="Every change made in the Admin area: who, what, when, and what it was before."
      />
      <div className="admin-toolbar">
        <label htmlFor={filterId} className="field__label">
          Show
        </label>
        <select
          id={filterId}
          className="input admin-toolbar__select"
          value={objectKind}
          onChange={(event) => setObjectKind(event.target.value)}
        >
          {objectKinds.map((kind) => (
            <option key={kind.value} value={kind.value}>
              {kind.label}
            </option>
          ))}
        </select>
      </div>
      {audit.isPending ? (
        <TableSkeleton label="Loading the audit log" columns={4} />
      ) : audit.isError && items.length === 0 ? (
        <ErrorState
          title="Couldn't load the audit log."
          error={audit.error}
          onRetry={() => void audit.refetch()}
          retrying={audit.isFetching}
        />
      ) : items.length === 0 ? (
        <EmptyState
          title="No changes recorded yet."
          description={
            objectKind
              ? 'Nothing of this kind has been changed. Choose “Everything” to see all changes.'
              : 'Changes to departments, tags, settings and staff appear here as admins make them.'
          }
        />
      ) : (
        <>
          <table className="admin-table admin-table--audit">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {items.map((event) => (
                <AuditRow key={event.id} event={event} />
              ))}
            </tbody>
          </table>
          <div className="admin-table__more">
            {audit.isFetchNextPageError ? (
              <ErrorState
                compact
                title="Couldn't load more."
                error={audit.error}
                onRetry={() => void audit.fetchNextPage()}
              />
            ) : audit.hasNextPage ? (
              <Button onClick={() => void audit.fetchNextPage()} pending={audit.isFetchingNextPage}>
                {audit.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </Button>
            ) : (
              <p className="admin-table__meta">That's everything.</p>
            )}
          </div>
        </>
      )}
    </>
  );
}

function AuditRow({ event }: { event: AuditEvent }) {
  const lines = describeChange(event.before, event.after);
  return (
    <tr>
      <td className="admin-table__meta admin-table__nowrap">{absoluteTime(event.at)}</td>
      <td className="admin-table__nowrap">{'name' in event.actor ? event.actor.name : 'System'}</td>
      <td>
        <span className="admin-checklist__code">{event.action}</span>
      </td>
      <td>
        {lines.length === 0 ? (
          <span className="admin-table__meta">No field changed</span>
        ) : (
          <ul className="audit-change">
            {lines.map((line) => (
              <li key={line.field}>
                <span className="audit-change__field">{line.field}</span>{' '}
                {line.before !== null ? (
                  <del className="audit-change__before">{line.before}</del>
                ) : null}
                {line.before !== null && line.after !== null ? ' → ' : null}
                {line.after !== null ? (
                  <ins className="audit-change__after">{line.after}</ins>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
