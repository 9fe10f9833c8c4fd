import type { AdminDepartment } from '@parley/contract';
import { useId, useState } from 'react';
import { describeError, isApiError } from '../../../app/http.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { useDepartments, useUpdateDepartment } from '../hooks/useDepartments.ts';
import type { AdminPageProps } from '../adminPage.ts';
import { AdminButton, AdminListState, AdminPageHeader, ReadOnlyNote } from './AdminControls.tsx';
import { DepartmentSheet } from './DepartmentSheet.tsx';

/** Which sheet is open: a new department, or one being edited. */
type SheetState = { mode: 'create' } | { mode: 'edit'; id: string } | null;

export function DepartmentsPage({ readOnly }: AdminPageProps) {
  const departments = useDepartments();
  const [search, setSearch] = useState('');
  const [sheet, setSheet] = useState<SheetState>(null);
  const [archiving, setArchiving] = useState<AdminDepartment | null>(null);
  const searchId = useId();

  const list = departments.data ?? [];
  const needle = search.trim().toLowerCase();
  const shown = needle
    ? list.filter(
        (d) =>
          d.name.toLowerCase().includes(needle) ||
          d.members.some((m) => m.name.toLowerCase().includes(needle)),
      )
    : list;
  const editing = sheet?.mode === 'edit' ? list.find((d) => d.id === sheet.id) : undefined;

  return (
    <>
      <AdminPageHeader
        title="Departments"
        description="Teams that chats are routed to. Each channel routes to one department."
        actions={
          <AdminButton
            readOnly={readOnly}
            variant="primary"
            onClick={() => setSheet({ mode: 'create' })}
          >
            New department
          </AdminButton>
        }
      />
      <ReadOnlyNote readOnly={readOnly} />
      <AdminListState
        query={departments}
        noun="departments"
        columns={4}
        isEmpty={(data) => data.length === 0}
        empty={
          <EmptyState
            title="No departments yet."
            description="Create a department first, then add its members; channels route chats to it."
          />
        }
      >
        {() => (
          <>
            <div className="admin-toolbar">
              <label htmlFor={searchId} className="visually-hidden">
                Search departments
              </label>
              <input
                id={searchId}
                type="search"
                className="input admin-toolbar__search"
                placeholder="Search by name or member"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
              />
              <span className="admin-toolbar__count">
                {shown.length} of {list.length}
              </span>
            </div>
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Members</th>
                  <th scope="col" className="admin-table__number">
                    Channels
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((department) => (
                  <DepartmentRow
                    key={department.id}
                    department={department}
                    readOnly={readOnly}
                    onEdit={() => setSheet({ mode: 'edit', id: department.id })}
                    onArchive={() => setArchiving(department)}
                  />
                ))}
              </tbody>
            </table>
            {shown.length === 0 ? (
              <p className="admin-table__none">No department matches “{search.trim()}”.</p>
            ) : null}
          </>
        )}
      </AdminListState>
      <DepartmentSheet
        key={sheet?.mode === 'edit' ? sheet.id : 'new'}
        open={sheet !== null && (sheet.mode === 'create' || editing !== undefined)}
        department={editing}
        onClose={() => setSheet(null)}
      />
      <ArchiveDialog department={archiving} onClose={() => setArchiving(null)} />
    </>
  );
}

type DepartmentRowProps = {
  department: AdminDepartment;
  readOnly: boolean;
  onEdit: () => void;
  onArchive: () => void;
};

function DepartmentRow({ department, readOnly, onEdit, onArchive }: DepartmentRowProps) {
  const update = useUpdateDepartment();
  const names = department.members.map((m) => m.name);
  return (
    <tr className={department.archived ? 'admin-table__row--muted' : undefined}>
      <th scope="row" className="admin-table__name">
        {department.name}
      </th>
      <td>
        <span className="admin-table__count">{names.length}</span>{' '}
        <span className="admin-table__meta" title={names.join(', ')}>
          {names.length === 0
            ? 'nobody yet'
            : names.slice(0, 3).join(', ') + (names.length > 3 ? ` +${names.length - 3}` : '')}
        </span>
      </td>
      <td className="admin-table__number">{department.channelCount}</td>
      <td>
        {department.archived ? (
          <span className="pill">Archived</span>
        ) : (
          <span className="admin-table__meta">Active</span>
        )}
      </td>
      <td className="admin-table__actions">
        <AdminButton
          readOnly={readOnly}
          size="sm"
          variant="ghost"
          onClick={onEdit}
          aria-label={`Edit ${department.name}`}
        >
          Edit
        </AdminButton>
        {department.archived ? (
          <AdminButton
            readOnly={readOnly}
            size="sm"
            variant="ghost"
            pending={update.isPending}
            onClick={() => update.mutate({ id: department.id, patch: { archived: false } })}
            aria-label={`Restore ${department.name}`}
          >
            Restore
          </AdminButton>
        ) : (
          <AdminButton
            readOnly={readOnly}
            size="sm"
            variant="ghost"
            onClick={onArchive}
            aria-label={`Archive ${department.name}`}
          >
            Archive
          </AdminButton>
        )}
        {update.isError ? (
          <span className="field__error" role="alert">
            {describeError(update.error)}
          </span>
        ) : null}
      </td>
    </tr>
  );
}

function ArchiveDialog({
  department,
  onClose,
}: {
  department: AdminDepartment | null;
  onClose: () => void;
}) {
  const update = useUpdateDepartment();
  const close = () => {
    update.reset();
    onClose();
  };
  // A 409 says why (channels still route here): the person needs that sentence, not a title.
  const refusal = update.isError
    ? isApiError(update.error, 409)
      ? (update.error.detail ?? update.error.title)
      : describeError(update.error)
    : null;
  return (
    <ConfirmDialog
      open={department !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title={`Archive ${department?.name ?? 'department'}?`}
      description="Archived departments take no new chats. Their history stays, and you can restore them later."
      confirmLabel="Archive"
      pending={update.isPending}
      error={refusal}
      onConfirm={() => {
        if (!department) return;
        update.mutate({ id: department.id, patch: { archived: true } }, { onSuccess: close });
      }}
    />
  );
}
