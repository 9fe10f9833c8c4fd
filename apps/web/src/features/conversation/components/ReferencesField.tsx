import { useId } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { CloseIcon } from '../../../ui/icons.tsx';

export const MAX_REFERENCES = 10;

/** The list as it will be sent: what was added, plus what is still typed in the field. */
export function withDraft(references: string[], draft: string): string[] {
  const typed = draft.trim();
  if (!typed || references.includes(typed)) return references;
  return [...references, typed];
}

type ReferencesFieldProps = {
  references: string[];
  draft: string;
  /** The server's 422 on `references` or `references.N`, shown on the field. */
  errors: { field: string; message: string }[];
  onChange: (references: string[]) => void;
  onDraftChange: (draft: string) => void;
};

/**
 * Jira keys, ticket numbers and links that go with the wrap-up: several, added one at a time
 * with Enter. The server checks each as it checks a note's reference and names the bad one.
 */
export function ReferencesField({
  references,
  draft,
  errors,
  onChange,
  onDraftChange,
}: ReferencesFieldProps) {
  const id = useId();
  const full = references.length >= MAX_REFERENCES;
  const add = () => {
    const next = withDraft(references, draft);
    if (next.length > MAX_REFERENCES) return;
    onChange(next);
    onDraftChange('');
  };
  /** The server names a bad one by its index, or quotes it in a message on the whole list. */
  const invalid = (index: number, reference: string) =>
    errors.some(
      (error) =>
        error.field === `references.${index}` ||
        (error.field === 'references' && error.message.includes(`"${reference}"`)),
    );

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        References <span className="field__optional">(optional)</span>
      </label>
      {references.length > 0 ? (
        <ul className="references" aria-label="References to send">
          {references.map((reference, index) => (
            <li
              key={reference}
              className={
                invalid(index, reference)
                  ? 'references__item references__item--invalid'
                  : 'references__item'
              }
            >
              <span className="references__value">{reference}</span>
              <button
                type="button"
                className="references__remove"
                aria-label={`Remove ${reference}`}
                onClick={() => onChange(references.filter((item) => item !== reference))}
              >
                <CloseIcon size={12} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="references__add">
        <input
          id={id}
          className="input"
          value={draft}
          maxLength={500}
          disabled={full}
          placeholder="SUP-1234, #4411 or https://…"
          aria-invalid={errors.length > 0 ? true : undefined}
          aria-describedby={`${id}-hint`}
          onChange={(event) => onDraftChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            // Enter adds the reference; it does not close the chat.
            event.preventDefault();
            add();
          }}
        />
        <Button onClick={add} disabled={full || draft.trim() === ''}>
          Add
        </Button>
      </div>
      <p className={errors.length > 0 ? 'field__error' : 'field__hint'} id={`${id}-hint`}>
        {errors.length > 0
          ? errors.map((error) => error.message).join(' ')
          : full
            ? `Up to ${MAX_REFERENCES} references.`
            : 'A Jira key, a ticket number or a link; press Enter to add another.'}
      </p>
    </div>
  );
}
