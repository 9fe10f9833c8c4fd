import type { CannedReply, Me } from '@parley/contract';
import { useEffect, useState } from 'react';
import { describeError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { DisabledWithReason } from '../../../ui/DisabledWithReason.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { matchCannedReplies } from '../cannedMatch.ts';
import { useCannedReplies, useDeleteCannedReply } from '../hooks/useCannedReplies.ts';
import { CannedReplySheet } from './CannedReplySheet.tsx';
import '../canned-replies.css';

export const sharedOnlyReason = 'Only supervisors and admins change shared replies';

type Editing = { reply: CannedReply | null } | null;

/** Everyone's page for canned replies: their own to keep, the shared ones to read (or keep). */
export function CannedRepliesPage({ me }: { me: Me }) {
  const replies = useCannedReplies();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<CannedReply | null>(null);
  const canShare = me.role !== 'agent';

  useEffect(() => {
    document.title = 'Canned replies · Parley';
  }, []);

  const shown = replies.data
    ? search.trim()
      ? matchCannedReplies(replies.data, search, Infinity)
      : [...replies.data].sort((a, b) => a.title.localeCompare(b.title))
    : [];
  const mine = shown.filter((reply) => !reply.shared);
  const shared = shown.filter((reply) => reply.shared);

  const list = (items: CannedReply[], label: string) => (
    <ul className="canned-list" aria-label={label}>
      {items.map((reply) => (
        <CannedReplyItem
          key={reply.id}
          reply={reply}
          onEdit={() => setEditing({ reply })}
          onDelete={() => setDeleting(reply)}
        />
      ))}
    </ul>
  );

  return (
    <div className="canned-page">
      <header className="canned-page__header">
        <div>
          <h1 className="canned-page__title">Canned replies</h1>
          <p className="canned-page__description">
            Saved answers. Type <kbd className="kbd">/</kbd> at the start of a reply to insert one;{' '}
            <code>{'{{customer.firstName}}'}</code> and <code>{'{{agent.firstName}}'}</code> are
            filled in for the chat.
          </p>
        </div>
        <Button variant="primary" onClick={() => setEditing({ reply: null })}>
          New reply
        </Button>
      </header>
      {replies.isPending ? (
        <ListSkeleton label="Loading canned replies" rows={5} />
      ) : replies.isError ? (
        <ErrorState
          title="Couldn't load the canned replies."
          error={replies.error}
          onRetry={() => void replies.refetch()}
          retrying={replies.isFetching}
        />
      ) : replies.data.length === 0 ? (
        <EmptyState
          title="No canned replies yet."
          description="Save the answers you give often, such as a greeting or how refunds work, and insert them with / in any chat."
        >
          <Button variant="primary" onClick={() => setEditing({ reply: null })}>
            New reply
          </Button>
        </EmptyState>
      ) : (
        <>
          <div className="field canned-page__search">
            <label className="visually-hidden" htmlFor="canned-search">
              Find a canned reply
            </label>
            <input
              id="canned-search"
              className="input"
              type="search"
              placeholder="Find by title, text or shortcut"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          </div>
          {shown.length === 0 ? (
            <EmptyState title={`No canned reply matches “${search.trim()}”.`} />
          ) : null}
          {mine.length > 0 ? (
            <section aria-labelledby="canned-mine">
              <h2 id="canned-mine" className="canned-page__section">
                Mine · {mine.length}
              </h2>
              {list(mine, 'My replies')}
            </section>
          ) : null}
          {shared.length > 0 ? (
            <section aria-labelledby="canned-shared">
              <h2 id="canned-shared" className="canned-page__section">
                Shared · {shared.length}
              </h2>
              {canShare ? null : (
                <p className="canned-page__note">Everyone can use these. {sharedOnlyReason}.</p>
              )}
              {list(shared, 'Shared replies')}
            </section>
          ) : null}
        </>
      )}
      <CannedReplySheet
        open={editing !== null}
        reply={editing?.reply ?? null}
        canShare={canShare}
        onClose={() => setEditing(null)}
      />
      <DeleteCannedReplyDialog reply={deleting} onClose={() => setDeleting(null)} />
    </div>
  );
}

function CannedReplyItem({
  reply,
  onEdit,
  onDelete,
}: {
  reply: CannedReply;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const edit = (
    <Button size="sm" variant="ghost" aria-label={`Edit ${reply.title}`} onClick={onEdit}>
      Edit
    </Button>
  );
  const remove = (
    <Button size="sm" variant="ghost" aria-label={`Delete ${reply.title}`} onClick={onDelete}>
      Delete
    </Button>
  );
  return (
    <li className="canned-item">
      <div className="canned-item__head">
        <h3 className="canned-item__title">{reply.title}</h3>
        {reply.shortcut ? <span className="canned-item__shortcut">/{reply.shortcut}</span> : null}
      </div>
      <p className="canned-item__body">{reply.body}</p>
      <div className="canned-item__actions">
        {reply.canEdit ? (
          <>
            {edit}
            {remove}
          </>
        ) : (
          <>
            <DisabledWithReason reason={sharedOnlyReason}>
              <Button size="sm" variant="ghost" aria-label={`Edit ${reply.title}`} disabled>
                Edit
              </Button>
            </DisabledWithReason>
            <DisabledWithReason reason={sharedOnlyReason}>
              <Button size="sm" variant="ghost" aria-label={`Delete ${reply.title}`} disabled>
                Delete
              </Button>
            </DisabledWithReason>
          </>
        )}
      </div>
    </li>
  );
}

function DeleteCannedReplyDialog({
  reply,
  onClose,
}: {
  reply: CannedReply | null;
  onClose: () => void;
}) {
  const remove = useDeleteCannedReply();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={reply !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title={`Delete “${reply?.title ?? ''}”?`}
      description={
        reply?.shared
          ? 'Nobody will be offered this shared reply any more.'
          : 'You will no longer be offered this reply.'
      }
      confirmLabel="Delete reply"
      pending={remove.isPending}
      error={remove.isError ? describeError(remove.error) : null}
      onConfirm={() => reply && remove.mutate(reply.id, { onSuccess: close })}
    />
  );
}
