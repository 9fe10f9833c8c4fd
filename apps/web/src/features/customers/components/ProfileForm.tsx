import type { Customer, EditableCustomerField } from '@parley/contract';
import { useId } from 'react';
import type { ReactNode } from 'react';
import { Button } from '../../../ui/Button.tsx';
import type { ProfileDraft } from '../profileDraft.ts';
import { fieldLabels, newRowKey } from '../profileDraft.ts';

export type FieldErrors = Record<string, string>;

const inputs: {
  field: EditableCustomerField;
  type?: string;
  placeholder?: string;
  maxLength: number;
  autoComplete?: string;
}[] = [
  { field: 'name', maxLength: 100, autoComplete: 'off' },
  { field: 'email', type: 'email', maxLength: 254, placeholder: 'name@example.com' },
  { field: 'language', maxLength: 35, placeholder: 'e.g. en, en-ZA, zu' },
  { field: 'company', maxLength: 100 },
  { field: 'location', maxLength: 100 },
];

type ProfileFormProps = {
  customer: Customer;
  draft: ProfileDraft;
  onChange: (draft: ProfileDraft) => void;
  errors: FieldErrors;
  formError: string | null;
  saving: boolean;
  notice?: ReactNode;
  onSave: () => void;
  onCancel: () => void;
};

/** The profile's fields as a form; the number is shown but is not one of them. */
export function ProfileForm(props: ProfileFormProps) {
  const { customer, draft, onChange, errors, formError, saving, notice, onSave, onCancel } = props;
  const id = useId();
  const set = (field: EditableCustomerField, value: string) =>
    onChange({ ...draft, [field]: value });
  const setRow = (key: string, part: 'name' | 'value', value: string) =>
    onChange({
      ...draft,
      customFields: draft.customFields.map((row) =>
        row.key === key ? { ...row, [part]: value } : row,
      ),
    });
  const removeRow = (key: string) =>
    onChange({ ...draft, customFields: draft.customFields.filter((row) => row.key !== key) });
  const addRow = () =>
    onChange({
      ...draft,
      customFields: [...draft.customFields, { key: newRowKey(), name: '', value: '' }],
    });

  return (
    <form
      className="profile-form"
      aria-label="Edit profile"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          onSave();
        }
      }}
    >
      {notice}
      <p className="profile-form__phone">
        <span className="profile-form__phone-label">Number</span> {customer.phoneDisplay}
      </p>
      {inputs.map(({ field, type, placeholder, maxLength, autoComplete }, index) => {
        const error = errors[field];
        return (
          <div className="field profile-form__field" key={field}>
            <label className="field__label" htmlFor={`${id}-${field}`}>
              {fieldLabels[field]}
            </label>
            <input
              id={`${id}-${field}`}
              className="input input--compact"
              type={type ?? 'text'}
              value={draft[field]}
              placeholder={placeholder}
              maxLength={maxLength + 20}
              autoComplete={autoComplete ?? 'off'}
              // The first field takes focus when the form opens.
              autoFocus={index === 0}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-${field}-error` : undefined}
              onChange={(event) => set(field, event.target.value)}
            />
            {error ? (
              <p className="field__error" id={`${id}-${field}-error`}>
                {error}
              </p>
            ) : null}
          </div>
        );
      })}

      <fieldset className="profile-form__custom">
        <legend className="field__label">Custom fields</legend>
        {draft.customFields.map((row) => {
          const error = errors[`customFields.${row.name.trim()}`];
          const label = row.name.trim() || 'new field';
          return (
            <div className="profile-form__custom-row" key={row.key}>
              <input
                className="input input--compact"
                aria-label="Field name"
                placeholder="Name"
                maxLength={40}
                value={row.name}
                onChange={(event) => setRow(row.key, 'name', event.target.value)}
              />
              <input
                className="input input--compact"
                aria-label={`Value of ${label}`}
                placeholder="Value"
                value={row.value}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-${row.key}-error` : undefined}
                onChange={(event) => setRow(row.key, 'value', event.target.value)}
              />
              <Button
                size="sm"
                variant="ghost"
                className="icon-button"
                aria-label={`Remove ${label}`}
                onClick={() => removeRow(row.key)}
              >
                ×
              </Button>
              {error ? (
                <p className="field__error profile-form__row-error" id={`${id}-${row.key}-error`}>
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
        {errors.customFields ? (
          <p className="field__error" role="alert">
            {errors.customFields}
          </p>
        ) : null}
        <Button size="sm" variant="ghost" className="profile-form__add" onClick={addRow}>
          + Add field
        </Button>
      </fieldset>

      {formError ? (
        <p className="profile-form__error" role="alert">
          {formError}
        </p>
      ) : null}

      <div className="profile-form__actions">
        <span className="profile-form__hint">
          <kbd className="kbd">Esc</kbd> cancels
        </span>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" pending={saving}>
          {saving ? 'Saving…' : 'Save'}
        </Button>
      </div>
    </form>
  );
}
