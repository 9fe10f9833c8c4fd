import type { Notification } from '@parley/contract';
import { useQueryClient } from '@tanstack/react-query';
import type { QueryClient, UseQueryResult } from '@tanstack/react-query';
import { Link } from 'wouter';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { AtIcon } from '../../../ui/icons.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { absoluteTime, relativeTime } from '../../../ui/time.ts';
import { useNow } from '../../../ui/useNow.ts';
import { chatKeys, customerLabel, findCachedChat } from '../../chats/index.ts';
import { offeredCustomer } from '../../transfers/index.ts';
import type { Notifications } from '../api.ts';
import { notificationHref, notificationSentence } from '../notificationText.ts';

type NotificationListProps = {
  notifications: UseQueryResult<Notifications>;
  fresh: ReadonlySet<string>;
  onOpenChat: () => void;
};

export function NotificationList({ notifications, fresh, onOpenChat }: NotificationListProps) {
  const now = useNow();
  const queryClient = useQueryClient();

  if (notifications.data === undefined) {
    return notifications.isPending ? (
      <ListSkeleton rows={3} label="Loading notifications" />
    ) : (
      <ErrorState
        compact
        title="Couldn't load your notifications."
        error={notifications.error}
        onRetry={() => void notifications.refetch()}
        retrying={notifications.isFetching}
      />
    );
  }
  if (notifications.data.items.length === 0) {
    return (
      <EmptyState
        icon={<AtIcon size={20} />}
        title="Nothing new."
        description="Mentions, transfer offers and their answers, and chats that went back to the queue appear here."
      />
    );
  }
  return (
    <ul className="bell__list" aria-label="Notifications, newest first">
      {notifications.data.items.map((notification) => (
        <NotificationItem
          key={notification.id}
          notification={notification}
          isNew={fresh.has(notification.id)}
          chat={chatContext(queryClient, notification)}
          now={now}
          onOpenChat={onOpenChat}
        />
      ))}
    </ul>
  );
}

type ChatContext = { customer: string | null; closed: boolean };

/**
 * What the desk already knows about the chat: its customer, and whether it has closed (it left
 * my Tagged list after the mention arrived, so its comments are gone).
 */
function chatContext(queryClient: QueryClient, notification: Notification): ChatContext {
  const chatId = notification.chatId;
  if (chatId === null) return { customer: null, closed: true };
  const chat = findCachedChat(queryClient, chatId);
  if (chat?.status === 'closed') return { customer: customerLabel(chat.customer), closed: true };
  // Only a mention depends on the Tagged list: the others are about chats of mine, or offered me.
  if (notification.kind !== 'mention') {
    const customer = chat?.customer ?? offeredCustomer(queryClient, chatId);
    return { customer: customer ? customerLabel(customer) : null, closed: false };
  }
  const tagged = queryClient.getQueryState<{
    pages: { items: { id: string }[]; nextCursor: string | null }[];
  }>(chatKeys.list('tagged', 'activity'));
  const complete = tagged?.data?.pages.at(-1)?.nextCursor === null;
  const listed = tagged?.data?.pages.some((page) => page.items.some((chat) => chat.id === chatId));
  const readAfter = (tagged?.dataUpdatedAt ?? 0) > Date.parse(notification.createdAt);
  return {
    customer: chat ? customerLabel(chat.customer) : null,
    closed: complete && readAfter && !listed && tagged?.fetchStatus === 'idle',
  };
}

type NotificationItemProps = {
  notification: Notification;
  isNew: boolean;
  chat: ChatContext;
  now: number;
  onOpenChat: () => void;
};

/** The grey line under the sentence: where it happened, or why it no longer opens. */
function contextLine(notification: Notification, chat: ChatContext): string | null {
  if (notification.kind !== 'mention') return chat.closed ? 'The chat has closed.' : null;
  return chat.closed
    ? 'The chat has closed; its comments were deleted.'
    : chat.customer
      ? `In the chat with ${chat.customer}`
      : 'In a live chat';
}

function NotificationItem({ notification, isNew, chat, now, onOpenChat }: NotificationItemProps) {
  const { who, what } = notificationSentence(notification, chat.customer);
  const context = contextLine(notification, chat);
  const href = chat.closed ? null : notificationHref(notification);
  const content = (
    <>
      <span className="bell__dot" aria-hidden="true" />
      <span className="bell__text">
        <span className="bell__line">
          <strong>{who}</strong> {what} ·{' '}
          <time dateTime={notification.createdAt} title={absoluteTime(notification.createdAt)}>
            {relativeTime(notification.createdAt, now)}
          </time>
          {isNew ? <span className="visually-hidden">, new</span> : null}
        </span>{' '}
        {context ? <span className="bell__context">{context}</span> : null}
      </span>
    </>
  );
  return (
    <li className={isNew ? 'bell__item bell__item--new' : 'bell__item'}>
      {href === null ? (
        <div className="bell__row bell__row--closed">{content}</div>
      ) : (
        <Link href={href} className="bell__row" onClick={onOpenChat}>
          {content}
        </Link>
      )}
    </li>
  );
}
