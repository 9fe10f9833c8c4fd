import type { ReactNode } from 'react';
import { absoluteTime, clockTime } from '../../../ui/time.ts';

type MessageBubbleProps = {
  side: 'in' | 'out';
  text: string;
  at: string;
  /** Shown over the first message of a group written by someone other than me. */
  author?: string | null;
  grouped?: boolean;
  /** Delivery ticks beside a staff message. */
  delivery?: ReactNode;
  /** A line under the bubble: a failure and what to do about it. */
  footer?: ReactNode;
  pending?: boolean;
};

/** Customer messages on the left, staff on the right; the time shows on hover. */
export function MessageBubble({
  side,
  text,
  at,
  author,
  grouped = false,
  delivery,
  footer,
  pending = false,
}: MessageBubbleProps) {
  return (
    <li
      className={`msg msg--${side}`}
      data-grouped={grouped || undefined}
      data-pending={pending || undefined}
    >
      {author ? <span className="msg__author">{author}</span> : null}
      <div className="msg__row">
        <div className="msg__bubble">{text}</div>
        <span className="msg__meta">
          <time className="msg__time" dateTime={at} title={absoluteTime(at)}>
            {clockTime(at)}
          </time>
          {delivery}
        </span>
      </div>
      {footer ? <div className="msg__footer">{footer}</div> : null}
    </li>
  );
}
