import type { WidgetSessionBody } from '@parley/contract';
import { type FormEvent, useId, useRef, useState } from 'react';
import { ApiError, describeWidgetError } from '../api.ts';
import { AlertIcon } from './icons.tsx';

type Field = 'phone' | 'name';
type Errors = Partial<Record<Field, string>>;

/** The server names fields "phone" (a rule) or "body.phone" (the schema); both mean this field. */
function fieldErrorsOf(error: unknown): Errors {
  if (!(error instanceof ApiError)) return {};
  const errors: Errors = {};
  for (const e of error.fieldErrors) {
    const field = e.field.replace(/^body\./, '');
    if (field === 'phone') errors.phone = 'We can’t read that number. Check it and try again.';
    if (field === 'name') errors.name = 'Enter your name (up to 100 characters).';
  }
  return errors;
}

export function StartForm({
  notice,
  onStart,
}: {
  notice?: string | undefined;
  onStart: (body: WidgetSessionBody) => Promise<void>;
}) {
  const id = useId();
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const phoneRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const missing: Errors = {};
    if (!phone.trim()) missing.phone = 'Enter your phone number.';
    if (!name.trim()) missing.name = 'Enter your name.';
    setFailure(null);
    setErrors(missing);
    if (missing.phone) return phoneRef.current?.focus();
    if (missing.name) return nameRef.current?.focus();
    setBusy(true);
    try {
      await onStart({ phone: phone.trim(), name: name.trim() });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setErrors(fields);
      if (fields.phone) phoneRef.current?.focus();
      else if (fields.name) nameRef.current?.focus();
      else setFailure(describeWidgetError(error));
      setBusy(false);
    }
  }

  const hintId = `${id}-phone-hint`;
  const phoneErrorId = `${id}-phone-error`;
  const nameErrorId = `${id}-name-error`;
  const failureId = `${id}-failure`;

  return (
    <div className="start">
      <div className="start__intro">
        <h2 className="start__title">Hi! How can we help?</h2>
        <p className="start__lead">
          Tell us who you are and someone from our team will reply right here.
        </p>
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form className="start__form" onSubmit={submit} noValidate aria-describedby={failureId}>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-phone`}>
            Your phone number
          </label>
          <input
            ref={phoneRef}
            id={`${id}-phone`}
            className="input"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
            aria-invalid={errors.phone ? true : undefined}
            aria-describedby={errors.phone ? `${phoneErrorId} ${hintId}` : hintId}
            placeholder="082 123 4567"
          />
          {errors.phone && (
            <p id={phoneErrorId} className="field__error">
              <AlertIcon size={14} />
              {errors.phone}
            </p>
          )}
          <p id={hintId} className="field__hint">
            We use it to find your earlier conversations.
          </p>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-name`}>
            Your name
          </label>
          <input
            ref={nameRef}
            id={`${id}-name`}
            className="input"
            autoComplete="name"
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? nameErrorId : undefined}
          />
          {errors.name && (
            <p id={nameErrorId} className="field__error">
              <AlertIcon size={14} />
              {errors.name}
            </p>
          )}
        </div>
        <div id={failureId} role="alert" className="form-failure">
          {failure && (
            <>
              <AlertIcon />
              <span>{failure}</span>
            </>
          )}
        </div>
        <button className="button button--primary button--block" type="submit" aria-busy={busy}>
          {busy ? 'Starting…' : 'Start chat'}
        </button>
      </form>
    </div>
  );
}
