import { useRef, useState } from 'react';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogTitle,
  DialogTrigger,
} from '../../../ui/Dialog.tsx';
import { BellIcon, CloseIcon } from '../../../ui/icons.tsx';
import type { DialogSurface } from '../../../ui/Dialog.tsx';
import { useMarkNotificationsRead, useNotifications } from '../hooks/useNotifications.ts';
import { NotificationList } from './NotificationList.tsx';
import '../notifications.css';

/** A panel that drops from the bell, over a clear overlay that only catches the outside click. */
const bellPanel: DialogSurface = { overlay: 'bell__overlay', content: 'bell__panel' };

/**
 * The bell in the sidebar: how many notifications I have not seen, and the list of them. Opening it
 * reads them; while it is open, new ones are read as they arrive.
 */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  // A chat opened from the list keeps the focus it gives its reply field.
  const openedChat = useRef(false);
  /** Unread when the bell was opened, or arrived while it is open: marked as new in the list. */
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const markRead = useMarkNotificationsRead();
  const notifications = useNotifications((notification) => {
    if (!open) return;
    setFresh((ids) => new Set(ids).add(notification.id));
    markRead.mutate();
  });
  const unread = notifications.data?.unread ?? 0;

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) return;
    setFresh(
      new Set(
        notifications.data?.items.filter((item) => item.readAt === null).map((item) => item.id),
      ),
    );
    if (unread > 0) markRead.mutate();
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger
        className="bell"
        aria-label={`Notifications, ${unread} unread`}
        title="Notifications"
      >
        <BellIcon size={18} />
        {unread > 0 ? (
          <span className="bell__badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </DialogTrigger>
      <DialogContent
        surface={bellPanel}
        onCloseAutoFocus={(event) => {
          if (openedChat.current) event.preventDefault();
          openedChat.current = false;
        }}
      >
        <div className="bell__header">
          <DialogTitle className="bell__title">Notifications</DialogTitle>
          <DialogClose className="button button--ghost button--sm icon-button" aria-label="Close">
            <CloseIcon />
          </DialogClose>
        </div>
        <DialogDescription className="visually-hidden">
          Mentions, transfers and chats that went back to the queue, newest first.
        </DialogDescription>
        <NotificationList
          notifications={notifications}
          fresh={fresh}
          onOpenChat={() => {
            openedChat.current = true;
            setOpen(false);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
