import type { AuditEvent } from '@parley/contract';
import { useId, useState } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { absoluteTime } from '../../../ui/time.ts';
import { actorToken, auditSentence, changeSentences } from '../auditEvent.ts';
import { useAudit, useAuditActors } from '../hooks/useAudit.ts';
import type { AdminPageProps } from '../adminPage.ts';
import { AdminPageHeader, TableSkeleton } from './AdminControls.tsx';

const objectKinds = [
  { value: '', label: 'Everything' },
  { value: 'staff', label: 'Staff and sign-ins' },
  { value: 'department', label: 'Departments' },
  { value: 'channel', label: 'Channels' },
  { value: 'tag', label: 'Wrap-up tags' },
  { value: 'settings', label: 'Settings' },
  { value: 'token', label: 'API tokens' },
  { value: 'webhook', label: 'Webhooks' },
  { value: 'canned_reply', label: 'Shared canned replies' },
] as const;

export function AuditPage(_: AdminPageProps) {
  const [objectKind, setObjectKind] = useState('');
  const [actor, setActor] = useState('');
  const audit = useAudit(objectKind, actor);
  const actors = useAuditActors();
  const kindId = useId();
  const actorId = useId();
  const items = audit.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = objectKind !== '' || actor !== '';

  return (
    <>
      <AdminPageHeader
        title="Audit log"
        description={
          'Every change made in the Admin area or on the command line, sign-ins, and the use of ' +
          'API tokens that may administer the desk (recorded at most once an hour per token): ' +
          'who, what, when, and what it was before.'
        }
      />
      <div className="admin-toolbar">
        <label htmlFor={kindId} className="field__label">
          Show
        </label>
        <select
          id={kindId}
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
        <label htmlFor={actorId} className="field__label">
          Done by
        </label>
        <select
          id={actorId}
          className="input admin-toolbar__select"
          value={actor}
          onChange={(event) => setActor(event.target.value)}
        >
          <option value="">Anyone</option>
          <option value="system">The command line and Parley</option>
          {(actors.data ?? []).map((person) => (
            <option key={person.id} value={person.id}>
              {person.status.deactivated ? `${person.name} (deactivated)` : person.name}
            </option>
          ))}
        </select>
      </div>
      {audit.isPending ? (
        <TableSkeleton label="Loading the audit log" columns={2} />
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
            filtered
              ? 'Nothing matches these filters. Choose “Everything” and “Anyone” to see all changes.'
              : 'Changes to staff, departments, tags, settings and tokens appear here as admins make them.'
          }
        />
      ) : (
        <>
          <table className="admin-table admin-table--audit">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What happened</th>
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
  const changes = changeSentences(event);
  const token = actorToken(event.actor);
  return (
    <tr>
      <td className="admin-table__meta admin-table__nowrap">{absoluteTime(event.at)}</td>
      <td>
        <details className="audit-entry">
          <summary className="audit-entry__summary" title={event.action}>
            <span className="audit-entry__sentence">{auditSentence(event)}</span>
            {token ? <span className="admin-table__meta"> with the token “{token}”</span> : null}
          </summary>
          <dl className="audit-entry__raw">
            <dt>Action</dt>
            <dd>
              <code>{event.action}</code>
            </dd>
            <dt>Object</dt>
            <dd>
              <code>
                {event.object.kind} {event.object.id}
              </code>
            </dd>
            {changes.length > 0 ? (
              <>
                <dt>Fields</dt>
                <dd>
                  <code>{changes.map((change) => change.field).join(', ')}</code>
                </dd>
              </>
            ) : null}
          </dl>
        </details>
        {changes.length > 0 ? (
          <ul className="audit-change">
            {changes.map((change) => (
              <li key={change.field} title={change.field}>
                {change.text}
              </li>
            ))}
          </ul>
        ) : null}
      </td>
    </tr>
  );
}
