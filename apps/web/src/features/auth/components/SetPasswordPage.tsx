import { MIN_PASSWORD_LENGTH } from '@parley/contract';
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useLocation } from 'wouter';
import { describeError, isApiError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { AlertIcon } from '../../../ui/icons.tsx';
import { Logo } from '../../../ui/Logo.tsx';
import { useSetPassword, useSetPasswordLinkInfo } from '../hooks/useSetPasswordLink.ts';
import { formatRetryWait } from '../signInErrors.ts';
import '../auth.css';

/** The server's body limit; longer would be refused before the rule is even checked. */
const MAX_PASSWORD_LENGTH = 1024;
const passwordRule = `At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a long password that is easy to remember.`;

type Field = 'password' | 'repeat';

/** Why the two typed passwords cannot be sent, per field; empty when they can. */
export function passwordProblems(password: string, repeat: string): Partial<Record<Field, string>> {
  if (password.length < MIN_PASSWORD_LENGTH)
    return { password: `Use at least ${MIN_PASSWORD_LENGTH} characters.` };
  if (password.length > MAX_PASSWORD_LENGTH)
    return { password: `Use at most ${MAX_PASSWORD_LENGTH} characters.` };
  if (repeat !== password) return { repeat: "The two passwords don't match." };
  return {};
}

/** 404 (never issued) and 410 (used, replaced, expired, account closed): only a new link helps. */
const isDeadLink = (error: unknown) => isApiError(error, 404) || isApiError(error, 410);

/** The page a one-time link from an admin opens: no session needed, the link is the proof. */
export function SetPasswordPage({ token }: { token: string }) {
  const info = useSetPasswordLinkInfo(token);
  const setPassword = useSetPassword(token);

  useEffect(() => {
    document.title = 'Set your password · Parley';
  }, []);

  let body: ReactNode;
  if (isDeadLink(info.error) || isDeadLink(setPassword.error)) {
    body = <DeadLink error={info.error ?? setPassword.error} />;
  } else if (info.isPending) {
    body = (
      <p role="status" className="sign-in__subtitle">
        Checking your link…
      </p>
    );
  } else if (info.isError) {
    body = (
      <ErrorState
        compact
        title="Couldn't check your link."
        error={info.error}
        onRetry={() => void info.refetch()}
        retrying={info.isFetching}
      />
    );
  } else if (setPassword.isSuccess) {
    body = <PasswordSet email={info.data.email} />;
  } else {
    body = (
      <>
        <h1 className="sign-in__title">Choose your password</h1>
        <p className="sign-in__subtitle">
          Welcome, {info.data.name}. You will sign in with this password from now on.
        </p>
        <PasswordForm
          email={info.data.email}
          pending={setPassword.isPending}
          error={setPassword.error}
          onSubmit={(password) => setPassword.mutate(password)}
        />
      </>
    );
  }

  return (
    <div className="sign-in">
      <main className="sign-in__card" id="main">
        <div className="sign-in__brand">
          <Logo size={28} />
          <span>Parley</span>
        </div>
        {body}
      </main>
    </div>
  );
}

function DeadLink({ error }: { error: unknown }) {
  const detail = isApiError(error) && error.detail ? error.detail : 'This link is not known.';
  return (
    <>
      <h1 className="sign-in__title">This link can't be used</h1>
      <p className="sign-in__subtitle set-password__dead" role="alert">
        {detail}
        {/* The server says so for used and expired links, not for a closed account. */}
        {/admin/i.test(detail) ? null : ' Ask an admin for a new link.'}
      </p>
      <p className="sign-in__subtitle">
        Each link works once, for a limited time. If you already chose a password,{' '}
        <a href="/">sign in</a>.
      </p>
    </>
  );
}

function PasswordSet({ email }: { email: string }) {
  const [, navigate] = useLocation();
  return (
    <>
      <h1 className="sign-in__title">Your password is set</h1>
      <p className="sign-in__subtitle" role="status">
        Sign in as {email} with your new password.
      </p>
      <Button
        variant="primary"
        className="sign-in__submit set-password__continue"
        autoFocus
        // Replace: the used link should not stay in the browser's history.
        onClick={() =>
          navigate(`/?${new URLSearchParams({ email }).toString()}`, { replace: true })
        }
      >
        Sign in
      </Button>
    </>
  );
}

type PasswordFormProps = {
  email: string;
  pending: boolean;
  error: unknown;
  onSubmit: (password: string) => void;
};

function PasswordForm({ email, pending, error, onSubmit }: PasswordFormProps) {
  const id = useId();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const refs = { password: useRef<HTMLInputElement>(null), repeat: useRef<HTMLInputElement>(null) };

  const problems = submitted ? passwordProblems(password, repeat) : {};
  const serverRule =
    isApiError(error, 422) && error.fieldErrors.some((e) => e.field === 'password')
      ? `Use at least ${MIN_PASSWORD_LENGTH} characters.`
      : undefined;
  const errors: Partial<Record<Field, string>> = {
    ...(serverRule ? { password: serverRule } : {}),
    ...problems,
  };
  const failure =
    error && !serverRule
      ? isApiError(error, 429)
        ? formatRetryWait(error.retryAfterSeconds)
        : describeError(error)
      : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setSubmitted(true);
    const found = passwordProblems(password, repeat);
    if (found.password) return refs.password.current?.focus();
    if (found.repeat) return refs.repeat.current?.focus();
    onSubmit(password);
  };

  const describedBy = (field: Field) =>
    [field === 'password' ? `${id}-rule` : null, errors[field] ? `${id}-${field}-error` : null]
      .filter(Boolean)
      .join(' ') || undefined;

  const passwordField = (field: Field, label: string, hint?: ReactNode) => (
    <div className="field">
      <label className="field__label" htmlFor={`${id}-${field}`}>
        {label}
      </label>
      {hint}
      <input
        ref={refs[field]}
        id={`${id}-${field}`}
        className="input"
        type="password"
        autoComplete="new-password"
        autoFocus={field === 'password'}
        value={field === 'password' ? password : repeat}
        onChange={(event) => (field === 'password' ? setPassword : setRepeat)(event.target.value)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={describedBy(field)}
      />
      {errors[field] ? (
        <p className="field__error" id={`${id}-${field}-error`}>
          {errors[field]}
        </p>
      ) : null}
    </div>
  );

  return (
    <form className="sign-in__form" noValidate onSubmit={submit}>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-email`}>
          Email
        </label>
        {/* Read-only, but there: password managers file the new password under it. */}
        <input
          id={`${id}-email`}
          className="input set-password__email"
          type="email"
          autoComplete="username"
          readOnly
          value={email}
        />
      </div>
      {passwordField(
        'password',
        'New password',
        <p className="field__hint" id={`${id}-rule`}>
          {passwordRule}
        </p>,
      )}
      {passwordField('repeat', 'Repeat the password')}
      <Button type="submit" variant="primary" className="sign-in__submit" pending={pending}>
        {pending ? 'Setting your password…' : 'Set password'}
      </Button>
      <div className="form-error" role="alert">
        {failure ? (
          <>
            <AlertIcon className="form-error__icon" />
            <span>{failure}</span>
          </>
        ) : null}
      </div>
    </form>
  );
}
