import {
  type CustomerTimelineItem,
  type HistoryItem,
  type CustomerTimelineKind,
  customerTimelineKinds,
} from '@parley/contract';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { HistoryIcon } from '../../../ui/icons.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { useCustomerTimeline } from '../hooks/useHistory.ts';
import { LoadMore } from './ChatHistoryList.tsx';
import { HistoryRow, TicketHistoryRow } from './HistoryRow.tsx';
import { NoteEntry, ProfileEntry } from './TimelineEntries.tsx';

const kindLabels: Record<CustomerTimelineKind, string> = {
  chat: 'Chats',
  note: 'Notes',
  profile: 'Profile changes',
};

type CustomerTimelineViewProps = {
  customerId: string;
  currentChatId: string | null;
  now: number;
  kinds: CustomerTimelineKind[];
  onKindsChange: (kinds: CustomerTimelineKind[]) => void;
  onOpen: (item: HistoryItem) => void;
};

/** The customer's whole story on one line of time: chats, notes and profile changes. */
export function CustomerTimelineView({
  customerId,
  currentChatId,
  now,
  kinds,
  onKindsChange,
  onOpen,
}: CustomerTimelineViewProps) {
  const timeline = useCustomerTimeline(customerId, kinds);
  const toggle = (kind: CustomerTimelineKind, on: boolean) =>
    onKindsChange(
      customerTimelineKinds.filter((each) => (each === kind ? on : kinds.includes(each))),
    );

  return (
    <>
      <fieldset className="history__kinds">
        <legend className="visually-hidden">Show on the timeline</legend>
        {customerTimelineKinds.map((kind) => (
          <label key={kind} className="chip">
            <input
              type="checkbox"
              checked={kinds.includes(kind)}
              onChange={(event) => toggle(kind, event.currentTarget.checked)}
            />
            <span>{kindLabels[kind]}</span>
          </label>
        ))}
      </fieldset>
      {kinds.length === 0 ? (
        <EmptyState
          icon={<HistoryIcon size={20} />}
          title="Nothing selected."
          description="Choose chats, notes or profile changes to see them here."
        />
      ) : timeline.data === undefined ? (
        timeline.isPending ? (
          <ListSkeleton label="Loading the timeline" rows={4} lines={2} />
        ) : (
          <ErrorState
            title="Couldn't load the timeline."
            error={timeline.error}
            onRetry={() => void timeline.refetch()}
            retrying={timeline.isFetching}
          />
        )
      ) : (
        <TimelineItems
          items={timeline.data.pages.flatMap((page) => page.items)}
          currentChatId={currentChatId}
          now={now}
          onOpen={onOpen}
        />
      )}
      {kinds.length > 0 && timeline.data !== undefined ? (
        <LoadMore
          hasMore={timeline.hasNextPage}
          loading={timeline.isFetchingNextPage}
          failed={timeline.isFetchNextPageError}
          error={timeline.error}
          onLoad={() => void timeline.fetchNextPage()}
        />
      ) : null}
    </>
  );
}

function TimelineItems({
  items,
  currentChatId,
  now,
  onOpen,
}: {
  items: CustomerTimelineItem[];
  currentChatId: string | null;
  now: number;
  onOpen: (item: HistoryItem) => void;
}) {
  if (items.length === 0)
    return (
      <EmptyState
        icon={<HistoryIcon size={20} />}
        title="Nothing here yet."
        description="Chats, notes and profile changes for this customer will appear here, newest first."
      />
    );
  return (
    <ul className="history__list" aria-label="Customer timeline, newest first">
      {items.map((item) => {
        switch (item.kind) {
          case 'chat':
            return (
              <HistoryRow
                key={`chat:${item.id}`}
                item={item}
                now={now}
                current={item.id === currentChatId}
                onOpen={onOpen}
              />
            );
          case 'ticket':
            return (
              <TicketHistoryRow
                key={`ticket:${item.id}`}
                item={item}
                now={now}
                current={item.id === currentChatId}
                onOpen={onOpen}
              />
            );
          case 'note':
            return <NoteEntry key={`note:${item.id}`} note={item} now={now} />;
          case 'profile':
            return <ProfileEntry key={`profile:${item.id}`} change={item} now={now} />;
        }
      })}
    </ul>
  );
}
