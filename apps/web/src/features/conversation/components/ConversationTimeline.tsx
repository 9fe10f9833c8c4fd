import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { ArrowDownIcon } from '../../../ui/icons.tsx';
import { foldReactions, partsOf } from '../../../ui/message/index.ts';
import { useNow } from '../../../ui/useNow.ts';
import type { ConversationSource } from '../api.ts';
import type { PendingMessage } from '../hooks/useSendMessage.ts';
import { useMessageTarget } from '../hooks/useMessageTarget.ts';
import { useTimeline } from '../hooks/useTimeline.ts';
import { flattenTimeline } from '../timelineCache.ts';
import { buildTimelineRows } from '../timelineRows.ts';
import { ContactAction } from './ContactAction.tsx';
import { DeliveryStatus } from './DeliveryStatus.tsx';
import { EventLine } from './EventLine.tsx';
import { MessageBubble } from './MessageBubble.tsx';
import { RetryFailed } from './RetryFailed.tsx';

const NEAR_BOTTOM_PX = 48;
const NEAR_TOP_PX = 120;

type ConversationTimelineProps = {
  chatId: string;
  label: string;
  meId: string;
  pending: PendingMessage[];
  onRetry: (message: PendingMessage) => void;
  onDiscard: (message: PendingMessage) => void;
  /** A ticket's conversation is read through `/api/tickets`. */
  source?: ConversationSource;
  /** The customer's name, for events about them ("Thandi’s number changed…"). */
  customerName?: string;
};

/**
 * The conversation, oldest at the top. Scrolling to the top loads older pages without moving
 * what is on screen; new messages follow the bottom only when the reader is already there.
 */
