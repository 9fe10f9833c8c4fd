import type { Me, Ticket, TicketCounts } from '@parley/contract';
import { useId, useRef } from 'react';
import { Link, useLocation } from 'wouter';
import { describeError } from '../../../app/http.ts';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { TicketIcon } from '../../../ui/icons.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { useNow } from '../../../ui/useNow.ts';
import { useVirtualList } from '../../../ui/useVirtualList.ts';
import { useListKeyboard } from '../../chats/index.ts';
import { quickAcceptOutcome, ticketTabs } from '../format.ts';
import type { TicketTab } from '../format.ts';
import { useAcceptOldest, useAcceptTicket } from '../hooks/useTicketActions.ts';
import { useTicketCounts, useTicketList } from '../hooks/useTickets.ts';
import { ticketHref } from '../paths.ts';
import { QuickAccept } from './QuickAccept.tsx';
import { TicketRow } from './TicketRow.tsx';
import '../tickets.css';

type TicketListPaneProps = {
  tab: TicketTab;
  me: Me;
  /** The ticket open in the conversation area, if any. */
  openTicketId: string | null;
};

/** The list column of the Tickets view: three tabs with the server's counts, and quick accept. */
export function TicketListPane({ tab, me, openTicketId }: TicketListPaneProps) {
  const headingId = useId();
  const [, navigate] = useLocation();
  const counts = useTicketCounts();
  const acceptOldest = useAcceptOldest();
  const noDepartments = me.departments.length === 0;

  return (
    <section className="pane chat-list ticket-list" aria-labelledby={headingId}>
      <header className="pane__header">
        <h1 className="pane__title" id={headingId}>
          Tickets
        </h1>
        <QuickAccept
          blocked={noDepartments ? 'You are in no department, so no tickets wait for you.' : null}
          pending={acceptOldest.isPending}
          onAccept={(count) =>
            acceptOldest.mutate(count, {
              onSuccess: ({ items }) => {
                const first = items[0];
                if (first) navigate(ticketHref('assigned', first.id));
              },
            })
          }
        />
      </header>
      <nav className="ticket-tabs" aria-label="Ticket lists">
        {ticketTabs.map((each) => {
          const count = tabCount(counts.data, each.view);
          const active = each.view === tab.view;
          return (
            <Link
              key={each.view}
              href={ticketHref(each.view)}
              className={active ? 'ticket-tabs__tab ticket-tabs__tab--active' : 'ticket-tabs__tab'}
              aria-current={active ? 'page' : undefined}
            >
              {each.label}
              {count !== null ? (
                <span className="ticket-tabs__count">
                  {count}
                  <span className="visually-hidden"> tickets</span>
                </span>
              ) : null}
            </Link>
          );
        })}
      </nav>
      {acceptOldest.isSuccess ? (
        <p className="ticket-list__notice" role="status">
          {quickAcceptOutcome(acceptOldest.variables, acceptOldest.data.items.length)}
        </p>
      ) : null}
      {acceptOldest.isError ? (
        <p className="ticket-list__error" role="alert">
          {describeError(acceptOldest.error)}
        </p>
      ) : null}
      <TicketListBody key={tab.view} tab={tab} me={me} openTicketId={openTicketId} />
    </section>
  );
}

function tabCount(counts: TicketCounts | undefined, view: TicketTab['view']): number | null {
  if (!counts || view === 'closed') return null;
  return counts[view];
}

function TicketListBody({ tab, me, openTicketId }: TicketListPaneProps) {
  const tickets = useTicketList(tab.view);
  const now = useNow();
  const listRef = useRef<HTMLUListElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [, navigate] = useLocation();
  const accept = useAcceptTicket();
  useListKeyboard(listRef);

  const items = tickets.data?.pages.flatMap((page) => page.items) ?? [];
  // Only the rows near the visible window are drawn, however many tickets are loaded.
  const virtual = useVirtualList({
    count: items.length,
    scrollRef,
    estimateSize: 72,
    getItemKey: (index) => items[index]?.id ?? index,
    padding: 6,
    gap: 1,
  });
  const setSize = tickets.hasNextPage ? -1 : items.length;
  const acceptRow = (ticket: Ticket) =>
    accept.mutate(ticket.id, {
      onSuccess: (taken) => navigate(ticketHref('assigned', taken.id)),
    });

  let body;
  if (tickets.isPending) {
    body = <ListSkeleton rows={7} label="Loading tickets" />;
  } else if (tickets.data === undefined) {
    body = (
      <ErrorState
        title="Couldn't load the tickets."
        error={tickets.error}
        onRetry={() => void tickets.refetch()}
        retrying={tickets.isFetching}
      />
    );
  } else if (items.length === 0) {
    body = (
      <EmptyState
        icon={<TicketIcon size={20} />}
        title={tab.empty.title}
        description={tab.empty.description}
      />
    );
  } else {
    body = (
      <>
        {accept.isError ? (
          <p className="ticket-list__error" role="alert">
            {describeError(accept.error)}
          </p>
        ) : null}
        <ul
          className="chat-list__items"
          ref={listRef}
          aria-label={`${tab.label} tickets`}
          style={virtual.style}
        >
          {virtual.rows.map(({ index, key }) => {
            const ticket = items[index]!;
            return (
              <TicketRow
                key={key}
                itemProps={{
                  ref: virtual.measureRef,
                  'data-index': index,
                  'aria-posinset': index + 1,
                  'aria-setsize': setSize,
                }}
                ticket={ticket}
                href={ticketHref(tab.view, ticket.id)}
                open={ticket.id === openTicketId}
                me={me}
                now={now}
                accepting={accept.isPending && accept.variables === ticket.id}
                onAccept={acceptRow}
              />
            );
          })}
        </ul>
        {tickets.hasNextPage ? (
          <div className="chat-list__more">
            <button
              type="button"
              className="button button--ghost button--sm"
              onClick={() => void tickets.fetchNextPage()}
              aria-busy={tickets.isFetchingNextPage || undefined}
            >
              {tickets.isFetchingNextPage ? 'Loading…' : 'Load more tickets'}
            </button>
          </div>
        ) : null}
        {tickets.isFetchNextPageError ? (
          <ErrorState compact title="Couldn't load more tickets." error={tickets.error} />
        ) : null}
      </>
    );
  }

  return (
    <div
      className="pane__body"
      ref={scrollRef}
      onScroll={(event) => {
        // The next page loads as the end nears, as in the chat list.
        const el = event.currentTarget;
        const nearEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 120;
        if (nearEnd && tickets.hasNextPage && !tickets.isFetchingNextPage && !tickets.isError)
          void tickets.fetchNextPage();
      }}
    >
      {body}
    </div>
  );
}
