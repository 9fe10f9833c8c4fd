import type { Reaction } from '@parley/contract';
import { Fragment, useLayoutEffect, useMemo, useRef } from 'react';
import { type Entry, startsAfterEnd } from '../conversation.ts';
import {
  foldReactions,
  isBare,
  isNotice,
  MessageBody,
  messageElementId,
  partsOf,
  ReactionBadges,
} from '../../ui/message/index.ts';
import { absoluteTime, dayLabel, hourMinute, sameDay } from '../../ui/time.ts';

type Props = {
  entries: Entry[];
  ended: boolean;
  greetingName: string | null;
  onRetry: (entry: Entry) => void;
};

/** The messages, the customer's on the right and the team's on the left, newest at the bottom. */
export function Conversation({ entries: all, ended, greetingName, onRetry }: Props) {
  // A reaction shows on the message it is about; only one whose message is not here stands alone.
  const { entries, badges, ids } = useMemo(() => {
    const folded = foldReactions(all);
    return {
      entries: all.filter((entry) => !(entry.id && folded.hidden.has(entry.id))),
      badges: folded.badges,
      ids: new Set(all.flatMap((entry) => (entry.id ? [entry.id] : []))),
    };
  }, [all]);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const last = entries.at(-1);

  // Follow new messages when the reader is at the bottom, and always after they wrote.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && (atBottom.current || last?.direction === 'in')) el.scrollTop = el.scrollHeight;
  }, [entries.length, last?.direction, ended]);

  return (
    <div
      ref={scroller}
      className="conversation"
      tabIndex={0}
      role="region"
      aria-label="Conversation"
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
      }}
    >
      {entries.length === 0 && !ended && (
        <div className="conversation__welcome">
          <p className="conversation__welcome-title">
            {greetingName ? `Hi ${greetingName}!` : 'Hi!'}
          </p>
          <p>Write your message below. Someone from our team will reply here.</p>
        </div>
      )}
      <ol className="messages">
        {entries.map((entry, i) => {
          const previous = entries[i - 1];
          const next = entries[i + 1];
          const newDay = !previous || !sameDay(previous.createdAt, entry.createdAt);
          const afterEnd = startsAfterEnd(entries, i);
          const showName =
            entry.direction === 'out' &&
            (newDay ||
              afterEnd ||
              previous?.direction !== 'out' ||
              previous.authorName !== entry.authorName);
          return (
            <Fragment key={entry.key}>
              {afterEnd && <Divider>Chat ended</Divider>}
              {newDay && <Divider>{dayLabel(entry.createdAt, { style: 'long' })}</Divider>}
              <Message
                entry={entry}
                startsRun={!previous || newDay || afterEnd || !sameRun(previous, entry)}
                showName={showName}
                showTime={!next || !sameRun(entry, next) || startsAfterEnd(entries, i + 1)}
                onRetry={onRetry}
                reactions={(entry.id && badges.get(entry.id)) || []}
                isLoaded={(id) => ids.has(id)}
              />
            </Fragment>
          );
        })}
      </ol>
      {ended && (
        <p className="conversation__ended">Chat ended. Write again any time to start a new one.</p>
      )}
    </div>
  );
}

function Divider({ children }: { children: string }) {
  return (
    <li className="divider">
      <span>{children}</span>
    </li>
  );
}

/** Messages from one side within a few minutes read as one run: one name, one time. */
function sameRun(first: Entry, second: Entry): boolean {
  return (
    first.direction === second.direction &&
    first.authorName === second.authorName &&
    Date.parse(second.createdAt) - Date.parse(first.createdAt) < 5 * 60_000 &&
    sameDay(first.createdAt, second.createdAt)
  );
}

function Message({
  entry,
  startsRun,
  showName,
  showTime,
  onRetry,
  reactions,
  isLoaded,
}: {
  entry: Entry;
  startsRun: boolean;
  showName: boolean;
  showTime: boolean;
  onRetry: (entry: Entry) => void;
  reactions: Reaction[];
  isLoaded: (id: string) => boolean;
}) {
  const mine = entry.direction === 'in';
  const parts = partsOf(
    {
      ...entry,
      // Files on their way show by name until the server's message replaces this one.
      text: [entry.text, ...entry.files.map((file) => `📎 ${file.name}`)]
        .filter(Boolean)
        .join('\n'),
    },
    mine ? 'you' : entry.authorName,
  );
  const elementId = entry.id ? messageElementId(entry.id) : undefined;
  if (isNotice(parts)) {
    return (
      <li className="divider" id={elementId} tabIndex={-1}>
        <span>{parts.content?.kind === 'system' ? parts.content.description : entry.text}</span>
      </li>
    );
  }
  return (
    <li
      id={elementId}
      tabIndex={elementId ? -1 : undefined}
      className={`message ${mine ? 'message--mine' : 'message--theirs'}${startsRun ? ' message--first' : ''}`}
      title={entry.delivery === 'done' ? absoluteTime(entry.createdAt) : undefined}
    >
      {showName && (
        <span className="message__author" aria-hidden="true">
          {entry.authorName}
        </span>
      )}
      <div
        className="message__bubble"
        aria-busy={entry.delivery === 'sending' || undefined}
        data-bare={isBare(parts) || undefined}
      >
        <span className="visually-hidden">{mine ? 'You: ' : `${entry.authorName}: `}</span>
        <MessageBody message={parts} audience="customer" isLoaded={isLoaded} />
      </div>
      <ReactionBadges reactions={reactions} audience="customer" />
      {(entry.delivery !== 'done' || showTime) && (
        <div className="message__meta">
          {entry.delivery === 'sending' && <span>Sending…</span>}
          {entry.delivery === 'failed' && (
            <span className="message__failed">
              <span>Not sent{entry.error ? ` — ${entry.error}` : ''}</span>
              <button type="button" className="link-button" onClick={() => onRetry(entry)}>
                Try again
              </button>
            </span>
          )}
          {entry.delivery === 'done' && (
            <time dateTime={entry.createdAt}>{hourMinute(entry.createdAt)}</time>
          )}
        </div>
      )}
    </li>
  );
}