export function ConversationTimeline({
  chatId,
  label,
  meId,
  pending,
  onRetry,
  onDiscard,
  source = 'chats',
  customerName,
}: ConversationTimelineProps) {
  const timeline = useTimeline(chatId, source);
  const now = useNow(60_000);
  const loaded = useMemo(() => flattenTimeline(timeline.data), [timeline.data]);
  // A reaction shows on the message it is about; only one whose message is not here stands alone.
  const { items, badges, ids } = useMemo(() => {
    const messages = loaded.filter((item) => item.kind === 'message');
    const folded = foldReactions(messages);
    return {
      items: loaded.filter((item) => item.kind !== 'message' || !folded.hidden.has(item.id)),
      badges: folded.badges,
      ids: new Set(messages.map((message) => message.id)),
    };
  }, [loaded]);
  const isLoaded = (id: string) => ids.has(id);
  // A message the server already has is shown from the server, never twice.
  const known = useMemo(
    () =>
      new Set(
        items.flatMap((item) => (item.kind === 'message' && item.clientId ? [item.clientId] : [])),
      ),
    [items],
  );
  const waiting = pending.filter((message) => !known.has(message.clientId));
  const rows = buildTimelineRows(items, waiting, meId, now);

  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const edges = useRef<{ first: string | null; last: string | null; height: number; top: number }>({
    first: null,
    last: null,
    height: 0,
    top: 0,
  });
  const [newBelow, setNewBelow] = useState(false);

  const firstKey = rows[0]?.key ?? null;
  const lastRow = rows.at(-1);
  const lastKey = lastRow?.key ?? null;
  const lastIsMine = lastRow?.type === 'pending';

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const before = edges.current;
    if (before.first === null) {
      el.scrollTop = el.scrollHeight;
    } else if (firstKey !== before.first && lastKey === before.last) {
      // Older messages went in above: keep the same message under the reader's eyes.
      el.scrollTop = before.top + (el.scrollHeight - before.height);
    } else if (lastKey !== before.last) {
      if (atBottom.current || lastIsMine) {
        el.scrollTop = el.scrollHeight;
        setNewBelow(false);
      } else {
        setNewBelow(true);
      }
    }
    edges.current = { first: firstKey, last: lastKey, height: el.scrollHeight, top: el.scrollTop };
  }, [firstKey, lastKey, lastIsMine]);

  // A short first page leaves nothing to scroll: fill the view from older pages instead.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = timeline;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !hasNextPage || isFetchingNextPage || el.scrollHeight > el.clientHeight) return;
    if (el.clientHeight === 0) return; // not laid out (hidden, or no layout engine)
    void fetchNextPage();
  }, [firstKey, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const loadOlder = () => {
    const el = scrollRef.current;
    if (!timeline.hasNextPage || timeline.isFetchingNextPage || !el) return;
    edges.current = { ...edges.current, height: el.scrollHeight, top: el.scrollTop };
    void timeline.fetchNextPage();
  };

  // A search result opens the conversation at its message.
  useMessageTarget({
    container: scrollRef,
    rowIds: rows.map((row) => (row.type === 'message' ? row.message.id : null)),
    hasOlder: hasNextPage,
    loadingOlder: isFetchingNextPage,
    loadOlder,
  });

  const scrollToBottom = () => {
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setNewBelow(false);
  };

  if (timeline.isPending) {
    return (
      <div
        className="timeline timeline--loading"
        role="status"
        aria-label="Loading the conversation"
      >
        <span className="skeleton skeleton--bubble" style={{ width: '46%' }} />
        <span className="skeleton skeleton--bubble skeleton--out" style={{ width: '38%' }} />
        <span className="skeleton skeleton--bubble" style={{ width: '54%' }} />
      </div>
    );
  }
  if (timeline.data === undefined) {
    return (
      <div className="timeline">
        <ErrorState
          title="Couldn't load the conversation."
          error={timeline.error}
          onRetry={() => void timeline.refetch()}
          retrying={timeline.isFetching}
        />
      </div>
    );
  }

  return (
    <div className="timeline-frame">
      <div
        className="timeline"
        ref={scrollRef}
        role="log"
        aria-label={label}
        tabIndex={0}
        onScroll={(event) => {
          const el = event.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
          if (atBottom.current && newBelow) setNewBelow(false);
          if (el.scrollTop < NEAR_TOP_PX) loadOlder();
        }}
      >
        {timeline.hasNextPage ? (
          <div className="timeline__older">
            <Button
              variant="ghost"
              size="sm"
              onClick={loadOlder}
              pending={timeline.isFetchingNextPage}
            >
              {timeline.isFetchingNextPage ? 'Loading earlier messages…' : 'Load earlier messages'}
            </Button>
          </div>
        ) : null}
        {timeline.isFetchNextPageError ? (
          <ErrorState compact title="Couldn't load earlier messages." error={timeline.error} />
        ) : null}
        {rows.length === 0 ? <p className="timeline__empty">No messages yet.</p> : null}
        <ol className="timeline__items">
          {rows.map((row) => {
            switch (row.type) {
              case 'gap':
                return (
                  <li key={row.key} className="timeline__gap">
                    {row.label}
                  </li>
                );
              case 'event':
                return <EventLine key={row.key} event={row.event} customerName={customerName} />;
              case 'message': {
                const { message } = row;
                return (
                  <MessageBubble
                    key={row.key}
                    side={message.direction}
                    message={partsOf(message, message.author.name)}
                    reactions={badges.get(message.id)}
                    isLoaded={isLoaded}
                    contactAction={(contact) => <ContactAction contact={contact} />}
                    at={message.createdAt}
                    author={row.author}
                    grouped={row.grouped}
                    delivery={
                      message.direction === 'out' && message.status !== 'failed' ? (
                        <DeliveryStatus status={message.status} />
                      ) : null
                    }
                    footer={
                      message.status === 'failed' ? (
                        <span className="msg__failed">
                          <DeliveryStatus status="failed" failureReason={message.failureReason} />
                          {message.direction === 'out' ? (
                            <RetryFailed chatId={chatId} messageId={message.id} />
                          ) : null}
                        </span>
                      ) : null
                    }
                  />
                );
              }
              case 'pending': {
                const { pending: message } = row;
                const at = new Date(message.submittedAt).toISOString();
                return (
                  <MessageBubble
                    key={row.key}
                    side="out"
                    message={pendingParts(message)}
                    at={at}
                    grouped={row.grouped}
                    pending
                    delivery={
                      message.state === 'sending' ? <DeliveryStatus status="sending" /> : null
                    }
                    footer={
                      message.state === 'failed' ? (
                        <span className="msg__failed" role="alert">
                          Not sent: {describeError(message.error)}
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => onRetry(message)}
                          >
                            Retry
                          </button>
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => onDiscard(message)}
                          >
                            Discard
                          </button>
                        </span>
                      ) : null
                    }
                  />
                );
              }
            }
          })}
        </ol>
      </div>
      {newBelow ? (
        <button type="button" className="timeline__new" onClick={scrollToBottom}>
          New messages <ArrowDownIcon size={14} />
        </button>
      ) : null}
    </div>
  );
}

/** A message on its way: its words, and the names of the files going with it. */
function pendingParts(message: PendingMessage) {
  const files = message.files.map((file) => `📎 ${file.name}`);
  return partsOf(
    {
      id: null,
      direction: 'out',
      text: [message.text, ...files].filter(Boolean).join('\n'),
      content: null,
      attachments: [],
      context: null,
      reactions: [],
      editedAt: null,
      originalText: null,
      revokedAt: null,
    },
    '',
  );
}
