import { useState } from 'react';
import type { SVGProps } from 'react';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogTitle,
  DialogTrigger,
} from '../../../ui/Dialog.tsx';
import type { DialogSurface } from '../../../ui/Dialog.tsx';
import { useMarkNotificationsRead, useNotifications } from '../hooks/useNotifications.ts';
import { NotificationList } from './NotificationList.tsx';
import '../notifications.css';

/** A panel that drops from the bell, over a clear overlay that only catches the outside click. */
const bellPanel: DialogSurface = { overlay: 'bell__overlay', content: 'bell__panel' };

/**
 * The bell in the sidebar: how many mentions I have not seen, and the list of them. Opening it
 * reads them; while it is open, new ones are read as they arrive.
 */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
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
    setFresh(new Set(notifications.data?.items.filter((n) => n.readAt === null).map((n) => n.id)));
    if (unread > 0) markRead.mutate();
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger
        className="bell"
        aria-label={`Notifications, ${unread} unread`}
        title="Notifications"
      >
        <BellIcon />
        {unread > 0 ? (
          <span className="bell__badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </DialogTrigger>
      <DialogContent surface={bellPanel}>
        <div className="bell__header">
          <DialogTitle className="bell__title">Notifications</DialogTitle>
          <DialogClose className="button button--ghost button--sm icon-button" aria-label="Close">
            <CloseIcon />
          </DialogClose>
        </div>
        <DialogDescription className="visually-hidden">
          Colleagues who tagged you in a chat's comments, newest first.
        </DialogDescription>
        <NotificationList
          notifications={notifications}
          fresh={fresh}
          onOpenChat={() => setOpen(false)}
        />
      </DialogContent>
    </Dialog>
  );
}

type IconProps = SVGProps<SVGSVGElement>;

const BellIcon = (props: IconProps) => (
  <svg
    width={18}
    height={18}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth={1.75}
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
    focusable="false"
    {...props}
  >
    <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
    <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
  </svg>
);

const CloseIcon = (props: IconProps) => (
  <svg
    width={16}
    height={16}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth={1.75}
    strokeLinecap="round"
    aria-hidden="true"
    focusable="false"
    {...props}
  >
    <path d="M18 6 6 18M6 6l12 12" />
  </svg>
);
