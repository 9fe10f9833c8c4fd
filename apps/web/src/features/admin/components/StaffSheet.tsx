import { Role } from '@parley/contract';
import type { AdminStaff, StaffCreated, StaffPatchBody } from '@parley/contract';
import { useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { describeError, isApiError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { Sheet } from '../../../ui/Sheet.tsx';
import { asSentence } from '../fieldErrors.ts';
import { useCreateStaff, useUpdateStaff } from '../hooks/useStaff.ts';
import { roleLabels } from '../staffRules.ts';
import { AdminButton, DisabledWithReason } from './AdminControls.tsx';
import { DepartmentPicker } from './DepartmentPicker.tsx';
import { type StaffDraft, type StaffField, staffDraftProblems } from '../staffDraft.ts';

type StaffSheetProps = {
  open: boolean;
  /** The person to edit; none means a new staff member. */
  person: AdminStaff | undefined;
  /** Why their role may not change here (yourself, the last active admin). */
  roleLock: string | undefined;
  /** Why their password may not be reset here (yourself, a deactivated account). */
  resetLock: string | undefined;
  onClose: () => void;
  onCreated: (created: StaffCreated) => void;
  onResetPassword: (person: AdminStaff) => void;
};

/** Create a staff member, or change one's name, role, departments and capacity, beside the table. */
export function StaffSheet({
  open,
  person,
  roleLock,
  resetLock,
  onClose,
  onCreated,
  onResetPassword,
}: StaffSheetProps) {
  return (
    <Sheet
      open={open}
      onOpenChange={(next) => (next ? undefined : onClose())}
      title={person ? `Edit ${person.name}` : 'New staff member'}
      description={
        person
          ? `Signs in as ${person.email}.`
          : 'They get a one-time link to choose their password; you copy it on the next step.'
      }
    >
      {/* Mounted only while open, so each new person starts from an empty form. */}
      {open ? (
        <StaffForm person={person} roleLock={roleLock} onClose={onClose} onCreated={onCreated} />
      ) : null}
      {open && person ? (
        <section className="staff-form__account" aria-labelledby="staff-account-heading">
          <h3 id="staff-account-heading" className="field__label">
            Password
          </h3>
          <p className="field__hint">
            A reset stops their current password and signs them out everywhere; you get a new
            one-time link for them.
          </p>
          <div>
            <AdminButton
              readOnly={false}
              disabledReason={resetLock}
              size="sm"
              onClick={() => onResetPassword(person)}
            >
              Reset password…
            </AdminButton>
          </div>
        </section>
      ) : null}
    </Sheet>
  );
}

/** The server's 422 names `departmentIds.3`; the form has one departments field. */
function serverErrors(error: unknown): Partial<Record<StaffField, string>> {
  if (!isApiError(error, 422)) return {};
  const found: Partial<Record<StaffField, string>> = {};
  for (const { field, message } of error.fieldErrors) {
    const name = field.split('.')[0] === 'departmentIds' ? 'departments' : field.split('.')[0];
    if (name === 'name' || name === 'email' || name === 'capacity' || name === 'departments')
      found[name] ??= asSentence(message);
  }
  return found;
}

const sameIds = (a: readonly string[], b: ReadonlySet<string>) =>
  a.length === b.size && a.every((id) => b.has(id));

type StaffFormProps = Pick<StaffSheetProps, 'person' | 'roleLock' | 'onClose' | 'onCreated'>;

function StaffForm({ person, roleLock, onClose, onCreated }: StaffFormProps) {
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const mutation = person ? update : create;
  const [draft, setDraft] = useState<StaffDraft>(() => ({
    name: person?.name ?? '',
    email: person?.email ?? '',
    role: person?.role ?? 'agent',
    capacity: String(person?.capacity ?? 5),
  }));
  const [departmentIds, setDepartmentIds] = useState<ReadonlySet<string>>(
    () => new Set(person?.departments.map((d) => d.id)),
  );
  const [submitted, setSubmitted] = useState(false);
  const id = useId();

  const problems = submitted ? staffDraftProblems(draft, { withEmail: !person }) : {};
  const fromServer = serverErrors(mutation.error);
  const errors = { ...fromServer, ...problems };
  const otherError =
    mutation.isError && Object.keys(fromServer).length === 0 ? describeError(mutation.error) : null;

  const change = (patch: Partial<StaffDraft>) => {
    setDraft({ ...draft, ...patch });
    if (mutation.isError) mutation.reset();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(staffDraftProblems(draft, { withEmail: !person })).length > 0) return;
    const name = draft.name.trim();
    const capacity = Number(draft.capacity);
    if (!person) {
      create.mutate(
        {
          name,
          email: draft.email.trim(),
          role: draft.role,
          departmentIds: [...departmentIds],
          capacity,
        },
        { onSuccess: onCreated },
      );
      return;
    }
    const patch: StaffPatchBody = {};
    if (name !== person.name) patch.name = name;
    if (draft.role !== person.role) patch.role = draft.role;
    if (capacity !== person.capacity) patch.capacity = capacity;
    const before = person.departments.map((d) => d.id);
    if (!sameIds(before, departmentIds)) patch.departmentIds = [...departmentIds];
    if (Object.keys(patch).length === 0) return onClose();
    update.mutate({ id: person.id, patch }, { onSuccess: onClose });
  };

  const field = (name: StaffField, label: string, control: ReactNode, hint?: string) => (
    <div className="field">
      <label className="field__label" htmlFor={`${id}-${name}`}>
        {label}
      </label>
      {control}
      {hint && !errors[name] ? <p className="field__hint">{hint}</p> : null}
      {errors[name] ? (
        <p id={`${id}-${name}-error`} className="field__error">
          {errors[name]}
        </p>
      ) : null}
    </div>
  );
  const invalid = (name: StaffField) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${id}-${name}-error` : undefined,
  });

  const roleSelect = (
    <select
      id={`${id}-role`}
      className="input"
      value={draft.role}
      disabled={roleLock !== undefined}
      onChange={(event) => change({ role: Role.parse(event.target.value) })}
    >
      {Role.options.map((role) => (
        <option key={role} value={role}>
          {roleLabels[role]}
        </option>
      ))}
    </select>
  );

  return (
    <form className="admin-form" onSubmit={onSubmit} noValidate>
      {field(
        'name',
        'Name',
        <input
          id={`${id}-name`}
          className="input"
          value={draft.name}
          maxLength={200}
          autoComplete="off"
          onChange={(event) => change({ name: event.target.value })}
          {...invalid('name')}
        />,
      )}
      {person
        ? null
        : field(
            'email',
            'Email',
            <input
              id={`${id}-email`}
              className="input"
              type="email"
              value={draft.email}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => change({ email: event.target.value })}
              {...invalid('email')}
            />,
            'They sign in with it; it cannot be changed later.',
          )}
      {field(
        'role',
        'Role',
        roleLock ? (
          <DisabledWithReason reason={roleLock}>{roleSelect}</DisabledWithReason>
        ) : (
          roleSelect
        ),
        roleLock
          ? `${roleLock}.`
          : 'Agents serve chats; supervisors also transfer and oversee; admins run the desk.',
      )}
      <DepartmentPicker
        selected={departmentIds}
        current={person?.departments ?? []}
        error={errors.departments}
        onChange={(ids) => {
          setDepartmentIds(ids);
          if (mutation.isError) mutation.reset();
        }}
      />
      {field(
        'capacity',
        'Capacity',
        <input
          id={`${id}-capacity`}
          className="input staff-form__capacity"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          step={1}
          value={draft.capacity}
          onChange={(event) => change({ capacity: event.target.value })}
          {...invalid('capacity')}
        />,
        'Live chats at once, from 1 to 100.',
      )}
      {otherError ? (
        <p className="field__error" role="alert">
          {otherError}
        </p>
      ) : null}
      <div className="admin-form__actions">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {person ? 'Save' : 'Create staff member'}
        </Button>
      </div>
    </form>
  );
}
