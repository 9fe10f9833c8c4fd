import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { DisabledWithReason } from '../../../ui/DisabledWithReason.tsx';

export { DisabledWithReason };

export const adminOnlyReason = 'Only admins can change this';

type AdminButtonProps = Parameters<typeof Button>[0] & {
  /** When set the button is disabled and says why on hover and on focus. */
  readOnly: boolean;
  /** Another reason the button is off for this row (e.g. "You cannot deactivate yourself"). */
  disabledReason?: string | undefined;
};

/**
 * A button that changes something only admins may change. For everyone else it stays visible
 * but disabled, inside a focusable wrapper: a disabled button takes no focus or hover, so the
 * tooltip explaining why would otherwise never show.
 */
export function AdminButton({ readOnly, disabledReason, ...props }: AdminButtonProps) {
  const reason = readOnly ? adminOnlyReason : disabledReason;
  if (!reason) return <Button {...props} />;
  return (
    <DisabledWithReason reason={reason}>
      <Button {...props} disabled />
    </DisabledWithReason>
  );
}

type AdminPageHeaderProps = {
  title: string;
  description: ReactNode;
  actions?: ReactNode;
};

export function AdminPageHeader({ title, description, actions }: AdminPageHeaderProps) {
  return (
    <header className="admin-page__header">
      <div>
        <h2 className="admin-page__title">{title}</h2>
        <p className="admin-page__description">{description}</p>
      </div>
      {actions ? <div className="admin-page__actions">{actions}</div> : null}
    </header>
  );
}

/** Told once at the top of a page a supervisor may read but not change. */
export function ReadOnlyNote({ readOnly }: { readOnly: boolean }) {
  if (!readOnly) return null;
  return <p className="admin-page__readonly">You can read this page. {adminOnlyReason}.</p>;
}

/** A table's loading rows, shaped like the table so nothing jumps when it arrives. */
export function TableSkeleton({ label, columns }: { label: string; columns: number }) {
  return (
    <div role="status" aria-label={label} aria-busy="true" className="admin-table__skeleton">
      {Array.from({ length: 5 }, (_, row) => (
        <div key={row} className="admin-table__skeleton-row" aria-hidden="true">
          {Array.from({ length: columns }, (_, column) => (
            <span
              key={column}
              className="skeleton skeleton--line"
              style={{ width: `${60 - ((row * 7 + column * 11) % 30)}%` }}
            />
          ))}
        </div>
      ))}
    </div>
  );
}

type AdminListStateProps<T> = {
  query: UseQueryResult<T>;
  /** What the page lists, plural ("channels"): "Loading channels", "Couldn't load the channels." */
  noun: string;
  /** The table's columns, so the loading rows have its shape. */
  columns: number;
  isEmpty: (data: T) => boolean;
  /** What to do first, when there is nothing yet. */
  empty: ReactNode;
  children: (data: T) => ReactNode;
};

/** Every admin list's four states: loading rows, an error with Retry, the empty state, the list. */
export function AdminListState<T>({
  query,
  noun,
  columns,
  isEmpty,
  empty,
  children,
}: AdminListStateProps<T>) {
  if (query.isPending) return <TableSkeleton label={`Loading ${noun}`} columns={columns} />;
  if (query.isError)
    return (
      <ErrorState
        title={`Couldn't load the ${noun}.`}
        error={query.error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  if (isEmpty(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
