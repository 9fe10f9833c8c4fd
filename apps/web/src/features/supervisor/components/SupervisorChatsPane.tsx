import type { Chat } from '@parley/contract';
import { useId, useRef } from 'react';
import { Link } from 'wouter';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { FlagIcon, InboxIcon } from '../../../ui/icons.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { useNow } from '../../../ui/useNow.ts';
import { customerLabel, statusLabels, useListKeyboard } from '../../chats/index.ts';
import { withFilters } from '../filters.ts';
import { useSupervisorDesk } from '../hooks/useSupervisorDesk.ts';
import { customerWaitingSince, waitDuration } from '../waiting.ts';
import { useDeskFilters } from './SupervisorDeskPage.tsx';
import { transferTarget } from './DeskChatsTable.tsx';
import '../supervisor.css';

/**
 * The list column while a chat from the desk is open: the same chats in the same order, so a
 * supervisor moves from one to the next with `j`/`k`, and a way back to the whole desk.
 */
export function SupervisorChatsPane({ openChatId }: { openChatId: string }) {
  const headingId = useId();
  const [filters] = useDeskFilters();
  const desk = useSupervisorDesk(filters);
  const now = useNow(5_000);
  const listRef = useRef<HTMLUListElement>(null);
  useListKeyboard(listRef);

  let body;
  if (desk.isPending) {
    body = <ListSkeleton rows={7} label="Loading chats" />;
  } else if (desk.data === undefined) {
    body = (
      <ErrorState
        title="Couldn't load the desk's chats."
        error={desk.error}
        onRetry={() => void desk.refetch()}
        retrying={desk.isFetching}
      />
    );
  } else if (desk.data.chats.length === 0) {
    body = (
      <EmptyState
        icon={<InboxIcon size={20} />}
        title="Nobody is waiting."
        description="0 chats match these filters."
      />
    );
  } else {
    body = (
      <ul className="sup-list" ref={listRef} aria-labelledby={headingId}>
        {desk.data.chats.map((chat) => (
          <SupervisorChatItem
            key={chat.id}
            chat={chat}
            now={now}
            href={withFilters(`/supervisor/${chat.id}`, filters)}
            open={chat.id === openChatId}
          />
        ))}
      </ul>
    );
  }

  return (
    <section className="pane chat-list" aria-labelledby={headingId}>
      <header className="pane__header">
        <h1 className="pane__title" id={headingId}>
          Supervisor desk
        </h1>
        <Link
          href={withFilters('/supervisor', filters)}
          className="button button--ghost button--sm"
        >
          Whole desk
        </Link>
      </header>
      <div className="pane__body">{body}</div>
    </section>
  );
}

function SupervisorChatItem({
  chat,
  now,
  href,
  open,
}: {
  chat: Chat;
  now: number;
  href: string;
  open: boolean;
}) {
  const name = customerLabel(chat.customer);
  const waitingSince = customerWaitingSince(chat);
  const transferringTo = transferTarget(chat);
  const agent = chat.assignee?.name ?? 'Queue';
  return (
    <li className="chat-list__item">
      <Link
        href={href}
        className="sup-list__row"
        data-chat-row=""
        aria-current={open ? 'page' : undefined}
      >
        <span className="sup-list__top">
          <span className="sup-list__name">{name}</span>
          {chat.flagged ? (
            <span className="sup-table__flag" title="Flagged">
              <FlagIcon size={13} />
              <span className="visually-hidden">Flagged</span>
            </span>
          ) : null}
          <span className="sup-list__waiting">
            {waitingSince ? `waiting ${waitDuration(waitingSince, now)}` : null}
          </span>
        </span>
        <span className="sup-list__meta">
          {agent} · {statusLabels[chat.status]}
          {transferringTo ? ` · Transferring to ${transferringTo}` : ''}
        </span>
      </Link>
    </li>
  );
}
