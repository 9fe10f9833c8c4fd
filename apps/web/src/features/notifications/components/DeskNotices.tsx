import type { ChatStatus, Me } from '@parley/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { useRealtimeFrame } from '../../../app/realtime/index.ts';
import { CloseIcon } from '../../../ui/icons.tsx';
import { customerLabel, findCachedChat } from '../../chats/index.ts';
import { fetchMyPendingChats, notificationKeys } from '../api.ts';
import { cameBackLive } from '../liveAgain.ts';
import '../notifications.css';

type Notice = { id: string; chatId: string; text: string };

/** How long a notice stays before it goes by itself; it can be dismissed sooner. */
export const NOTICE_MS = 20_000;

/**
 * Short notices at the bottom right of the desk: "Thandi replied: the chat is live again" when
 * a pending chat of mine comes back because the customer wrote.
 */
export function DeskNotices({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const [notices, setNotices] = useState<Notice[]>([]);
  /** The last status each chat had in a frame, so a change is seen whatever order caches update. */
  const statuses = useRef(new Map<string, ChatStatus>());
  const pending = useQuery({
    queryKey: notificationKeys.pendingChats,
    queryFn: ({ signal }) => fetchMyPendingChats(me.id, signal),
    // Frames keep the statuses current from here on.
    staleTime: Infinity,
  });

  useEffect(() => {
    // What the server said is older than any frame since: a frame's status wins.
    for (const chat of pending.data ?? [])
      if (!statuses.current.has(chat.id)) statuses.current.set(chat.id, chat.status);
  }, [pending.data]);
  // After a reconnect, what changed meanwhile is read again.
  useRealtimeFrame('hello', () => {
    void queryClient.invalidateQueries({ queryKey: notificationKeys.pendingChats });
  });

  useRealtimeFrame('chat.updated', (chat) => {
    const before = statuses.current.get(chat.id) ?? findCachedChat(queryClient, chat.id)?.status;
    statuses.current.set(chat.id, chat.status);
    if (!cameBackLive(before, chat, me.id)) return;
    const notice = {
      id: `${chat.id}-${chat.lastActivityAt}`,
      chatId: chat.id,
      text: `${customerLabel(chat.customer)} replied: the chat is live again`,
    };
    setNotices((shown) =>
      shown.some((item) => item.id === notice.id) ? shown : [...shown, notice],
    );
  });

  const dismiss = useCallback(
    (id: string) => setNotices((shown) => shown.filter((item) => item.id !== id)),
    [],
  );

  return (
    <div className="desk-notices" role="status" aria-live="polite">
      {notices.map((notice) => (
        <NoticeItem key={notice.id} notice={notice} onDismiss={dismiss} />
      ))}
    </div>
  );
}

type NoticeItemProps = { notice: Notice; onDismiss: (id: string) => void };

function NoticeItem({ notice, onDismiss }: NoticeItemProps) {
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(notice.id), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice.id, onDismiss]);
  return (
    <div className="desk-notice">
      <Link
        href={`/live/${notice.chatId}`}
        className="desk-notice__text"
        onClick={() => onDismiss(notice.id)}
      >
        {notice.text}
      </Link>
      <button
        type="button"
        className="desk-notice__close"
        aria-label="Dismiss"
        onClick={() => onDismiss(notice.id)}
      >
        <CloseIcon size={14} />
      </button>
    </div>
  );
}
