import type { Me, Ticket } from '@parley/contract';
import type { ReactNode } from 'react';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { LockIcon, TicketIcon } from '../../../ui/icons.tsx';
import { StatusDot } from '../../../ui/StatusDot.tsx';
import { absoluteTime } from '../../../ui/time.ts';
import { useCannedSuggestions } from '../../canned-replies/index.ts';
import { channelLabels, customerLabel, formatPhone } from '../../chats/index.ts';
import {
  Composer,
  ConversationTimeline,
  ConversationUnloaded,
  useChatRoom,
  useComposerFiles,
  usePendingMessages,
  useSendMessage,
} from '../../conversation/index.ts';
import '../../conversation/conversation.css';
import {
  reasonLabels,
  ticketStatusLabels,
  ticketStatusTones,
  ticketWriteBlocked,
} from '../format.ts';
import { useTicket } from '../hooks/useTickets.ts';
import { TicketActions } from './TicketActions.tsx';

/** The conversation area in the Tickets view: the open ticket, or a hint how to open one. */
type TicketPaneProps = {
  ticketId: string | null;
  me: Me;
  /** Drawn before the customer's name, e.g. a way back to the list on a narrow screen. */
  headerStart?: ReactNode;
  /** Drawn after the ticket's actions, e.g. the button that opens the customer panel. */
  headerEnd?: ReactNode;
};

export function TicketPane({ ticketId, me, headerStart, headerEnd }: TicketPaneProps) {
  if (ticketId === null) {
    return (
      <section className="pane conversation" aria-label="Ticket">
        <div className="conversation__empty">
          <EmptyState
            icon={<TicketIcon size={22} />}
            title="Select a ticket to see the conversation."
            description="Accept a ticket to reply; it closes once the customer has had an answer."
          />
        </div>
      </section>
    );
  }
  return (
    <OpenTicket
      key={ticketId}
      ticketId={ticketId}
      me={me}
      headerStart={headerStart}
      headerEnd={headerEnd}
    />
  );
}

function OpenTicket({
  ticketId,
  me,
  headerStart,
  headerEnd,
}: TicketPaneProps & { ticketId: string }) {
  const ticket = useTicket(ticketId);
  const { refused } = useChatRoom(ticketId);
  const sender = useSendMessage(ticketId, 'tickets');
  const pending = usePendingMessages(ticketId);
  const canWrite = ticket.data !== undefined && !ticketWriteBlocked(ticket.data, me.id);
  const { files, accept, drop } = useComposerFiles(ticketId, 'tickets', canWrite);
  const canned = useCannedSuggestions({
    customer: {
      name: ticket.data?.customer.name ?? null,
      phone: ticket.data?.customer.phone ?? null,
    },
    agent: { name: me.name },
  });

  if (ticket.data === undefined)
    return <ConversationUnloaded what="ticket" label="Ticket" query={ticket} />;

  const name = customerLabel(ticket.data.customer);
  const blocked = ticketWriteBlocked(ticket.data, me.id);
  return (
    <section
      className="pane conversation file-drop"
      aria-label={`Ticket of ${name}`}
      data-dragging={drop.dragging || undefined}
      {...drop.handlers}
    >
      <TicketHeader ticket={ticket.data} me={me} start={headerStart} end={headerEnd} />
      {refused ? (
        <p className="conversation__notice" role="status">
          New messages in this ticket can&apos;t be shown live. Reopen it to see the latest.
        </p>
      ) : null}
      <ConversationTimeline
        chatId={ticketId}
        source="tickets"
        label={`Messages with ${name}`}
        meId={me.id}
        pending={pending}
        onRetry={sender.retry}
        onDiscard={sender.discard}
      />
      {blocked ? (
        <p className="composer composer--blocked">
          <LockIcon size={14} />
          {blocked}
        </p>
      ) : (
        <Composer
          chatId={ticketId}
          recipient={name}
          onSend={sender.send}
          files={files}
          accept={accept}
          canned={canned}
        />
      )}
    </section>
  );
}

/** Who the customer is, why this is a ticket, whose it is, and what can be done with it. */
function TicketHeader({
  ticket,
  me,
  start,
  end,
}: {
  ticket: Ticket;
  me: Me;
  start?: ReactNode;
  end?: ReactNode;
}) {
  const name = customerLabel(ticket.customer);
  const owner =
    ticket.assignee === null
      ? 'Nobody yet'
      : ticket.assignee.id === me.id
        ? 'With you'
        : `With ${ticket.assignee.name}`;
  return (
    <header className="conversation__header">
      {start}
      <div className="conversation__who">
        <h2 className="conversation__name">
          {name}
          {ticket.customer.name ? (
            <span className="conversation__phone">{formatPhone(ticket.customer.phone)}</span>
          ) : null}
        </h2>
        <p className="conversation__facts">
          <span className="chat-status">
            <StatusDot tone={ticketStatusTones[ticket.status]} />
            Ticket · {ticketStatusLabels[ticket.status]}
          </span>
          <span>{reasonLabels[ticket.reason]}</span>
          <span title={`Opened ${absoluteTime(ticket.createdAt)}`}>{owner}</span>
          <span title={ticket.channel.name}>{channelLabels[ticket.channel.kind].long}</span>
          <span>{ticket.department.name}</span>
          {ticket.contact ? <span>Contact: {ticket.contact}</span> : null}
        </p>
      </div>
      {/* The actions and the panel button wrap below the name together. */}
      {/* One wrapper whatever the width, so a change of layout never remounts the actions (and
          closes a dialog they hold open); without `end` it takes no room of its own. */}
      <div className={end ? 'conversation__end' : 'conversation__end conversation__end--bare'}>
        <TicketActions ticket={ticket} me={me} />
        {end}
      </div>
    </header>
  );
}
