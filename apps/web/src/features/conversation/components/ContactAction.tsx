import type { ContactCard } from '@parley/contract';
import { useState } from 'react';

/**
 * "Start chat" on a shared contact. Parley answers customers who write first and cannot open a
 * conversation itself (WhatsApp allows a business to write first only with an approved
 * template), so the action hands the agent the number, copied, to start it where they can.
 */
export function ContactAction({ contact }: { contact: ContactCard }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const phone = contact.phones[0]?.phone;
  if (!phone) return null;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(phone);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className="content-card__action" onClick={() => void copy()}>
        Start chat
        <span className="visually-hidden">
          {' '}
          with {contact.name}: copy {phone}
        </span>
      </button>
      <span className="content-card__status" role="status">
        {state === 'copied'
          ? `${phone} copied — start the chat from WhatsApp or your phone.`
          : state === 'failed'
            ? `Couldn’t copy. The number is ${phone}.`
            : ''}
      </span>
    </>
  );
}
