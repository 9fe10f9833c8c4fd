import { Fragment, useLayoutEffect, useRef } from 'react';
import { type Entry, startsAfterEnd } from '../conversation.ts';
import { absoluteTime, dayLabel, hourMinute, sameDay } from '../../ui/time.ts';

type Props = {
  entries: Entry[];
  ended: boolean;
  greetingName: string | null;
  onRetry: (entry: Entry) => void;
};

/** The messages, the customer's on the right and the team's on the left, newest at the bottom. */
export function Conversation({ entries, ended, greetingName, onRetry }: Props) {
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
}: {
  entry: Entry;
  startsRun: boolean;
  showName: boolean;
  showTime: boolean;
  onRetry: (entry: Entry) => void;
}) {
  const mine = entry.direction === 'in';
  return (
    <li
      className={`message ${mine ? 'message--mine' : 'message--theirs'}${startsRun ? ' message--first' : ''}`}
      title={entry.delivery === 'done' ? absoluteTime(entry.createdAt) : undefined}
    >
      {showName && (
        <span className="message__author" aria-hidden="true">
          {entry.authorName}
        </span>
      )}
      <div className="message__bubble" aria-busy={entry.delivery === 'sending' || undefined}>
        <span className="visually-hidden">{mine ? 'You: ' : `${entry.authorName}: `}</span>
        {entry.text}
      </div>
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
