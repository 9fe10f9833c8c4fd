import { useId, useRef, useState } from 'react';
import { describeError, isApiError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { useAddNote } from '../hooks/useNotes.ts';

const MAX_LENGTH = 5000;

type NoteComposerProps = {
  customerId: string;
  /** The chat the note is written on, recorded with it. */
  chatId: string | null;
};

/** Ctrl/⌘+Enter adds; the reference is optional and checked by the server. */
export function NoteComposer({ customerId, chatId }: NoteComposerProps) {
  const id = useId();
  const [body, setBody] = useState('');
  const [reference, setReference] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const add = useAddNote(customerId);
  const errors = isApiError(add.error, 422) ? add.error.fieldErrors : [];
  const errorFor = (name: string) => errors.find((error) => error.field === name)?.message;
  const bodyError = errorFor('body');
  const referenceError = errorFor('reference');
  const otherError =
    add.error && !isApiError(add.error, 422)
      ? describeError(add.error)
      : errors
          .filter((error) => error.field !== 'body' && error.field !== 'reference')
          .map((error) => error.message)
          .join(' ') || null;
  const over = body.length - MAX_LENGTH;

  const submit = () => {
    if (add.isPending || body.trim() === '' || over > 0) {
      field.current?.focus();
      return;
    }
    const sent = { body, reference };
    add.mutate(
      {
        body: body.trim(),
        ...(reference.trim() ? { reference: reference.trim() } : {}),
        ...(chatId ? { chatId } : {}),
      },
      {
        onSuccess: () => {
          // Only what was sent is cleared: anything typed meanwhile stays.
          setBody((now) => (now === sent.body ? '' : now));
          setReference((now) => (now === sent.reference ? '' : now));
          add.reset();
          if (field.current?.form?.contains(document.activeElement)) field.current.focus();
        },
      },
    );
  };

  return (
    <form
      className="note-composer"
      aria-label="New note"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          submit();
        }
      }}
    >
      <label className="visually-hidden" htmlFor={`${id}-body`}>
        Add a note
      </label>
      <textarea
        id={`${id}-body`}
        ref={field}
        className="input input--area note-composer__body"
        rows={3}
        placeholder="Add a note for every colleague…"
        value={body}
        aria-invalid={bodyError || over > 0 ? true : undefined}
        aria-describedby={bodyError ? `${id}-body-error` : undefined}
        aria-keyshortcuts="Control+Enter"
        onChange={(event) => setBody(event.target.value)}
      />
      {bodyError ? (
        <p className="field__error" id={`${id}-body-error`}>
          {bodyError}
        </p>
      ) : null}
      <label className="visually-hidden" htmlFor={`${id}-ref`}>
        Link, Jira key or ticket number
      </label>
      <input
        id={`${id}-ref`}
        className="input input--compact"
        placeholder="Link, Jira key or ticket number (optional)"
        value={reference}
        maxLength={600}
        aria-invalid={referenceError ? true : undefined}
        aria-describedby={referenceError ? `${id}-ref-error` : undefined}
        onChange={(event) => setReference(event.target.value)}
      />
      {referenceError ? (
        <p className="field__error" id={`${id}-ref-error`}>
          {referenceError}
        </p>
      ) : null}
      {otherError ? (
        <p className="field__error" role="alert">
          {otherError}
        </p>
      ) : null}
      <div className="note-composer__bar">
        <span className="note-composer__hint">
          {over > 0 ? (
            <span className="field__error">{over} characters over the limit</span>
          ) : (
            <>
              <kbd className="kbd">Ctrl</kbd>+<kbd className="kbd">Enter</kbd> adds
            </>
          )}
        </span>
        <Button type="submit" variant="primary" size="sm" pending={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add'}
        </Button>
      </div>
    </form>
  );
}
