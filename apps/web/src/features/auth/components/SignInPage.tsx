import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { isApiError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { AlertIcon } from '../../../ui/icons.tsx';
import { Logo } from '../../../ui/Logo.tsx';
import { useSetupStatus } from '../hooks/useSetupStatus.ts';
import { useSignIn } from '../hooks/useSignIn.ts';
import { FirstRunNotice } from './FirstRunNotice.tsx';
import { describeSignInError } from '../signInErrors.ts';
import '../auth.css';

type Field = 'email' | 'password';

/** `initialEmail` fills the field, e.g. right after someone chose their password. */
export function SignInPage({ initialEmail = '' }: { initialEmail?: string }) {
  const setup = useSetupStatus();
  if (setup.data?.needed)
    return (
      <div className="sign-in">
        <main className="sign-in__card" id="main">
          <div className="sign-in__brand">
            <Logo size={28} />
            <span>Parley</span>
          </div>
          <FirstRunNotice
            command={setup.data.command ?? 'npm run parley -- staff create --role admin'}
            onCheckAgain={() => void setup.refetch()}
            checking={setup.isFetching}
          />
        </main>
      </div>
    );
  return <SignInForm initialEmail={initialEmail} />;
}

function SignInForm({ initialEmail }: { initialEmail: string }) {
  const id = useId();
  const signIn = useSignIn();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<Partial<Record<Field, string>>>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const failure = signIn.isError ? describeSignInError(signIn.error) : null;
  const fieldErrors = { ...failure?.fields, ...missing };
  const errorId = `${id}-error`;
  const credentialsRejected = isApiError(signIn.error, 401);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (signIn.isPending) return;
    const nextMissing: Partial<Record<Field, string>> = {};
    if (email.trim() === '') nextMissing.email = 'Enter your email address.';
    if (password === '') nextMissing.password = 'Enter your password.';
    setMissing(nextMissing);
    if (nextMissing.email) return emailRef.current?.focus();
    if (nextMissing.password) return passwordRef.current?.focus();
    signIn.mutate({ email: email.trim(), password });
  }

  function describedBy(field: Field) {
    return [fieldErrors[field] ? `${id}-${field}-error` : null, failure ? errorId : null]
      .filter(Boolean)
      .join(' ');
  }

  return (
    <div className="sign-in">
      <main className="sign-in__card" id="main">
        <div className="sign-in__brand">
          <Logo size={28} />
          <span>Parley</span>
        </div>
        <h1 className="sign-in__title">Sign in to your desk</h1>
        <p className="sign-in__subtitle">Use the account your admin set up for you.</p>
        <form className="sign-in__form" noValidate onSubmit={onSubmit}>
          {(['email', 'password'] as const).map((field) => (
            <div className="field" key={field}>
              <label className="field__label" htmlFor={`${id}-${field}`}>
                {field === 'email' ? 'Email' : 'Password'}
              </label>
              <input
                ref={field === 'email' ? emailRef : passwordRef}
                id={`${id}-${field}`}
                className="input"
                type={field}
                name={field}
                autoComplete={field === 'email' ? 'username' : 'current-password'}
                autoFocus={field === (initialEmail ? 'password' : 'email')}
                spellCheck={false}
                value={field === 'email' ? email : password}
                onChange={(event) => {
                  (field === 'email' ? setEmail : setPassword)(event.target.value);
                  if (missing[field]) setMissing({ ...missing, [field]: undefined });
                }}
                aria-invalid={fieldErrors[field] || credentialsRejected ? true : undefined}
                aria-describedby={describedBy(field) || undefined}
              />
              {fieldErrors[field] ? (
                <p className="field__error" id={`${id}-${field}-error`}>
                  {fieldErrors[field]}
                </p>
              ) : null}
            </div>
          ))}
          <Button
            type="submit"
            variant="primary"
            className="sign-in__submit"
            pending={signIn.isPending}
          >
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </Button>
          <div className="form-error" id={errorId} role="alert">
            {failure ? (
              <>
                <AlertIcon className="form-error__icon" />
                <span>{failure.message}</span>
              </>
            ) : null}
          </div>
        </form>
      </main>
    </div>
  );
}
