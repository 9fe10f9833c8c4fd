import type { Comment } from '@parley/contract';
import { absoluteTime, relativeTime } from '../../../ui/time.ts';
import { splitMentions } from '../mentions.ts';
import { initials } from './MentionListbox.tsx';

type CommentItemProps = { comment: Comment; meId: string | undefined; now: number };

export function CommentItem({ comment, meId, now }: CommentItemProps) {
  const mine = comment.author !== null && comment.author.id === meId;
  const author = comment.author?.name ?? 'A former colleague';
  return (
    <li className="comment">
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
              part.text
            ),
          )}
        </p>
      </div>
    </li>
  );
}
