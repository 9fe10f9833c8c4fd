import type { Department } from '@parley/contract';
import { useId } from 'react';
import { Link } from 'wouter';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { useDepartments } from '../hooks/useDepartments.ts';

type DepartmentPickerProps = {
  selected: ReadonlySet<string>;
  /** The departments the person is in now: kept on offer even when archived since. */
  current: readonly Department[];
  error: string | undefined;
  onChange: (ids: ReadonlySet<string>) => void;
};

/** Which departments' chats the person serves: the open ones, as checkboxes. */
export function DepartmentPicker({ selected, current, error, onChange }: DepartmentPickerProps) {
  const departments = useDepartments();
  const errorId = useId();
  const toggle = (departmentId: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(departmentId);
    else next.delete(departmentId);
    onChange(next);
  };
  const currentIds = new Set(current.map((d) => d.id));
  const offered = (departments.data ?? [])
    .filter((d) => !d.archived || currentIds.has(d.id))
    .sort((a, b) => a.name.localeCompare(b.name));

  return (
    <fieldset className="admin-form__group" aria-describedby={error ? errorId : undefined}>
      <legend className="field__label">Departments</legend>
      {departments.isPending ? (
        <ListSkeleton label="Loading departments" rows={3} lines={1} />
      ) : departments.isError ? (
        <ErrorState
          compact
          title="Couldn't load the departments."
          error={departments.error}
          onRetry={() => void departments.refetch()}
        />
      ) : offered.length === 0 ? (
        <p className="field__hint">
          No departments yet. <Link href="/admin/departments">Create one</Link> first, then add
          people to it here.
        </p>
      ) : (
        <ul className="admin-checklist">
          {offered.map((department) => (
            <li key={department.id}>
              <label className="admin-checklist__item">
                <input
                  type="checkbox"
                  checked={selected.has(department.id)}
                  onChange={(event) => toggle(department.id, event.target.checked)}
                />
                <span>{department.name}</span>
                {department.archived ? <span className="admin-table__meta">archived</span> : null}
              </label>
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
