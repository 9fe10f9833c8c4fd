import type { Me, Transfer } from '@parley/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useLocation } from 'wouter';
import { describeError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { customerLabel, findCachedChat, transferTarget } from '../../chats/index.ts';
import {
  useAcceptTransfer,
  useAcknowledgeTransfer,
  useRejectTransfer,
  useTransferInbox,
} from '../hooks/useTransfers.ts';
import { transferSender } from '../transferInbox.ts';
import '../transfers.css';

/**
 * The offers waiting on me and the outcomes of mine, as a calm stack of cards at the top right
 * of the desk. A new offer is announced (the alerts ring for it); answering, a return or a withdrawal takes its card away.
 */
export function TransferCards({ me }: { me: Me }) {
  /** Said once to screen readers when an offer arrives; the card itself does not take focus. */
  const [announcement, setAnnouncement] = useState('');
  const inbox = useTransferInbox(me, (offer) => {
    setAnnouncement(`New transfer offer from ${transferSender(offer)}`);
  });
  const incoming = inbox.data?.incoming ?? [];
  const outcomes = (inbox.data?.outgoing ?? []).filter((item) => item.state !== 'offered');
  const live = (
    <p className="visually-hidden" role="status">
      {announcement}
    </p>
  );
  if (incoming.length === 0 && outcomes.length === 0) return live;
  return (
    <section className="transfer-cards" aria-label="Transfers">
      {live}
      {incoming.map((offer) => (
        <OfferCard key={offer.id} offer={offer} me={me} />
      ))}
      {outcomes.map((outcome) => (
        <OutcomeCard key={outcome.id} outcome={outcome} />
      ))}
    </section>
  );
}

/** The customer's name from the offer's preview, or from what the desk has cached. */
function useCustomerName(transfer: Transfer): string {
  const queryClient = useQueryClient();
  if (transfer.preview) return customerLabel(transfer.preview.customer);
  const chat = findCachedChat(queryClient, transfer.chatId);
  return chat ? customerLabel(chat.customer) : 'a customer';
}

function OfferCard({ offer, me }: { offer: Transfer; me: Me }) {
  const id = useId();
  const [, navigate] = useLocation();
  const customer = useCustomerName(offer);
  const accept = useAcceptTransfer(me, (chat) => navigate(`/live/${chat.id}`));
  const reject = useRejectTransfer();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const busy = accept.isPending || reject.isPending;
  const error = accept.error ?? reject.error;
  const toWhom = offer.toAgent ? 'you' : `anyone in ${offer.toDepartment?.name ?? 'your team'}`;

  return (
    <article className="transfer-card" aria-labelledby={`${id}-title`}>
      <h3 className="transfer-card__title" id={`${id}-title`}>
        {transferSender(offer)} offers {toWhom} the chat with {customer}
      </h3>
      {offer.note ? <blockquote className="transfer-card__note">{offer.note}</blockquote> : null}
      {offer.preview && offer.preview.messages.length > 0 ? (
        <ol className="transfer-card__preview" aria-label="Last messages">
          {offer.preview.messages.map((message, index) => (
            <li
              key={`${message.at}-${index}`}
              className={`transfer-card__line transfer-card__line--${message.direction}`}
            >
              <span className="transfer-card__speaker">
                {message.direction === 'in' ? customer : 'Agent'}:
              </span>{' '}
              {message.text}
            </li>
          ))}
        </ol>
      ) : null}
      {error ? (
        <p className="transfer-card__error" role="alert">
          {describeError(error)}
        </p>
      ) : null}
      {rejecting ? (
        <form
          className="transfer-card__reject"
          onSubmit={(event) => {
            event.preventDefault();
            if (busy) return;
            reject.mutate({ id: offer.id, ...(reason.trim() ? { reason: reason.trim() } : {}) });
          }}
        >
          <label className="field__label" htmlFor={`${id}-reason`}>
            Reason <span className="field__optional">(optional)</span>
          </label>
          <input
            id={`${id}-reason`}
            className="input"
            value={reason}
            maxLength={500}
            autoFocus
            placeholder={`Told to ${transferSender(offer)}`}
            onChange={(event) => setReason(event.target.value)}
          />
          <div className="transfer-card__actions">
            <Button size="sm" onClick={() => setRejecting(false)} disabled={busy}>
              Back
            </Button>
            <Button size="sm" type="submit" variant="primary" pending={reject.isPending}>
              {reject.isPending ? 'Rejecting…' : 'Reject offer'}
            </Button>
          </div>
        </form>
      ) : (
        <div className="transfer-card__actions">
          <Button size="sm" disabled={busy} onClick={() => setRejecting(true)}>
            Reject…
          </Button>
          <Button
            size="sm"
            variant="primary"
            pending={accept.isPending}
            disabled={reject.isPending}
            onClick={() => accept.mutate(offer.id)}
          >
            {accept.isPending ? 'Accepting…' : 'Accept'}
          </Button>
        </div>
      )}
    </article>
  );
}

/** "Agent Two rejected the transfer: …" or "Nobody accepted the transfer in 20 min; …". */
export function outcomeText(outcome: Transfer, customer: string): string {
  if (outcome.state === 'returned') {
    const minutes = Math.round(
      (Date.parse(outcome.expiresAt) - Date.parse(outcome.createdAt)) / 60_000,
    );
    // The offer's own span ("in 20 min"); a clock sped up for demos leaves less than a minute.
    const within = minutes >= 1 ? `in ${minutes} min` : 'in time';
    return `Nobody accepted the transfer of the chat with ${customer} ${within}; the chat is still yours.`;
  }
  const who = outcome.answeredBy?.name ?? transferTarget(outcome);
  return outcome.reason
    ? `${who} rejected the transfer of the chat with ${customer}: ${outcome.reason}`
    : `${who} rejected the transfer of the chat with ${customer}.`;
}

function OutcomeCard({ outcome }: { outcome: Transfer }) {
  const id = useId();
  const customer = useCustomerName(outcome);
  const acknowledge = useAcknowledgeTransfer();
  return (
    <article className="transfer-card transfer-card--outcome" aria-labelledby={`${id}-title`}>
      <p className="transfer-card__title" id={`${id}-title`}>
        {outcomeText(outcome, customer)}
      </p>
      {acknowledge.isError ? (
        <p className="transfer-card__error" role="alert">
          {describeError(acknowledge.error)}
        </p>
      ) : null}
      <div className="transfer-card__actions">
        <Button
          size="sm"
          variant="primary"
          pending={acknowledge.isPending}
          onClick={() => acknowledge.mutate(outcome.id)}
        >
          OK
        </Button>
      </div>
    </article>
  );
}
