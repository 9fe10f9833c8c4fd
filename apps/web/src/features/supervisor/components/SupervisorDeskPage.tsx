import type { Chat } from '@parley/contract';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useLocation, useSearch } from 'wouter';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { InboxIcon } from '../../../ui/icons.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { useNow } from '../../../ui/useNow.ts';
import { fetchStaff, staffQueryKey } from '../../staff/index.ts';
import { readFilters, withFilters } from '../filters.ts';
import type { DeskFilters } from '../filters.ts';
import { useSupervisorDesk } from '../hooks/useSupervisorDesk.ts';
import { DepartmentTiles } from './DepartmentTiles.tsx';
import { DeskChatsTable } from './DeskChatsTable.tsx';
import { DeskFilterBar } from './DeskFilterBar.tsx';
import { DeskTeam } from './DeskTeam.tsx';
import '../supervisor.css';

/** Waiting times count whole minutes; a few seconds' tick keeps them honest without churn. */
const TICK_MS = 5_000;

/** The filters in the page's URL, and a way to change them that keeps history clean. */
export function useDeskFilters(): [DeskFilters, (next: DeskFilters) => void] {
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = readFilters(search);
  return [filters, (next) => navigate(withFilters('/supervisor', next), { replace: true })];
}

/** Everyone who can hold a chat, by name, for the Agent filter. */
function useAgentOptions() {
  const staff = useQuery({
    queryKey: staffQueryKey,
    queryFn: ({ signal }) => fetchStaff({ signal }),
    staleTime: Infinity,
  });
  return (staff.data ?? [])
    .map((person) => ({ id: person.id, name: person.name }))
    .sort((first, second) => first.name.localeCompare(second.name));
}

/**
 * The Supervisor desk: each department's queue at a glance, every open chat that matches the
 * filters (longest waiting first) and the team's load, all kept live by realtime frames.
 */
export function SupervisorDeskPage() {
  const headingId = useId();
  const [filters, setFilters] = useDeskFilters();
  const desk = useSupervisorDesk(filters);
  const agents = useAgentOptions();
  const now = useNow(TICK_MS);
  const [, navigate] = useLocation();
  const hrefFor = (chat: Chat) => withFilters(`/supervisor/${chat.id}`, filters);

  let chats;
  if (desk.isPending) {
    chats = <ListSkeleton rows={6} lines={1} label="Loading the desk" />;
  } else if (desk.data === undefined) {
    chats = (
      <ErrorState
        title="Couldn't load the supervisor desk."
        error={desk.error}
        onRetry={() => void desk.refetch()}
        retrying={desk.isFetching}
      />
    );
  } else if (desk.data.chats.length === 0) {
    chats = (
      <EmptyState
        icon={<InboxIcon size={20} />}
        title="Nobody is waiting."
        description="0 chats match these filters. Queued, live and pending chats appear here as they arrive."
      />
    );
  } else {
    chats = (
      <>
        {desk.data.truncated ? (
          <p className="sup-note" role="status">
            Showing the {desk.data.chats.length} longest-waiting chats. Narrow the filters to see
            the rest.
          </p>
        ) : null}
        <DeskChatsTable
          chats={desk.data.chats}
          now={now}
          hrefFor={hrefFor}
          onOpen={(chat) => navigate(hrefFor(chat))}
        />
      </>
    );
  }

  return (
    <section className="sup-page" aria-labelledby={headingId}>
      <header className="sup-page__header">
        <h1 className="sup-page__title" id={headingId}>
          Supervisor desk
        </h1>
        {desk.data && desk.isError ? (
          <span className="sup-page__stale" role="status">
            Couldn&apos;t refresh; showing the last known state.
          </span>
        ) : null}
      </header>
      {desk.data ? <DepartmentTiles departments={desk.data.departments} now={now} /> : null}
      <DeskFilterBar
        filters={filters}
        departments={desk.data?.departments ?? []}
        agents={agents}
        onChange={setFilters}
      />
      <div className="sup-page__body">
        <section className="sup-chats" aria-label="Chats" aria-busy={desk.isFetching || undefined}>
          {chats}
        </section>
        {desk.data ? <DeskTeam team={desk.data.team} /> : null}
      </div>
    </section>
  );
}
