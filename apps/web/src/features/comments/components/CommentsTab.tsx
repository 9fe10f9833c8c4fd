import { typingLine, useTypists } from '../../../app/realtime/index.ts';
import type { ChatStatus, Me } from '@parley/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { isApiError } from '../../../app/http.ts';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { AtIcon, LockIcon } from '../../../ui/icons.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { useNow } from '../../../ui/useNow.ts';
import { meQueryKey } from '../../auth/index.ts';
import { useComments } from '../hooks/useComments.ts';
import { CommentComposer } from './CommentComposer.tsx';
import { CommentItem } from './CommentItem.tsx';
import '../comments.css';

type CommentsTabProps = {
  chatId: string;
  /** The chat's status as the desk knows it now; a closed chat has no comments left. */
  chatStatus: ChatStatus;
  /** The signed-in person; read from the session when not given. */
  meId?: string;
  /** A comment to bring into view and highlight (a mention's link), if it is still there. */
  highlightId?: string | null;
};

/**
 * Staff-only comments on an open chat: tinted and locked so they never pass for a reply. They
 * update live and vanish when the chat closes.
 */
export function CommentsTab({ chatId, chatStatus, meId, highlightId = null }: CommentsTabProps) {
  const queryClient = useQueryClient();
  const me = meId ?? queryClient.getQueryData<Me | null>(meQueryKey)?.id;
  const closedChat = chatStatus === 'closed';
  const comments = useComments(chatId, !closedChat);

  if (closedChat || comments.data?.closed) return <ClosedNote />;

  return (
    <section className="comments" aria-label="Comments, only staff can see these">
      <p className="comments__banner">
        <LockIcon size={14} className="comments__lock" />
        <span>
          <strong className="comments__banner-title">Only staff can see this</strong>
          <span className="comments__banner-meta"> · deleted at close</span>
        </span>
      </p>
      <CommentsBody chatId={chatId} meId={me} comments={comments} highlightId={highlightId} />
    </section>
  );
}

function ClosedNote() {
  return (
    <section className="comments comments--closed" aria-label="Comments">
      <p className="comments__closed" role="status">
        <LockIcon size={14} className="comments__lock" />
        This chat is closed. Its comments were deleted.
      </p>
    </section>
  );
}

type CommentsBodyProps = {
  chatId: string;
  meId: string | undefined;
  comments: ReturnType<typeof useComments>;
  highlightId: string | null;
};

/** How long a linked comment stays tinted (`comment--linked`); it keeps `aria-current` after. */
export const HIGHLIGHT_MS = 4000;

function CommentsBody({ chatId, meId, comments, highlightId }: CommentsBodyProps) {
  const now = useNow();
  const scroller = useRef<HTMLDivElement>(null);
  const items = comments.data?.items ?? [];
  const count = items.length;
  const typists = useTypists(chatId, true, meId);
  const loaded = comments.data !== undefined;
  const linked = highlightId !== null && items.some((comment) => comment.id === highlightId);

  // The newest comment is at the bottom, by the composer: keep it in view as comments arrive.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count]);

  // A mention's link: the comment scrolls into view and takes focus, highlighted for a moment.
  useEffect(() => {
    if (!linked || highlightId === null) return;
    const el = [
      ...(scroller.current?.querySelectorAll<HTMLElement>('[data-comment-id]') ?? []),
    ].find((item) => item.dataset.commentId === highlightId);
    if (!el) return;
    el.scrollIntoView?.({ block: 'center' });
    el.focus({ preventScroll: true });
    el.classList.add('comment--linked');
    const timer = setTimeout(() => el.classList.remove('comment--linked'), HIGHLIGHT_MS);
    return () => {
      clearTimeout(timer);
      el.classList.remove('comment--linked');
    };
  }, [linked, highlightId]);

  if (comments.data === undefined) {
    if (comments.isPending) return <ListSkeleton rows={3} label="Loading comments" />;
    const error = comments.error;
    if (isApiError(error, 403) || isApiError(error, 404)) {
      return (
        <EmptyState
          icon={<LockIcon size={20} />}
          title="You can't see this chat's comments."
          description="Only the chat's agent, colleagues tagged in it and supervisors read and write them."
        />
      );
    }
    return (
      <ErrorState
        title="Couldn't load the comments."
        error={error}
        onRetry={() => void comments.refetch()}
        retrying={comments.isFetching}
      />
    );
  }

  return (
    <>
      {highlightId !== null && loaded && !linked ? (
        <p className="comments__gone" role="status">
          The comment you were tagged in is no longer here.
        </p>
      ) : null}
      <div className="comments__scroller" ref={scroller}>
        {count === 0 ? (
          <EmptyState
            icon={<AtIcon size={20} />}
            title="No comments yet."
            description="Tag a colleague with @ to ask for help — the customer never sees comments."
          />
        ) : (
          <div role="log" aria-label="Comments, oldest first">
            <ol className="comments__list">
              {items.map((comment) => (
                <CommentItem
                  key={comment.id}
                  comment={comment}
                  meId={meId}
                  now={now}
                  linked={comment.id === highlightId}
                />
              ))}
            </ol>
          </div>
        )}
      </div>
      <p className="comments__typing" role="status">
        {typingLine(typists, '', ' a comment')}
      </p>
      <CommentComposer chatId={chatId} meId={meId} />
    </>
  );
}
