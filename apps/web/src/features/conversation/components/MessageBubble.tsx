import type { ContactCard, Reaction } from '@parley/contract';
import type { ReactNode } from 'react';
import {
  isBare,
  isNotice,
  MessageBody,
  messageElementId,
  ReactionBadges,
} from '../../../ui/message/index.ts';
import type { MessageParts } from '../../../ui/message/index.ts';
import { absoluteTime, clockTime } from '../../../ui/time.ts';

type MessageBubbleProps = {
  side: 'in' | 'out';
  /** The message as it is stored; a message still on its way has only its text. */
  message: MessageParts;
  at: string;
  /** Shown over the first message of a group written by someone other than me. */
  author?: string | null;
  grouped?: boolean;
  /** Delivery ticks beside a staff message. */
  delivery?: ReactNode;
  /** A line under the bubble: a failure and what to do about it. */
  footer?: ReactNode;
  pending?: boolean;
  reactions?: Reaction[];
  isLoaded?: (id: string) => boolean;
  contactAction?: (contact: ContactCard) => ReactNode;
};

/** Customer messages on the left, staff on the right; each with its time, the full date on hover. */
export function MessageBubble({
  side,
  message,
  at,
  author,
  grouped = false,
  delivery,
  footer,
  pending = false,
  reactions = [],
  isLoaded,
  contactAction,
}: MessageBubbleProps) {
  const elementId = message.id ? messageElementId(message.id) : undefined;
  if (isNotice(message)) {
    return (
      <li className="event-line" id={elementId} tabIndex={elementId ? -1 : undefined}>
        <span className="event-line__text">
          {message.content?.kind === 'system' ? message.content.description : message.text} ·{' '}
          <time dateTime={at} title={absoluteTime(at)}>
            {clockTime(at)}
          </time>
        </span>
      </li>
    );
  }
  return (
    <li
      className={`msg msg--${side}`}
      id={elementId}
      tabIndex={elementId ? -1 : undefined}
      data-grouped={grouped || undefined}
      data-pending={pending || undefined}
    >
      {author ? <span className="msg__author">{author}</span> : null}
      <div className="msg__row">
        <div className="msg__bubble" data-bare={isBare(message) || undefined}>
          <MessageBody
            message={message}
            audience="staff"
            isLoaded={isLoaded}
            contactAction={contactAction}
          />
        </div>
        <span className="msg__meta">
          <time className="msg__time" dateTime={at} title={absoluteTime(at)}>
            {clockTime(at)}
          </time>
          {delivery}
        </span>
      </div>
      <ReactionBadges reactions={reactions} audience="staff" />
      {footer ? <div className="msg__footer">{footer}</div> : null}
    </li>
  );
}
