import type { AdminStaff } from '@parley/contract';
import { useEffect, useId, useState } from 'react';
import { describeError, isApiError } from '../../../app/http.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import type { AdminPageProps } from '../adminPage.ts';
import { useAdminStaff, useDeactivateStaff, useResetStaffPassword } from '../hooks/useStaff.ts';
import { sortStaff, staffLocks } from '../staffRules.ts';
import type { StaffSort, StaffSortKey } from '../staffRules.ts';
import { AdminButton, AdminPageHeader, ReadOnlyNote, TableSkeleton } from './AdminControls.tsx';
import { SetPasswordLinkDialog } from './SetPasswordLinkDialog.tsx';
import type { ShownLink } from './SetPasswordLinkDialog.tsx';
import { StaffSheet } from './StaffSheet.tsx';
import { StaffTable } from './StaffTable.tsx';
import '../staff.css';

/** Which sheet is open: a new staff member, or one being edited. */
type SheetState = { mode: 'create' } | { mode: 'edit'; id: string } | null;

/** The search the server runs, a moment after the last keystroke rather than on each one. */
function useSettled(value: string, delayMs = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

export function StaffPage({ me, readOnly }: AdminPageProps) {
  const [search, setSearch] = useState('');
  const q = useSettled(search.trim());
  const everyone = useAdminStaff();
  const found = useAdminStaff(q);
  const [sort, setSort] = useState<StaffSort>({ key: 'name', direction: 'ascending' });
  const [sheet, setSheet] = useState<SheetState>(null);
  // Held only until the dialog closes: the link is never stored anywhere else.
  const [shownLink, setShownLink] = useState<ShownLink | null>(null);
  const [deactivating, setDeactivating] = useState<AdminStaff | null>(null);
  const [resetting, setResetting] = useState<AdminStaff | null>(null);
  const searchId = useId();

  const all = everyone.data ?? [];
  const locksOf = (person: AdminStaff) => staffLocks(person, me.id, all);
  const rows = sortStaff(found.data ?? [], sort);
  const editing = sheet?.mode === 'edit' ? all.find((s) => s.id === sheet.id) : undefined;
  const onSort = (key: StaffSortKey) =>
    setSort((current) => ({
      key,
      direction:
        current.key === key && current.direction === 'ascending' ? 'descending' : 'ascending',
    }));

  return (
    <>
      <AdminPageHeader
        title="Staff"
        description="Accounts, roles, departments and capacity for everyone who works in the desk."
        actions={
          <AdminButton
            readOnly={readOnly}
            variant="primary"
            onClick={() => setSheet({ mode: 'create' })}
          >
            New staff member
          </AdminButton>
        }
      />
      <ReadOnlyNote readOnly={readOnly} />
      {everyone.isPending ? (
        <TableSkeleton label="Loading staff" columns={6} />
      ) : everyone.isError || found.isError ? (
        <ErrorState
          title="Couldn't load the staff."
          error={everyone.error ?? found.error}
          onRetry={() => void Promise.all([everyone.refetch(), found.refetch()])}
          retrying={everyone.isFetching || found.isFetching}
        />
      ) : all.length === 0 ? (
        <EmptyState
          title="No staff yet."
          description="Create a staff member, then send them the link to choose their password."
        />
      ) : (
        <>
          <div className="admin-toolbar">
            <label htmlFor={searchId} className="visually-hidden">
              Search staff
            </label>
            <input
              id={searchId}
              type="search"
              className="input admin-toolbar__search"
              placeholder="Search by name or email"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
            <span className="admin-toolbar__count" aria-live="polite">
              {found.data && q ? `${rows.length} of ${all.length}` : `${all.length} people`}
            </span>
          </div>
          <StaffTable
            readOnly={readOnly}
            rows={rows}
            sort={sort}
            onSort={onSort}
            locksOf={locksOf}
            onEdit={(person) => setSheet({ mode: 'edit', id: person.id })}
            onDeactivate={setDeactivating}
          />
          {rows.length === 0 && q ? (
            <p className="admin-table__none">Nobody’s name or email matches “{q}”.</p>
          ) : null}
        </>
      )}
      <StaffSheet
        key={sheet?.mode === 'edit' ? sheet.id : 'new'}
        open={sheet !== null && (sheet.mode === 'create' || editing !== undefined)}
        person={editing}
        roleLock={editing ? locksOf(editing).role : undefined}
        resetLock={editing ? locksOf(editing).resetPassword : undefined}
        onClose={() => setSheet(null)}
        onResetPassword={(person) => {
          setSheet(null);
          setResetting(person);
        }}
        onCreated={({ setPasswordLink, name }) => {
          setSheet(null);
          setShownLink({ link: setPasswordLink, name, reason: 'created' });
        }}
      />
      <DeactivateDialog person={deactivating} onClose={() => setDeactivating(null)} />
      <ResetPasswordDialog
        person={resetting}
        onClose={() => setResetting(null)}
        onReset={(link, person) => {
          setResetting(null);
          setShownLink({ link, name: person.name, reason: 'reset' });
        }}
      />
      <SetPasswordLinkDialog shown={shownLink} onClose={() => setShownLink(null)} />
    </>
  );
}

/** A 409 says why (yourself, the last admin): the person needs that sentence, not a title. */
function refusalOf(error: unknown): string {
  return isApiError(error, 409) ? (error.detail ?? error.title) : describeError(error);
}

function DeactivateDialog({ person, onClose }: { person: AdminStaff | null; onClose: () => void }) {
  const deactivate = useDeactivateStaff();
  const close = () => {
    deactivate.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={person !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title={`Deactivate ${person?.name ?? 'this person'}?`}
      description="They are signed out everywhere at once and can no longer sign in. Their live chats go back to the queue for someone else. Their history stays, and you can reactivate them later."
      confirmLabel="Deactivate"
      pending={deactivate.isPending}
      error={deactivate.isError ? refusalOf(deactivate.error) : null}
      onConfirm={() => person && deactivate.mutate(person.id, { onSuccess: close })}
    />
  );
}

function ResetPasswordDialog({
  person,
  onClose,
  onReset,
}: {
  person: AdminStaff | null;
  onClose: () => void;
  onReset: (link: ShownLink['link'], person: AdminStaff) => void;
}) {
  const reset = useResetStaffPassword();
  const close = () => {
    reset.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={person !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title={`Reset the password of ${person?.name ?? 'this person'}?`}
      description="Their current password stops working and they are signed out everywhere. You get a one-time link for them to choose a new one."
      confirmLabel="Reset password"
      pending={reset.isPending}
      error={reset.isError ? refusalOf(reset.error) : null}
      onConfirm={() =>
        person &&
        reset.mutate(person.id, {
          onSuccess: (link) => {
            reset.reset();
            onReset(link, person);
          },
        })
      }
    />
  );
}
