import { settingDefinitions } from '@parley/contract';
import type { AttachmentCategory, SettingKey, Settings } from '@parley/contract';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError, isApiError } from '../../../app/http.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { Switch } from '../../../ui/Switch.tsx';
import { asSentence, serverFieldError } from '../fieldErrors.ts';
import { useSaveSettings, useSettings } from '../hooks/useSettings.ts';
import type { AdminPageProps } from '../adminPage.ts';
import {
  changedKeys,
  describeRange,
  draftChanges,
  draftProblems,
  settingGroups,
  settingUnit,
  toDraft,
} from '../settingsForm.ts';
import type { SettingsDraft } from '../settingsForm.ts';
import { AdminButton, AdminPageHeader, ReadOnlyNote, TableSkeleton } from './AdminControls.tsx';
import { FileCategoriesField } from './FileCategoriesField.tsx';

/** The allowed file kinds, when the server has the setting (its list of categories). */
const categoriesOf = (settings: Settings): AttachmentCategory[] | undefined =>
  (settings as { allowedAttachmentCategories?: AttachmentCategory[] }).allowedAttachmentCategories;

const sameCategories = (a: AttachmentCategory[] | undefined, b: AttachmentCategory[] | undefined) =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((category) => b?.includes(category));

export function SettingsPage({ readOnly }: AdminPageProps) {
  const settings = useSettings();
  return (
    <>
      <AdminPageHeader
        title="Settings"
        description="Timeouts, automatic closing and file limits for every department."
      />
      <ReadOnlyNote readOnly={readOnly} />
      {settings.isPending ? (
        <TableSkeleton label="Loading settings" columns={2} />
      ) : settings.isError ? (
        <ErrorState
          title="Couldn't load the settings."
          error={settings.error}
          onRetry={() => void settings.refetch()}
          retrying={settings.isFetching}
        />
      ) : (
        <SettingsForm saved={settings.data} readOnly={readOnly} />
      )}
    </>
  );
}

function SettingsForm({ saved, readOnly }: { saved: Settings; readOnly: boolean }) {
  const save = useSaveSettings();
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(saved));
  const [categories, setCategories] = useState(() => categoriesOf(saved));
  const [justSaved, setJustSaved] = useState(false);
  const id = useId();
  const categoriesChanged = !sameCategories(categories, categoriesOf(saved));
  const changedFields = changedKeys(draft, saved);
  const changed = categoriesChanged
    ? [...changedFields, 'allowedAttachmentCategories']
    : changedFields;
  const problems = draftProblems(draft, saved);

  const errorFor = (key: SettingKey): string | undefined => {
    const problem = changedFields.includes(key) ? problems[key] : undefined;
    const message = problem ?? serverFieldError(save.error, key);
    return message ? asSentence(message) : undefined;
  };

  const onChange = (key: SettingKey, value: string | boolean) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setJustSaved(false);
    save.reset();
  };

  const onCategoriesChange = (next: AttachmentCategory[]) => {
    setCategories(next);
    setJustSaved(false);
    save.reset();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const firstProblem = changedFields.find((key) => problems[key]);
    if (firstProblem) {
      document.getElementById(`${id}-${firstProblem}`)?.focus();
      return;
    }
    const changes = {
      ...draftChanges(draft, saved),
      ...(categoriesChanged ? { allowedAttachmentCategories: categories } : {}),
    };
    save.mutate(changes, {
      onSuccess: (next) => {
        setDraft(toDraft(next));
        setCategories(categoriesOf(next));
        setJustSaved(true);
      },
    });
  };

  const otherError =
    save.isError && !isApiError(save.error, 422) ? describeError(save.error) : null;

  return (
    <form className="settings-form" onSubmit={onSubmit} noValidate>
      {settingGroups.map((group) => (
        <fieldset key={group.title} className="settings-form__group">
          <legend className="settings-form__legend">{group.title}</legend>
          {group.fields.map(({ key, label }) => {
            const fieldId = `${id}-${key}`;
            const error = errorFor(key);
            const definition = settingDefinitions[key];
            const value = draft[key];
            const describedBy = [`${fieldId}-hint`, error ? `${fieldId}-error` : '']
              .filter(Boolean)
              .join(' ');
            return (
              <div key={key} className="settings-form__row">
                <div className="settings-form__text">
                  <label htmlFor={fieldId} className="field__label">
                    {label}
                  </label>
                  <p id={`${fieldId}-hint`} className="settings-form__hint">
                    {definition.about}. {describeRange(key)}.
                  </p>
                </div>
                <div className="settings-form__control">
                  {typeof value === 'boolean' ? (
                    <Switch
                      id={fieldId}
                      checked={value}
                      disabled={readOnly}
                      onCheckedChange={(checked) => onChange(key, checked)}
                      aria-describedby={describedBy}
                    />
                  ) : (
                    <span className="settings-form__number">
                      <input
                        id={fieldId}
                        className="input"
                        type="number"
                        inputMode="numeric"
                        min={definition.kind === 'integer' ? definition.min : undefined}
                        max={definition.kind === 'integer' ? definition.max : undefined}
                        step={1}
                        value={value}
                        disabled={readOnly}
                        onChange={(event) => onChange(key, event.target.value)}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={describedBy}
                      />
                      <span className="settings-form__unit" aria-hidden="true">
                        {settingUnit(key)}
                      </span>
                    </span>
                  )}
                  {error ? (
                    <p id={`${fieldId}-error`} className="field__error">
                      {error}
                    </p>
                  ) : null}
                </div>
              </div>
            );
          })}
          {group.title === 'Files' && categories !== undefined ? (
            <FileCategoriesField
              value={categories}
              onChange={onCategoriesChange}
              readOnly={readOnly}
            />
          ) : null}
        </fieldset>
      ))}
      <div className="settings-form__footer">
        {otherError ? (
          <p className="field__error" role="alert">
            {otherError}
          </p>
        ) : null}
        <p className="settings-form__status" role="status">
          {justSaved
            ? 'Saved.'
            : changed.length > 0
              ? `${changed.length} unsaved ${changed.length === 1 ? 'change' : 'changes'}`
              : ''}
        </p>
        {changed.length > 0 && !readOnly ? (
          <AdminButton
            readOnly={false}
            onClick={() => {
              setDraft(toDraft(saved));
              setCategories(categoriesOf(saved));
            }}
          >
            Discard
          </AdminButton>
        ) : null}
        <AdminButton
          readOnly={readOnly}
          type="submit"
          variant="primary"
          disabled={changed.length === 0}
          pending={save.isPending}
        >
          Save settings
        </AdminButton>
      </div>
    </form>
  );
}
