import type { HistoryItem } from '@parley/contract';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { HistoryIcon } from '../../../ui/icons.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { useHistory } from '../hooks/useHistory.ts';
import { HistoryRow, TicketHistoryRow } from './HistoryRow.tsx';

type ChatHistoryListProps = {
  customerId: string;
  currentChatId: string | null;
  now: number;
  onOpen: (item: HistoryItem) => void;
};

/**
 * Earlier chats and tickets with the customer, newest first; the conversation open beside the
 * panel is not one.
 */
export function ChatHistoryList({ customerId, currentChatId, now, onOpen }: ChatHistoryListProps) {
  const history = useHistory(customerId);

  if (history.data === undefined) {
    return history.isPending ? (
      <ListSkeleton label="Loading the history" rows={4} lines={2} />
    ) : (
      <ErrorState
        title="Couldn't load the history."
        error={history.error}
        onRetry={() => void history.refetch()}
        retrying={history.isFetching}
      />
    );
  }

  const items = history.data.pages
    .flatMap((page) => page.items)
    .filter((item) => item.id !== currentChatId);

  return (
    <>
      {items.length === 0 && !history.hasNextPage ? (
        <EmptyState
          icon={<HistoryIcon size={20} />}
          title="No earlier conversations."
          description="Every chat and ticket with this customer will be listed here."
        />
      ) : (
        <ul className="history__list" aria-label="Earlier conversations, newest first">
          {items.map((item) =>
            item.kind === 'ticket' ? (
              <TicketHistoryRow key={item.id} item={item} now={now} onOpen={onOpen} />
            ) : (
              <HistoryRow key={item.id} item={item} now={now} current={false} onOpen={onOpen} />
            ),
          )}
        </ul>
      )}
      <LoadMore
        hasMore={history.hasNextPage}
        loading={history.isFetchingNextPage}
        failed={history.isFetchNextPageError}
        error={history.error}
        onLoad={() => void history.fetchNextPage()}
      />
    </>
  );
}

type LoadMoreProps = {
  hasMore: boolean;
  loading: boolean;
  failed: boolean;
  error: unknown;
  onLoad: () => void;
};

export function LoadMore({ hasMore, loading, failed, error, onLoad }: LoadMoreProps) {
  return (
    <>
      {failed ? (
        <ErrorState compact title="Couldn't load more." error={error} onRetry={onLoad} />
      ) : null}
      {hasMore && !failed ? (
        <div className="history__more">
          <Button size="sm" pending={loading} onClick={onLoad}>
            {loading ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      ) : null}
    </>
  );
}
