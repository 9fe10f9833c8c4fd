import { autoReplyKinds, LanguageTag } from '@parley/contract';
import type { AutoReplyKind, AutoReplyList } from '@parley/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { Sheet } from '../../../ui/Sheet.tsx';
import type { AdminPageProps } from '../adminPage.ts';
import {
  autoRepliesQueryKey,
  autoReplyKindLabels,
  autoReplyKindOrder,
  effectiveText,
  fetchAutoReplies,
  previewText,
  sampleValues,
  saveAutoReply,
  unknownPlaceholders,
  withSaved,
} from '../autoReplies.ts';
import type { EffectiveText } from '../autoReplies.ts';
import { serverFieldError } from '../fieldErrors.ts';
import { useDepartments } from '../hooks/useDepartments.ts';
import { AdminButton, AdminListState, AdminPageHeader, ReadOnlyNote } from './AdminControls.tsx';

/** The slot a text is written for: a kind, a department (null: every one) and a language. */
type Slot = { kind: AutoReplyKind; departmentId: string | null; language: string };

function useAutoReplies() {
  return useQuery({
    queryKey: autoRepliesQueryKey,
    queryFn: ({ signal }) => fetchAutoReplies({ signal }),
  });
}

function useSaveAutoReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveAutoReply,
    onSuccess: (saved, body) =>
      queryClient.setQueryData<AutoReplyList>(autoRepliesQueryKey, (list) =>
        list ? withSaved(list, body, saved) : list,
      ),
  });
}

