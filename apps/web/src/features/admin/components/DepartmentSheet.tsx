import { departmentNameProblem } from '@parley/contract';
import type { AdminDepartment, DepartmentPatchBody } from '@parley/contract';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError, isApiError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { Sheet } from '../../../ui/Sheet.tsx';
import { fetchStaff, staffQueryKey } from '../../staff/index.ts';
import { serverFieldError } from '../fieldErrors.ts';
import { useCreateDepartment, useUpdateDepartment } from '../hooks/useDepartments.ts';

type DepartmentSheetProps = {
  open: boolean;
  /** The department to rename and staff; none means a new one. */
  department: AdminDepartment | undefined;
  onClose: () => void;
};

/** Create a department, or rename one and choose its members, beside the table. */
export function DepartmentSheet({ open, department, onClose }: DepartmentSheetProps) {
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const mutation = department ? update : create;
  const [name, setName] = useState(department?.name ?? '');
  const [memberIds, setMemberIds] = useState<ReadonlySet<string>>(
    () => new Set(department?.members.map((m) => m.id)),
  );
  const [submitted, setSubmitted] = useState(false);
  const id = useId();

  const clientProblem = submitted ? departmentNameProblem(name.trim()) : undefined;
  const nameError = clientProblem ?? serverFieldError(mutation.error, 'name');
  const otherError =
    mutation.isError && !(isApiError(mutation.error, 422) && nameError)
      ? describeError(mutation.error)
      : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const trimmed = name.trim();
    if (departmentNameProblem(trimmed)) return;
    if (!department) {
      create.mutate(trimmed, { onSuccess: onClose });
      return;
    }
    const patch: DepartmentPatchBody = {};
    if (trimmed !== department.name) patch.name = trimmed;
    const before = department.members.map((m) => m.id);
    if (before.length !== memberIds.size || before.some((m) => !memberIds.has(m)))
      patch.memberIds = [...memberIds];
    if (Object.keys(patch).length === 0) return onClose();
    update.mutate({ id: department.id, patch }, { onSuccess: onClose });
  };

  return (
    <Sheet
      open={open}
      onOpenChange={(next) => (next ? undefined : onClose())}
      title={department ? `Edit ${department.name}` : 'New department'}
      description={
        department
          ? 'Rename the department or choose who works in it.'
          : 'Give the department a name; you can add members once it exists.'
      }
    >
      <form className="admin-form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-name`}>
            Name
          </label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            autoComplete="off"
            onChange={(event) => setName(event.target.value)}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${id}-name-error` : undefined}
          />
          {nameError ? (
            <p id={`${id}-name-error`} className="field__error">
              {nameError}
            </p>
          ) : null}
        </div>
        {department ? <MemberPicker selected={memberIds} onChange={setMemberIds} /> : null}
        {otherError ? (
          <p className="field__error" role="alert">
            {otherError}
          </p>
        ) : null}
        <div className="admin-form__actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={mutation.isPending}>
            {department ? 'Save' : 'Create department'}
          </Button>
        </div>
      </form>
    </Sheet>
  );
}

function MemberPicker({
  selected,
  onChange,
}: {
  selected: ReadonlySet<string>;
  onChange: (ids: ReadonlySet<string>) => void;
}) {
  const staff = useQuery({
    queryKey: staffQueryKey,
    queryFn: ({ signal }) => fetchStaff({ signal }),
  });
  const toggle = (staffId: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(staffId);
    else next.delete(staffId);
    onChange(next);
  };
  return (
    <fieldset className="admin-form__group">
      <legend className="field__label">Members</legend>
      {staff.isPending ? (
        <ListSkeleton label="Loading the team" rows={4} lines={1} />
      ) : staff.isError ? (
        <ErrorState
          compact
          title="Couldn't load the team."
          error={staff.error}
          onRetry={() => void staff.refetch()}
        />
      ) : (
        <ul className="admin-checklist">
          {[...staff.data]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((person) => (
              <li key={person.id}>
                <label className="admin-checklist__item">
                  <input
                    type="checkbox"
                    checked={selected.has(person.id)}
                    onChange={(event) => toggle(person.id, event.target.checked)}
                  />
                  <span>{person.name}</span>
                  <span className="admin-table__meta">{person.role}</span>
                </label>
              </li>
            ))}
        </ul>
      )}
    </fieldset>
  );
}
