import { useId, useState } from 'react';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { InboxIcon } from '../../../ui/icons.tsx';
import type { DeskView } from '../views.ts';
import '../chats.css';

export type ChatSort = 'activity' | 'newest';

/**
 * The list column. Chats are not served yet, so it shows the view's empty state; the list,
 * its skeleton (ui/ListSkeleton) and error (ui/ErrorState) slot in here with features/chats/api.ts.
 */
export function ChatListPane({ view }: { view: DeskView }) {
  const headingId = useId();
  const [sort, setSort] = useState<ChatSort>('activity');

  return (
    <section className="pane chat-list" aria-labelledby={headingId}>
      <header className="pane__header">
        <h1 className="pane__title" id={headingId}>
          {view.label}
        </h1>
        <label className="sort-control">
          <span className="visually-hidden">Sort chats</span>
          <select
            className="sort-control__select"
            value={sort}
            onChange={(event) => setSort(event.target.value as ChatSort)}
          >
            <option value="activity">Newest activity</option>
            <option value="newest">Newest chat</option>
          </select>
        </label>
      </header>
      <div className="pane__body">
        <EmptyState
          icon={<InboxIcon size={20} />}
          title={view.empty.title}
          description={view.empty.description}
        />
      </div>
    </section>
  );
}
