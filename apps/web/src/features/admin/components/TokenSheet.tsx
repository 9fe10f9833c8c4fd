import { TokenScope } from '@parley/contract';
import type { ApiTokenCreated } from '@parley/contract';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError, isApiError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { Sheet } from '../../../ui/Sheet.tsx';
import { serverFieldError } from '../fieldErrors.ts';
import { useCreateToken } from '../hooks/useTokens.ts';

const scopeDescriptions: Record<TokenScope, string> = {
  read: 'Read anything its creator may see',
  'chats:write': 'Chat actions, messages, comments, transfers and tickets',
  'customers:write': 'Customer profiles and notes',
  admin: 'The admin endpoints (never tokens or staff)',
};

const expiryChoices = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never' },
] as const;

function expiryFrom(choice: string, now = Date.now()): string | null {
  if (choice === 'never') return null;
  return new Date(now + Number(choice) * 24 * 60 * 60 * 1000).toISOString();
}

type TokenSheetProps = {
  open: boolean;
  onClose: () => void;
  onCreated: (token: ApiTokenCreated) => void;
};

export function TokenSheet({ open, onClose, onCreated }: TokenSheetProps) {
  return (
    <Sheet
      open={open}
      onOpenChange={(next) => (next ? undefined : onClose())}
      title="New API token"
      description="The token can do only what its scopes allow, and only until it expires."
    >
      {/* Mounted only while open, so each new token starts from an empty form. */}
      {open ? <TokenForm onClose={onClose} onCreated={onCreated} /> : null}
    </Sheet>
  );
}

function TokenForm({ onClose, onCreated }: Omit<TokenSheetProps, 'open'>) {
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ReadonlySet<TokenScope>>(new Set(['read']));
  const [expiry, setExpiry] = useState<string>('90');
  const [submitted, setSubmitted] = useState(false);
  const id = useId();

  const nameError =
    (submitted && name.trim() === '' ? 'Give the token a name.' : undefined) ??
    serverFieldError(create.error, 'name');
  const scopesError =
    (submitted && scopes.size === 0 ? 'Choose at least one scope.' : undefined) ??
    serverFieldError(create.error, 'scopes');
  const otherError =
    create.isError && !(isApiError(create.error, 422) && (nameError || scopesError))
      ? describeError(create.error)
      : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (name.trim() === '' || scopes.size === 0) return;
    create.mutate(
      {
        name: name.trim(),
        scopes: TokenScope.options.filter((scope) => scopes.has(scope)),
        expiresAt: expiryFrom(expiry),
      },
      { onSuccess: onCreated },
    );
  };

  return (
    <form className="admin-form" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-name`}>
          Name
        </label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          maxLength={100}
          autoComplete="off"
          placeholder="e.g. CRM sync"
          onChange={(event) => setName(event.target.value)}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${id}-name-error` : undefined}
        />
        {nameError ? (
          <p id={`${id}-name-error`} className="field__error">
            {nameError}
          </p>
        ) : null}
      </div>
      <fieldset
        className="admin-form__group"
        aria-describedby={scopesError ? `${id}-scopes-error` : undefined}
      >
        <legend className="field__label">Scopes</legend>
        <ul className="admin-checklist">
          {TokenScope.options.map((scope) => (
            <li key={scope}>
              <label className="admin-checklist__item">
                <input
                  type="checkbox"
                  checked={scopes.has(scope)}
                  onChange={(event) => {
                    const next = new Set(scopes);
                    if (event.target.checked) next.add(scope);
                    else next.delete(scope);
                    setScopes(next);
                  }}
                />
                <span className="admin-checklist__code">{scope}</span>
                <span className="admin-table__meta">{scopeDescriptions[scope]}</span>
              </label>
            </li>
          ))}
        </ul>
        {scopesError ? (
          <p id={`${id}-scopes-error`} className="field__error">
            {scopesError}
          </p>
        ) : null}
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-expiry`}>
          Expires after
        </label>
        <select
          id={`${id}-expiry`}
          className="input"
          value={expiry}
          onChange={(event) => setExpiry(event.target.value)}
        >
          {expiryChoices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      {otherError ? (
        <p className="field__error" role="alert">
          {otherError}
        </p>
      ) : null}
      <div className="admin-form__actions">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" pending={create.isPending}>
          Create token
        </Button>
      </div>
    </form>
  );
}
