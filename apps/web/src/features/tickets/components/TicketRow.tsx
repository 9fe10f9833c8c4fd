import type { Me, Ticket } from '@parley/contract';
import type { ComponentPropsWithRef } from 'react';
import { Link } from 'wouter';
import { Button } from '../../../ui/Button.tsx';
import { absoluteTime, relativeTime, relativeTimeInWords } from '../../../ui/time.ts';
import { ChannelBadge, channelLabels, customerLabel } from '../../chats/index.ts';
import { reasonLabels } from '../format.ts';
import { mayAccept } from '../rules.ts';

type TicketRowProps = {
  ticket: Ticket;
  href: string;
  open: boolean;
  me: Me;
  now: number;
  /** Accept straight from the row (unassigned tickets of my departments). */
  onAccept: (ticket: Ticket) => void;
  /** Set by a virtual list: the row's place in it and the ref that measures it. */
  itemProps?: ComponentPropsWithRef<'li'> & { 'data-index'?: number };
  /** The ticket this row's Accept is working on, if any. */
  accepting: boolean;
};

/** One ticket: customer, channel, department, why it became a ticket, age, assignee. */
export function TicketRow({
  ticket,
  href,
  open,
  me,
  now,
  onAccept,
  accepting,
  itemProps,
}: TicketRowProps) {
  const name = customerLabel(ticket.customer);
  const reason = reasonLabels[ticket.reason];
  const assignee =
    ticket.assignee === null
      ? 'Unassigned'
      : ticket.assignee.id === me.id
        ? 'You'
        : ticket.assignee.name;
  const acceptable = mayAccept(ticket, me);

  const label = [
    name,
    reason,
    channelLabels[ticket.channel.kind].long,
    ticket.department.name,
    assignee,
    `opened ${relativeTimeInWords(ticket.createdAt, now)}`,
  ].join(', ');

  return (
    <li className="ticket-row" data-status={ticket.status} {...itemProps}>
      <Link
        href={href}
        className="ticket-row__link"
        data-chat-row=""
        aria-current={open ? 'page' : undefined}
        aria-label={label}
      >
        <span className="ticket-row__top">
          <span className="ticket-row__name">{name}</span>
          <time
            className="ticket-row__age"
            dateTime={ticket.createdAt}
            title={`Opened ${absoluteTime(ticket.createdAt)}`}
          >
            {relativeTime(ticket.createdAt, now)}
          </time>
        </span>
        <span className="ticket-row__meta">
          <span className={`pill ticket-reason ticket-reason--${ticket.reason}`}>{reason}</span>
          <ChannelBadge channel={ticket.channel} />
          <span className="ticket-row__department" title={ticket.department.name}>
            {ticket.department.name}
          </span>
          {/* "Unassigned" on every row of the Unassigned tab says nothing; the label still has it. */}
          {ticket.assignee ? <span className="ticket-row__assignee">{assignee}</span> : null}
        </span>
      </Link>
      {acceptable ? (
        <Button
          size="sm"
          variant="secondary"
          className="ticket-row__accept"
          aria-label={`Accept the ticket of ${name}`}
          pending={accepting}
          onClick={() => onAccept(ticket)}
        >
          {accepting ? 'Accepting…' : 'Accept'}
        </Button>
      ) : null}
    </li>
  );
}