/** What Parley says by itself, per kind, for the department and language chosen above the list. */
export function AutoRepliesPage({ readOnly }: AdminPageProps) {
  const replies = useAutoReplies();
  const departments = useDepartments();
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [languageInput, setLanguageInput] = useState('en');
  const [editing, setEditing] = useState<Slot | null>(null);
  const id = useId();
  const languageValid = LanguageTag.safeParse(languageInput.trim()).success;
  const language = languageValid ? languageInput.trim() : 'en';
  const departmentName =
    departments.data?.find((d) => d.id === departmentId)?.name ?? 'Every department';

  return (
    <>
      <AdminPageHeader
        title="Auto-replies"
        description="What Parley tells customers by itself: who they are chatting with, that they wait, that a chat ended. Write them per department and language; the most specific one is sent."
      />
      <ReadOnlyNote readOnly={readOnly} />
      <div className="auto-replies__filters" role="group" aria-label="Show the texts for">
        <div className="field auto-replies__filter">
          <label className="field__label" htmlFor={`${id}-department`}>
            Department
          </label>
          <select
            id={`${id}-department`}
            className="input"
            value={departmentId ?? ''}
            onChange={(event) => setDepartmentId(event.target.value || null)}
          >
            <option value="">Every department</option>
            {(departments.data ?? []).map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field auto-replies__filter">
          <label className="field__label" htmlFor={`${id}-language`}>
            Customer’s language
          </label>
          <input
            id={`${id}-language`}
            className="input"
            value={languageInput}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setLanguageInput(event.target.value)}
            aria-invalid={languageValid ? undefined : true}
            aria-describedby={`${id}-language-hint`}
          />
          <p id={`${id}-language-hint`} className={languageValid ? 'field__hint' : 'field__error'}>
            {languageValid
              ? 'A tag such as en, af, zu or pt-BR.'
              : 'Write a language tag such as en or pt-BR; showing English meanwhile.'}
          </p>
        </div>
      </div>
      <AdminListState
        query={replies}
        noun="auto-replies"
        columns={3}
        isEmpty={() => false}
        empty={null}
      >
        {(list) => (
          <table className="admin-table auto-replies__table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What the customer reads</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {autoReplyKindOrder.map((kind) => {
                const shown = effectiveText(list, kind, departmentId, language);
                return (
                  <tr key={kind}>
                    <th scope="row" className="admin-table__name">
                      {autoReplyKindLabels[kind]}
                      <span className="auto-replies__about">{autoReplyKinds[kind].about}</span>
                    </th>
                    <td>
                      <ShownText shown={shown} departments={departments.data ?? []} />
                    </td>
                    <td className="admin-table__actions">
                      <AdminButton
                        readOnly={readOnly}
                        size="sm"
                        variant="ghost"
                        aria-label={`Edit ${autoReplyKindLabels[kind]}`}
                        onClick={() => setEditing({ kind, departmentId, language })}
                      >
                        Edit
                      </AdminButton>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </AdminListState>
      {editing && replies.data ? (
        <AutoReplySheet
          key={`${editing.kind}:${editing.departmentId}:${editing.language}`}
          slot={editing}
          list={replies.data}
          departmentName={departmentName}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

function ShownText({
  shown,
  departments,
}: {
  shown: EffectiveText;
  departments: { id: string; name: string }[];
}) {
  if (shown.source === 'not-sent')
    return <span className="auto-replies__muted">Not sent until you write one</span>;
  if (shown.source === 'built-in')
    return (
      <span>
        <span className="auto-replies__source">Built-in:</span> {shown.text}
      </span>
    );
  if (shown.source === 'own') return <span>{shown.text}</span>;
  const from =
    shown.departmentId === null
      ? 'every department'
      : (departments.find((d) => d.id === shown.departmentId)?.name ?? 'this department');
  return (
    <span>
      {shown.text}{' '}
      <span className="auto-replies__source">
        (from {from}, {shown.language})
      </span>
    </span>
  );
}

type AutoReplySheetProps = {
  slot: Slot;
  list: AutoReplyList;
  departmentName: string;
  onClose: () => void;
};

/**
 * Writes the text of one kind for a department and language: placeholder chips insert
 * `{agent}` and the like where the cursor is, the preview shows it with sample values, and
 * "Use the built-in text" removes this text so the next one down applies again.
 */
export function AutoReplySheet({ slot, list, departmentName, onClose }: AutoReplySheetProps) {
  const save = useSaveAutoReply();
  const own = effectiveText(list, slot.kind, slot.departmentId, slot.language);
  const [text, setText] = useState(own.source === 'not-sent' ? '' : own.text);
  const [submitted, setSubmitted] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const allowed = autoReplyKinds[slot.kind].placeholders;
  const unknown = unknownPlaceholders(slot.kind, text);
  const clientProblem =
    unknown.length > 0
      ? `${unknown.map((n) => `{${n}}`).join(', ')} cannot be filled here. Use ${allowed.map((n) => `{${n}}`).join(', ')}.`
      : submitted && !text.trim()
        ? 'Write the text, or use the built-in one.'
        : undefined;
  const error = clientProblem ?? serverFieldError(save.error, 'text');
  const otherError = save.isError && !error ? describeError(save.error) : null;
  const where = `${slot.departmentId ? departmentName : 'every department'}, ${slot.language}`;

  const insert = (name: string) => {
    const field = area.current;
    const token = `{${name}}`;
    const start = field?.selectionStart ?? text.length;
    const end = field?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + token + text.slice(end);
    setText(next);
    save.reset();
    requestAnimationFrame(() => {
      field?.focus();
      field?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (unknown.length > 0 || !text.trim()) return;
    save.mutate({ ...slot, text: text.trim() }, { onSuccess: onClose });
  };

  return (
    <Sheet
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={autoReplyKindLabels[slot.kind]}
      description={`${autoReplyKinds[slot.kind].about}. For ${where}.`}
    >
      <form className="admin-form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-text`}>
            Text
          </label>
          <textarea
            id={`${id}-text`}
            ref={area}
            className="input"
            rows={4}
            maxLength={1000}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              save.reset();
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-chips${error ? ` ${id}-error` : ''}`}
          />
          {error ? (
            <p id={`${id}-error`} className="field__error">
              {error}
            </p>
          ) : null}
        </div>
        <div className="auto-replies__chips" role="group" aria-labelledby={`${id}-chips`}>
          <span id={`${id}-chips`} className="field__hint">
            Insert a placeholder:
          </span>
          {allowed.map((name) => (
            <button
              key={name}
              type="button"
              className="auto-replies__chip"
              aria-label={`Insert {${name}}`}
              onClick={() => insert(name)}
            >
              {`{${name}}`}
            </button>
          ))}
        </div>
        <section className="auto-replies__preview" aria-label="Preview">
          <h3 className="field__label">Preview</h3>
          <p className="auto-replies__bubble" data-testid="auto-reply-preview">
            {text.trim()
              ? previewText(text, sampleValues(slot.departmentId ? departmentName : 'Support'))
              : 'Nothing will be sent.'}
          </p>
          <p className="field__hint">With sample values: Thandi writes, Sam answers.</p>
        </section>
        {otherError ? (
          <p className="field__error" role="alert">
            {otherError}
          </p>
        ) : null}
        <div className="admin-form__actions">
          {own.source === 'own' ? (
            <Button
              onClick={() => save.mutate({ ...slot, text: null }, { onSuccess: onClose })}
              pending={save.isPending && save.variables?.text === null}
            >
              {slot.kind === 'directing' ? 'Stop sending it' : 'Use the built-in text'}
            </Button>
          ) : null}
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="primary"
            pending={save.isPending && save.variables?.text !== null}
          >
            Save
          </Button>
        </div>
      </form>
    </Sheet>
  );
}
