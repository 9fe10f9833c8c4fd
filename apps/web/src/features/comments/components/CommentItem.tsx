import type { Comment } from '@parley/contract';
import { LinkifiedText } from '../../../ui/message/index.ts';
import { absoluteTime, relativeTime } from '../../../ui/time.ts';
import { splitMentions } from '../mentions.ts';
import { initials } from './MentionListbox.tsx';

type CommentItemProps = {
  comment: Comment;
  meId: string | undefined;
  now: number;
  /** The comment a mention's link points to: it takes focus and is marked current. */
  linked?: boolean;
};

export function CommentItem({ comment, meId, now, linked = false }: CommentItemProps) {
  const mine = comment.author !== null && comment.author.id === meId;
  const author = comment.author?.name ?? 'A former colleague';
  return (
    <li
      className="comment"
      data-comment-id={comment.id}
      aria-current={linked ? 'true' : undefined}
      tabIndex={linked ? -1 : undefined}
    >
      <span className="comment__avatar" aria-hidden="true">
        {initials(author)}
      </span>
      <div className="comment__main">
        <p className="comment__head">
          <span className="comment__author">{mine ? `${author} (you)` : author}</span>
          <time
            className="comment__time"
            dateTime={comment.createdAt}
            title={absoluteTime(comment.createdAt)}
          >
            {relativeTime(comment.createdAt, now)}
          </time>
        </p>
        <p className="comment__body">
          {splitMentions(comment.body, comment.mentions).map((part, index) =>
            part.mention ? (
              <span
                key={index}
                className={
                  part.mention.id === meId
                    ? 'comment__mention comment__mention--me'
                    : 'comment__mention'
                }
              >
                {part.text}
              </span>
            ) : (
              <LinkifiedText key={index} text={part.text} />
            ),
          )}
        </p>
      </div>
    </li>
  );
}
