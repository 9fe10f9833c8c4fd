import { type FormEvent, useId, useRef, useState } from 'react';
import { describeWidgetError } from '../api.ts';
import { AlertIcon } from './icons.tsx';

type Step = { kind: 'closed' } | { kind: 'phone' } | { kind: 'code'; sentTo: string };

/**
 * An unobtrusive offer under the header: prove the number with a code sent to it by WhatsApp or
 * SMS. Until then the team sees the chat as from an unverified number and cannot discuss the
 * account. Native forms and buttons keep it usable from the keyboard; errors are announced.
 */
export function VerifyNumber({
  initialPhone,
  onRequest,
  onConfirm,
}: {
  initialPhone: string;
  onRequest: (phone: string) => Promise<string>;
  onConfirm: (code: string) => Promise<void>;
}) {
  const id = useId();
  const [step, setStep] = useState<Step>({ kind: 'closed' });
  const [phone, setPhone] = useState(initialPhone);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);

  async function run(work: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(describeWidgetError(e));
    } finally {
      setBusy(false);
    }
  }

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    if (!phone.trim()) return setError('Enter your phone number.');
    void run(async () => {
      const sentTo = await onRequest(phone.trim());
      setCode('');
      setStep({ kind: 'code', sentTo });
    });
  };

  const verify = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) return setError('Enter the six digits we sent you.');
    void run(() => onConfirm(code.trim()));
  };

  const close = () => {
    setStep({ kind: 'closed' });
    setError(null);
    toggle.current?.focus();
  };

  if (step.kind === 'closed')
    return (
      <div className="verify">
        <p className="verify__lead">Want us to discuss your account?</p>
        <button
          ref={toggle}
          type="button"
          className="link-button"
          onClick={() => setStep({ kind: 'phone' })}
        >
          Verify your number
        </button>
      </div>
    );

  const errorId = `${id}-error`;
  return (
    <div className="verify verify--open" onKeyDown={(event) => event.key === 'Escape' && close()}>
      {step.kind === 'phone' ? (
        <form className="verify__form" onSubmit={send} noValidate>
          <label className="field__label" htmlFor={`${id}-phone`}>
            We’ll send a code to
          </label>
          <div className="verify__row">
            <input
              id={`${id}-phone`}
              className="input input--sm"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              value={phone}
              onChange={(event) => setPhone(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              autoFocus
            />
            <button className="button button--primary button--sm" type="submit" aria-busy={busy}>
              {busy ? 'Sending…' : 'Send code'}
            </button>
          </div>
        </form>
      ) : (
        <form className="verify__form" onSubmit={verify} noValidate>
          <label className="field__label" htmlFor={`${id}-code`}>
            Code sent to {step.sentTo}
          </label>
          <div className="verify__row">
            <input
              id={`${id}-code`}
              className="input input--sm verify__code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              autoFocus
            />
            <button className="button button--primary button--sm" type="submit" aria-busy={busy}>
              {busy ? 'Checking…' : 'Verify'}
            </button>
          </div>
          <p className="verify__meta">
            It expires in 10 minutes.{' '}
            <button type="button" className="link-button" onClick={() => send()}>
              Send a new code
            </button>
          </p>
        </form>
      )}
      <div id={errorId} role="alert" className="verify__error">
        {error && (
          <>
            <AlertIcon size={14} />
            <span>{error}</span>
          </>
        )}
      </div>
      <button type="button" className="link-button verify__cancel" onClick={close}>
        Not now
      </button>
    </div>
  );
}
