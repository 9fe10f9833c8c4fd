import type { WidgetChat } from '@parley/contract';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { describeWidgetError } from '../api.ts';
import { chatStatusView } from '../chatStatus.ts';
import { AlertIcon, CheckIcon } from './icons.tsx';

/**
 * A calm line above the composer saying what happens next: the visitor's place in the queue, who
 * joined, or, for a ticket, why nobody answers live with a small form to leave an email or number.
 * The line is a polite live region (role status), so a screen reader hears each change once.
 */
export function ChatStatus({
  chat,
  onLeaveContact,
}: {
  chat: WidgetChat | null;
  onLeaveContact: (contact: string) => Promise<void>;
}) {
  const view = chatStatusView(chat);
  // Only an answer sent from this form takes the focus; a reloaded page leaves it in the composer.
  const [sent, setSent] = useState(false);
  const leave = async (contact: string) => {
    await onLeaveContact(contact);
    setSent(true);
  };
  return (
    <section className="chat-status" aria-label="What happens next">
      <p className={`chat-status__line chat-status__line--${view.kind}`} role="status">
        {view.kind === 'none' ? '' : view.line}
      </p>
      {view.kind === 'ticket' &&
        (view.contactLeft ? <ContactThanks focus={sent} /> : <ContactForm onSubmit={leave} />)}
    </section>
  );
}

function ContactThanks({ focus }: { focus: boolean }) {
  const thanks = useRef<HTMLParagraphElement>(null);
  // After sending, focus lands on the answer rather than on a form that is gone.
  useEffect(() => {
    if (focus) thanks.current?.focus({ preventScroll: true });
  }, [focus]);
  return (
    <p ref={thanks} className="chat-status__thanks" tabIndex={-1}>
      <CheckIcon size={14} /> Thanks, we’ll get back to you. You can keep writing here too.
    </p>
  );
}

function ContactForm({ onSubmit }: { onSubmit: (contact: string) => Promise<void> }) {
  const id = useId();
  const [contact, setContact] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const value = contact.trim();
    if (!value) return setError('Enter an email address or a phone number.');
    setBusy(true);
    setError(null);
    try {
      await onSubmit(value);
    } catch (e) {
      setError(describeWidgetError(e));
    } finally {
      setBusy(false);
    }
  }

  const errorId = `${id}-error`;
  return (
    <form className="chat-status__form" onSubmit={(event) => void submit(event)} noValidate>
      <label className="field__label" htmlFor={`${id}-contact`}>
        Leave an email or number and we’ll get back to you
      </label>
      <div className="verify__row">
        <input
          id={`${id}-contact`}
          className="input input--sm"
          type="text"
          inputMode="email"
          autoComplete="email"
          placeholder="Email or phone number"
          value={contact}
          onChange={(event) => setContact(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        <button className="button button--primary button--sm" type="submit" aria-busy={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
      <div id={errorId} role="alert" className="verify__error">
        {error && (
          <>
            <AlertIcon size={14} />
            <span>{error}</span>
          </>
        )}
      </div>
    </form>
  );
}
