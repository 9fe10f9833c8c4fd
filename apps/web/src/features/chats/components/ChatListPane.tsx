import { canSupervise } from '@parley/contract';
import type { Me } from '@parley/contract';
import { useId, useRef, useState } from 'react';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { InboxIcon } from '../../../ui/icons.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { useNow } from '../../../ui/useNow.ts';
import { useVirtualList } from '../../../ui/useVirtualList.ts';
import type { ChatSort } from '../api.ts';
import { useChatList } from '../hooks/useChatList.ts';
import { useListKeyboard } from '../hooks/useListKeyboard.ts';
import { useSeenChats } from '../hooks/useSeenChats.ts';
import { chatMarker } from '../seen.ts';
import type { DeskView } from '../views.ts';
import { ChatRow } from './ChatRow.tsx';
import '../chats.css';

const SORT_KEY = 'parley.chatSort';

function readSort(): ChatSort {
  try {
    return localStorage.getItem(SORT_KEY) === 'newest' ? 'newest' : 'activity';
  } catch {
    return 'activity';
  }
}

type ChatListPaneProps = {
  view: DeskView;
  me: Me;
  /** The chat open in the conversation, if any. */
  openChatId: string | null;
};

/** The list column: the view's chats, newest first, kept current by realtime frames. */
export function ChatListPane({ view, me, openChatId }: ChatListPaneProps) {
  const headingId = useId();
  const [chosenSort, setSort] = useState<ChatSort>(readSort);
  const listView = view.list;
  // The queue is always longest waiting first: the order routing serves it.
  const inQueue = listView === 'queue';
  const sort: ChatSort = inQueue ? 'waiting' : chosenSort;
  const chats = useChatList(listView, sort);
  const { state: seen } = useSeenChats(me.id);
  // The queue's waiting clocks tick each second; other lists' "2 m" twice a minute.
  const now = useNow(inQueue ? 1000 : 30_000);
  const listRef = useRef<HTMLUListElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  useListKeyboard(listRef);

  const changeSort = (next: ChatSort) => {
    setSort(next);
    try {
      localStorage.setItem(SORT_KEY, next);
    } catch {
      // The choice then lasts for this page only.
    }
  };

  const items = chats.data?.pages.flatMap((page) => page.items) ?? [];
  // Only the rows near the visible window are drawn, so ten thousand chats scroll as smoothly as ten.
  const virtual = useVirtualList({
    count: items.length,
    scrollRef,
    estimateSize: 62,
    getItemKey: (index) => items[index]?.id ?? index,
    padding: 6,
    gap: 1,
  });
  // Screen readers hear "3 of 120" although most rows are not drawn; -1 while more can load.
  const setSize = chats.hasNextPage ? -1 : items.length;
  // Tagged chats are colleagues' chats: say whose.
  const showOwner = view.id === 'tagged' || (view.id === 'closed' && canSupervise(me.role));
  const showStatus = listView === 'all' || listView === 'flagged';

  let body;
  if (!listView) {
    body = <ViewEmpty view={view} />;
  } else if (chats.isPending) {
    body = <ListSkeleton rows={7} label="Loading chats" />;
  } else if (chats.data === undefined) {
    // A failed refresh keeps the chats on screen; only a first load without data shows this.
    body = (
      <ErrorState
        title="Couldn't load the chats."
        error={chats.error}
        onRetry={() => void chats.refetch()}
        retrying={chats.isFetching}
      />
    );
  } else if (items.length === 0) {
    body = <ViewEmpty view={view} />;
  } else {
    body = (
      <>
        <ul
          className="chat-list__items"
          ref={listRef}
          aria-labelledby={headingId}
          style={virtual.style}
        >
          {virtual.rows.map(({ index, key }) => {
            const chat = items[index]!;
            return (
              <ChatRow
                key={key}
                itemProps={{
                  ref: virtual.measureRef,
                  'data-index': index,
                  'aria-posinset': index + 1,
                  'aria-setsize': setSize,
                }}
                chat={chat}
                href={`${view.path}/${chat.id}`}
                open={chat.id === openChatId}
                marker={chatMarker(chat, seen, me.id, openChatId)}
                meId={me.id}
                now={now}
                showOwner={showOwner}
                showStatus={showStatus}
                waitingFrom={inQueue ? (chat.queuedAt ?? chat.createdAt) : null}
              />
            );
          })}
        </ul>
        {chats.hasNextPage ? (
          <div className="chat-list__more">
            <button
              type="button"
              className="button button--ghost button--sm"
              onClick={() => void chats.fetchNextPage()}
              aria-busy={chats.isFetchingNextPage || undefined}
            >
              {chats.isFetchingNextPage ? 'Loading…' : 'Load more chats'}
            </button>
          </div>
        ) : null}
        {chats.isFetchNextPageError ? (
          <ErrorState compact title="Couldn't load more chats." error={chats.error} />
        ) : null}
      </>
    );
  }

  return (
    <section className="pane chat-list" aria-labelledby={headingId}>
      <header className="pane__header">
        <h1 className="pane__title" id={headingId}>
          {view.label}
        </h1>
        {inQueue ? (
          <p className="chat-list__order">Longest waiting first</p>
        ) : view.list ? (
          <div className="chat-list__controls">
            <label className="sort-control">
              <span className="visually-hidden">Sort chats</span>
              <select
                className="sort-control__select"
                value={sort}
                onChange={(event) => changeSort(event.target.value as ChatSort)}
              >
                <option value="activity">Newest activity</option>
                <option value="newest">Newest chat</option>
              </select>
            </label>
          </div>
        ) : null}
      </header>
      <div
        className="pane__body"
        ref={scrollRef}
        onScroll={(event) => {
          const el = event.currentTarget;
          const nearEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 120;
          if (nearEnd && chats.hasNextPage && !chats.isFetchingNextPage && !chats.isError)
            void chats.fetchNextPage();
        }}
      >
        {body}
      </div>
    </section>
  );
}

function ViewEmpty({ view }: { view: DeskView }) {
  return (
    <EmptyState
      icon={<InboxIcon size={20} />}
      title={view.empty.title}
      description={view.empty.description}
    />
  );
}
