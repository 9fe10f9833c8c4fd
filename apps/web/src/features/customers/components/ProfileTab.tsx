import type { Customer } from '@parley/contract';
import { editableCustomerFields } from '@parley/contract';
import { useRef, useState } from 'react';
import { isApiError } from '../../../app/http.ts';
import { describeError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { StaleProfileError } from '../api.ts';
import { useCustomer } from '../hooks/useCustomer.ts';
import { useSaveProfile } from '../hooks/useSaveProfile.ts';
import type { Choice, ProfileDraft } from '../profileDraft.ts';
import { draftPatch, findConflicts, resolveDraft, toDraft } from '../profileDraft.ts';
import { type FieldErrors, ProfileForm } from './ProfileForm.tsx';
import { ProfileConflict } from './ProfileConflict.tsx';
import { ProfileView } from './ProfileView.tsx';

export function ProfileTab({ customerId }: { customerId: string }) {
  const customer = useCustomer(customerId);
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);

  if (customer.data === undefined) {
    return customer.isPending ? (
      <ProfileSkeleton />
    ) : (
      <ErrorState
        title="Couldn't load the profile."
        error={customer.error}
        onRetry={() => void customer.refetch()}
        retrying={customer.isFetching}
      />
    );
  }
  if (editing)
    return (
      <ProfileEditor
        start={customer.data}
        latest={customer.data}
        onDone={() => {
          setEditing(false);
          requestAnimationFrame(() => editButton.current?.focus());
        }}
      />
    );
  return (
    <ProfileView customer={customer.data} editRef={editButton} onEdit={() => setEditing(true)} />
  );
}

function ProfileSkeleton() {
  return (
    <div className="profile" role="status" aria-label="Loading the profile" aria-busy="true">
      <div className="profile__head">
        <span className="skeleton profile__avatar" aria-hidden="true" />
        <div className="profile__identity" aria-hidden="true">
          <span className="skeleton skeleton--line" style={{ width: 140 }} />
          <span className="skeleton skeleton--short" style={{ width: 110, marginTop: 8 }} />
        </div>
      </div>
      {[70, 55, 60, 45].map((width) => (
        <span
          key={width}
          className="skeleton skeleton--line"
          aria-hidden="true"
          style={{ width: `${width}%`, margin: '14px 0' }}
        />
      ))}
    </div>
  );
}

/** Field errors from a 422 by field; anything the form has no place for goes to the top. */
function splitErrors(error: unknown): { fields: FieldErrors; form: string | null } {
  if (!isApiError(error, 422)) return { fields: {}, form: error ? describeError(error) : null };
  const fields: FieldErrors = {};
  const rest: string[] = [];
  const known = /^(name|email|language|company|location|customFields(\..+)?)$/;
  for (const e of error.fieldErrors) {
    if (known.test(e.field)) fields[e.field] ??= e.message;
    else rest.push(e.message);
  }
  return { fields, form: rest.length > 0 ? rest.join(' ') : null };
}

type EditorProps = {
  /** The profile as the edit began: its version goes in If-Match. */
  start: Customer;
  /** The profile as it is now, live: newer when a colleague saved meanwhile. */
  latest: Customer;
  onDone: () => void;
};

function ProfileEditor({ start, latest, onDone }: EditorProps) {
  const [base, setBase] = useState(start);
  const [draft, setDraft] = useState<ProfileDraft>(() => toDraft(start));
  const [stale, setStale] = useState<Customer | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const save = useSaveProfile(start.id);
  // An error stays beside its field until that field is edited again.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const { fields: refused, form } = splitErrors(
    save.error instanceof StaleProfileError ? null : save.error,
  );
  const fields = Object.fromEntries(Object.entries(refused).filter(([k]) => !edited.has(k)));
  const dup = duplicateNames(draft);
  const change = (next: ProfileDraft) => {
    setEdited((before) => new Set([...before, ...editedFields(draft, next)]));
    setDraft(next);
  };

  const submit = (from: Customer, values: ProfileDraft) => {
    if (duplicateNames(values)) return;
    const patch = draftPatch(from, values);
    if (Object.keys(patch).length === 0) return onDone();
    setEdited(new Set());
    save.mutate(
      { version: from.version, patch },
      {
        onSuccess: onDone,
        onError: (error) => {
          if (error instanceof StaleProfileError) {
            setChoices({});
            setStale(error.current);
          }
        },
      },
    );
  };

  if (stale) {
    const { conflicts, takenFromTheirs } = findConflicts(base, draft, stale);
    return (
      <div className="profile">
        <ProfileConflict
          conflicts={conflicts}
          takenFromTheirs={takenFromTheirs}
          choices={choices}
          onChoose={(field, choice) => setChoices((current) => ({ ...current, [field]: choice }))}
          saving={save.isPending}
          error={form}
          onDiscard={onDone}
          onSave={() => {
            const resolved = resolveDraft(base, draft, stale, choices);
            setBase(stale);
            setDraft(resolved);
            setStale(null);
            submit(stale, resolved);
          }}
        />
      </div>
    );
  }

  // A colleague saved while this form was open: say so, keep every keystroke.
  const outOfDate = latest.version > base.version;
  return (
    <div className="profile">
      <ProfileForm
        customer={base}
        draft={draft}
        onChange={change}
        errors={
          dup ? { ...fields, [`customFields.${dup}`]: 'This field name is used twice.' } : fields
        }
        formError={form}
        saving={save.isPending}
        onCancel={onDone}
        onSave={() => submit(base, draft)}
        notice={
          outOfDate ? (
            <div className="profile-form__stale" role="status">
              <span>Someone else saved this profile while you were editing.</span>
              <Button
                size="sm"
                onClick={() => {
                  setChoices({});
                  setStale(latest);
                }}
              >
                Review changes
              </Button>
            </div>
          ) : null
        }
      />
    </div>
  );
}

function duplicateNames(draft: ProfileDraft): string | null {
  const seen = new Set<string>();
  for (const row of draft.customFields) {
    const name = row.name.trim();
    if (name === '') continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return null;
}

/** The error keys an edit touches: the field itself, a custom row by its name. */
function editedFields(before: ProfileDraft, after: ProfileDraft): string[] {
  const keys: string[] = [];
  for (const field of editableCustomerFields) if (before[field] !== after[field]) keys.push(field);
  const old = new Map(before.customFields.map((row) => [row.key, row]));
  for (const row of after.customFields) {
    const was = old.get(row.key);
    if (was && was.name === row.name && was.value === row.value) continue;
    keys.push('customFields', `customFields.${(was ?? row).name.trim()}`);
  }
  if (after.customFields.length < before.customFields.length) keys.push('customFields');
  return keys;
}
