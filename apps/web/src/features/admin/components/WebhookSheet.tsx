import {
  WebhookEventType,
  webhookEventLabels,
  webhookUrlProblem,
  type WebhookSubscriptionCreated,
} from '@parley/contract';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError, isApiError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { Sheet } from '../../../ui/Sheet.tsx';
import { asSentence, serverFieldError } from '../fieldErrors.ts';
import { useCreateWebhook } from '../hooks/useWebhooks.ts';

/** Declared in the contract for when tickets exist; nothing sends them yet. */
const notSentYet: ReadonlySet<WebhookEventType> = new Set(['ticket.created', 'ticket.closed']);

type WebhookSheetProps = {
  open: boolean;
  onClose: () => void;
  onCreated: (webhook: WebhookSubscriptionCreated) => void;
};

export function WebhookSheet({ open, onClose, onCreated }: WebhookSheetProps) {
  return (
    <Sheet
      open={open}
      onOpenChange={(next) => (next ? undefined : onClose())}
      title="New webhook"
      description="Parley POSTs each chosen event to this URL, signed with a secret you get next."
    >
      {/* Mounted only while open, so each new webhook starts from an empty form. */}
      {open ? <WebhookForm onClose={onClose} onCreated={onCreated} /> : null}
    </Sheet>
  );
}

function WebhookForm({ onClose, onCreated }: Omit<WebhookSheetProps, 'open'>) {
  const create = useCreateWebhook();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<ReadonlySet<WebhookEventType>>(
    new Set(['chat.created', 'chat.closed']),
  );
  const [submitted, setSubmitted] = useState(false);
  const id = useId();

  const localUrlProblem = submitted ? webhookUrlProblem(url.trim()) : undefined;
  const serverUrlProblem = serverFieldError(create.error, 'url');
  const urlError = localUrlProblem ?? (serverUrlProblem ? asSentence(serverUrlProblem) : undefined);
  const eventsError =
    (submitted && events.size === 0 ? 'Choose at least one event.' : undefined) ??
    serverFieldError(create.error, 'events');
  const otherError =
    create.isError && !(isApiError(create.error, 422) && (urlError || eventsError))
      ? describeError(create.error)
      : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (webhookUrlProblem(url.trim()) || events.size === 0) return;
    create.mutate(
      { url: url.trim(), events: WebhookEventType.options.filter((e) => events.has(e)) },
      { onSuccess: onCreated },
    );
  };

  return (
    <form className="admin-form" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-url`}>
          URL
        </label>
        <input
          id={`${id}-url`}
          className="input"
          type="url"
          inputMode="url"
          value={url}
          autoComplete="off"
          spellCheck={false}
          placeholder="https://example.com/parley-events"
          onChange={(event) => {
            setUrl(event.target.value);
            if (create.isError) create.reset();
          }}
          aria-invalid={urlError ? true : undefined}
          aria-describedby={urlError ? `${id}-url-error` : undefined}
        />
        {urlError ? (
          <p id={`${id}-url-error`} className="field__error">
            {urlError}
          </p>
        ) : null}
      </div>
      <fieldset
        className="admin-form__group"
        aria-describedby={eventsError ? `${id}-events-error` : undefined}
      >
        <legend className="field__label">Events</legend>
        <ul className="admin-checklist">
          {WebhookEventType.options.map((type) => (
            <li key={type}>
              <label className="admin-checklist__item">
                <input
                  type="checkbox"
                  checked={events.has(type)}
                  onChange={(event) => {
                    const next = new Set(events);
                    if (event.target.checked) next.add(type);
                    else next.delete(type);
                    setEvents(next);
                  }}
                />
                <span className="admin-checklist__code">{type}</span>
                <span className="admin-table__meta">
                  {webhookEventLabels[type]}
                  {notSentYet.has(type) ? ' (once tickets arrive)' : ''}
                </span>
              </label>
            </li>
          ))}
        </ul>
        {eventsError ? (
          <p id={`${id}-events-error`} className="field__error">
            {eventsError}
          </p>
        ) : null}
      </fieldset>
      {otherError ? (
        <p className="field__error" role="alert">
          {otherError}
        </p>
      ) : null}
      <div className="admin-form__actions">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" pending={create.isPending}>
          Create webhook
        </Button>
      </div>
    </form>
  );
}
