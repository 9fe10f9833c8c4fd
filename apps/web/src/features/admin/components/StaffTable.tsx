import type { AdminStaff } from '@parley/contract';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { describeError } from '../../../app/http.ts';
import { StatusDot } from '../../../ui/StatusDot.tsx';
import type { StatusTone } from '../../../ui/StatusDot.tsx';
import { Tooltip } from '../../../ui/Tooltip.tsx';
import { absoluteTime, relativeTime, relativeTimeInWords } from '../../../ui/time.ts';
import { useNow } from '../../../ui/useNow.ts';
import { useReactivateStaff } from '../hooks/useStaff.ts';
import { roleLabels, staffStatus } from '../staffRules.ts';
import type { StaffLocks, StaffSort, StaffSortKey, StaffStatus } from '../staffRules.ts';
import { AdminButton } from './AdminControls.tsx';

export type StaffActions = {
  onEdit: (person: AdminStaff) => void;
  onDeactivate: (person: AdminStaff) => void;
};

type StaffTableProps = StaffActions & {
  readOnly: boolean;
  rows: AdminStaff[];
  sort: StaffSort;
  onSort: (key: StaffSortKey) => void;
  locksOf: (person: AdminStaff) => StaffLocks;
};

const columns: { key: StaffSortKey | null; label: string; className?: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'role', label: 'Role' },
  { key: null, label: 'Departments', className: 'staff-table__departments' },
  { key: 'capacity', label: 'Capacity', className: 'admin-table__number' },
  { key: 'status', label: 'Status' },
  { key: 'lastSignIn', label: 'Last sign-in' },
];

export function StaffTable({ readOnly, rows, sort, onSort, locksOf, ...actions }: StaffTableProps) {
  return (
    <div className="staff-table__scroll">
      <table className="admin-table staff-table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.label}
                scope="col"
                className={column.className}
                aria-sort={column.key && column.key === sort.key ? sort.direction : undefined}
              >
                {column.key ? (
                  <SortButton
                    active={column.key === sort.key}
                    direction={sort.direction}
                    onClick={() => column.key && onSort(column.key)}
                  >
                    {column.label}
                  </SortButton>
                ) : (
                  column.label
                )}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((person) => (
            <StaffRow
              key={person.id}
              person={person}
              readOnly={readOnly}
              locks={locksOf(person)}
              {...actions}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SortButton({
  active,
  direction,
  onClick,
  children,
}: {
  active: boolean;
  direction: StaffSort['direction'];
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button type="button" className="staff-table__sort" onClick={onClick}>
      {children}
      <span aria-hidden="true" className="staff-table__arrow">
        {active ? (direction === 'ascending' ? '↑' : '↓') : '↕'}
      </span>
    </button>
  );
}

function StaffRow({
  person,
  readOnly,
  locks,
  onEdit,
  onDeactivate,
}: StaffActions & { person: AdminStaff; readOnly: boolean; locks: StaffLocks }) {
  const reactivate = useReactivateStaff();
  const deactivated = person.status.deactivated;
  return (
    <tr className={deactivated ? 'admin-table__row--muted' : undefined}>
      <th scope="row" className="staff-table__person">
        <span className="admin-table__name">{person.name}</span>
        <span className="admin-table__meta staff-table__email" title={person.email}>
          {person.email}
        </span>
      </th>
      <td>
        {roleLabels[person.role]}
        {/* Below 1280 px the departments move under the role, and their column goes. */}
        <span className="staff-table__role-departments">
          <Departments departments={person.departments} />
        </span>
      </td>
      <td className="staff-table__departments">
        <Departments departments={person.departments} />
      </td>
      <td className="admin-table__number">{person.capacity}</td>
      <td className="admin-table__nowrap">
        <StatusBadge status={staffStatus(person)} />
      </td>
      <td className="admin-table__meta admin-table__nowrap">
        <LastSignIn iso={person.lastSignInAt} />
      </td>
      <td className="admin-table__actions">
        <AdminButton
          readOnly={readOnly}
          size="sm"
          variant="ghost"
          onClick={() => onEdit(person)}
          aria-label={`Edit ${person.name}`}
        >
          Edit
        </AdminButton>
        {deactivated ? (
          <AdminButton
            readOnly={readOnly}
            size="sm"
            variant="ghost"
            pending={reactivate.isPending}
            onClick={() => reactivate.mutate(person.id)}
            aria-label={`Reactivate ${person.name}`}
          >
            Reactivate
          </AdminButton>
        ) : (
          <AdminButton
            readOnly={readOnly}
            disabledReason={locks.deactivate}
            size="sm"
            variant="ghost"
            onClick={() => onDeactivate(person)}
            aria-label={`Deactivate ${person.name}`}
          >
            Deactivate
          </AdminButton>
        )}
        {reactivate.isError ? (
          <span className="field__error staff-table__row-error" role="alert">
            {describeError(reactivate.error)}
          </span>
        ) : null}
      </td>
    </tr>
  );
}

function Departments({ departments }: { departments: AdminStaff['departments'] }) {
  if (departments.length === 0) return <span className="admin-table__meta">No department</span>;
  return (
    <span className="admin-pills">
      {departments.map((d) => (
        <span key={d.id} className="pill">
          {d.name}
        </span>
      ))}
    </span>
  );
}

const statusWords: Record<StaffStatus, { label: string; tone: StatusTone }> = {
  available: { label: 'Available', tone: 'green' },
  away: { label: 'Away', tone: 'amber' },
  offline: { label: 'Offline', tone: 'grey' },
  deactivated: { label: 'Deactivated', tone: 'grey' },
};

/** Online and taking chats, online but away, signed out, or unable to sign in. */
function StatusBadge({ status }: { status: StaffStatus }) {
  if (status === 'deactivated') return <span className="pill">Deactivated</span>;
  const { label, tone } = statusWords[status];
  return (
    <span className="staff-table__status">
      <StatusDot tone={tone} />
      {label}
    </span>
  );
}

/**
 * "3 h" in the table; the exact time on hover, on focus and on a tap (a tooltip alone never
 * opens on touch), and in words for screen readers.
 */
function LastSignIn({ iso }: { iso: string | null }) {
  const now = useNow(60_000);
  const [open, setOpen] = useState(false);
  if (iso === null) return <>Never</>;
  const exact = absoluteTime(iso);
  return (
    <Tooltip content={exact} open={open} onOpenChange={setOpen}>
      <button
        type="button"
        className="staff-table__time"
        aria-label={`${relativeTimeInWords(iso, now)}, ${exact}`}
        onClick={(event) => {
          // Radix closes a tooltip on a click; a tap should show the time instead.
          event.preventDefault();
          setOpen(true);
        }}
      >
        <time dateTime={iso}>{relativeTime(iso, now)}</time>
      </button>
    </Tooltip>
  );
}
