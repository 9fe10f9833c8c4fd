import type { ContactCard, MessageContent } from '@parley/contract';
import type { ReactNode } from 'react';
import { safeWebUrl } from './format.ts';

type Content<K extends MessageContent['kind']> = Extract<MessageContent, { kind: K }>;

/** A place: its name and address, and a link to it on a map. */
export function LocationCard({ content }: { content: Content<'location'> }) {
  const map = safeWebUrl(content.mapUrl);
  const title = content.name ?? content.address ?? 'Shared location';
  return (
    <div className="content-card" data-kind="location">
      <span className="content-card__label">Location</span>
      <span className="content-card__title">{title}</span>
      {content.name && content.address ? (
        <span className="content-card__line">{content.address}</span>
      ) : null}
      {!content.name && !content.address ? (
        <span className="content-card__line">
          {content.latitude.toFixed(5)}, {content.longitude.toFixed(5)}
        </span>
      ) : null}
      {map ? (
        <a className="content-card__action" href={map} target="_blank" rel="noopener noreferrer">
          Open map<span className="visually-hidden"> of {title} (opens a new tab)</span>
        </a>
      ) : null}
    </div>
  );
}

/** Shared contacts, one card each; `action` adds what the reader may do with one. */
export function ContactCards({
  content,
  action,
}: {
  content: Content<'contact'>;
  action?: ((contact: ContactCard) => ReactNode) | undefined;
}) {
  return (
    <ul className="content-cards">
      {content.contacts.map((contact, index) => (
        <li key={`${contact.name}:${index}`} className="content-card" data-kind="contact">
          <span className="content-card__label">Contact</span>
          <span className="content-card__title">{contact.name}</span>
          {contact.organization ? (
            <span className="content-card__line">{contact.organization}</span>
          ) : null}
          {contact.phones.map((phone) => (
            <span key={phone.phone} className="content-card__line">
              {phone.phone}
              {phone.type ? <span className="content-card__muted"> · {phone.type}</span> : null}
            </span>
          ))}
          {contact.emails.map((email) => (
            <span key={email} className="content-card__line">
              {email}
            </span>
          ))}
          {action ? action(contact) : null}
        </li>
      ))}
    </ul>
  );
}

/** The customer's answer to a button or a list: "↩ Track my order". */
export function InteractiveReply({ content }: { content: Content<'interactive'> }) {
  return (
    <span className="interactive-reply">
      <span className="interactive-reply__title">
        <span aria-hidden="true">↩ </span>
        <span className="visually-hidden">Chose: </span>
        {content.title}
      </span>
      {content.description ? (
        <span className="interactive-reply__description">{content.description}</span>
      ) : null}
    </span>
  );
}

/** An order from the business's catalogue: each item, its quantity and price. */
export function OrderCard({ content }: { content: Content<'order'> }) {
  const count = content.items.reduce((sum, item) => sum + item.quantity, 0);
  return (
    <div className="content-card" data-kind="order">
      <span className="content-card__label">Order</span>
      <span className="content-card__title">
        {count} item{count === 1 ? '' : 's'}
      </span>
      <ul className="order-items">
        {content.items.map((item, index) => (
          <li key={`${item.productId}:${index}`}>
            {item.quantity} × {item.productId}
            {item.price !== null ? (
              <span className="content-card__muted"> · {price(item.price, item.currency)}</span>
            ) : null}
          </li>
        ))}
      </ul>
      {content.note ? <span className="content-card__line">{content.note}</span> : null}
    </div>
  );
}

function price(amount: number, currency: string | null): string {
  if (!currency) return String(amount);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}
