import type { Customer } from '@parley/contract';
import type { Ref } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { absoluteTime, relativeTimeInWords } from '../../../ui/time.ts';
import { useNow } from '../../../ui/useNow.ts';

const languageNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' });
  } catch {
    return null;
  }
})();

/** "English (South Africa)" for en-ZA, or the tag itself when the browser has no name for it. */
export function languageName(tag: string): string {
  try {
    const name = languageNames?.of(tag);
    return name && name !== tag ? name : tag;
  } catch {
    return tag;
  }
}

function initials(name: string | null): string {
  if (!name) return '#';
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : ''))
    .toUpperCase()
    .slice(0, 2);
}

const Empty = () => (
  <span className="profile__unset" aria-label="Not set">
    —
  </span>
);

type ProfileViewProps = {
  customer: Customer;
  onEdit: () => void;
  editRef?: Ref<HTMLButtonElement>;
};

export function ProfileView({ customer, onEdit, editRef }: ProfileViewProps) {
  const now = useNow();
  const custom = Object.entries(customer.customFields);
  return (
    <div className="profile">
      <div className="profile__head">
        <div className="profile__avatar" aria-hidden="true">
          {initials(customer.name)}
        </div>
        <div className="profile__identity">
          <h2 className="profile__name">
            {customer.name ?? <span className="profile__no-name">No name yet</span>}
          </h2>
          <p className="profile__phone">
            <span>{customer.phoneDisplay}</span>
            {customer.optedOut ? (
              <span className="pill" title="Sent //stop: no messages until they write again">
                Opted out
              </span>
            ) : null}
          </p>
        </div>
        <Button size="sm" ref={editRef} onClick={onEdit} aria-label="Edit profile">
          Edit
        </Button>
      </div>

      <dl className="profile__fields">
        <div className="profile__row">
          <dt>Email</dt>
          <dd>
            {customer.email ? <a href={`mailto:${customer.email}`}>{customer.email}</a> : <Empty />}
          </dd>
        </div>
        <div className="profile__row">
          <dt>Language</dt>
          <dd>
            {customer.language ? (
              <>
                {languageName(customer.language)}
                {languageName(customer.language) !== customer.language ? (
                  <span className="profile__tag"> {customer.language}</span>
                ) : null}
              </>
            ) : (
              <Empty />
            )}
          </dd>
        </div>
        <div className="profile__row">
          <dt>Company</dt>
          <dd>{customer.company ?? <Empty />}</dd>
        </div>
        <div className="profile__row">
          <dt>Location</dt>
          <dd>{customer.location ?? <Empty />}</dd>
        </div>
      </dl>

      <h3 className="profile__section">Custom fields</h3>
      {custom.length > 0 ? (
        <dl className="profile__fields">
          {custom.map(([name, value]) => (
            <div className="profile__row" key={name}>
              <dt>{name}</dt>
              <dd className="profile__value">{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="profile__hint">None yet. Edit the profile to add account numbers, plans…</p>
      )}

      <p className="profile__meta">
        First contact{' '}
        <time dateTime={customer.createdAt} title={absoluteTime(customer.createdAt)}>
          {relativeTimeInWords(customer.createdAt, now)}
        </time>
        {customer.updatedAt !== customer.createdAt && customer.version > 1 ? (
          <>
            {' · '}updated{' '}
            <time dateTime={customer.updatedAt} title={absoluteTime(customer.updatedAt)}>
              {relativeTimeInWords(customer.updatedAt, now)}
            </time>
          </>
        ) : null}
      </p>
    </div>
  );
}
