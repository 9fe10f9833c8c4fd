import { canSupervise } from '@parley/contract';
import type { Chat, ChatView, Role } from '@parley/contract';

export type DeskViewId =
  'live' | 'queue' | 'pending' | 'tagged' | 'closed' | 'tickets' | 'supervisor';

export type DeskView = {
  id: DeskViewId;
  label: string;
  path: `/${DeskViewId}`;
  /** The `GET /api/chats?view=` list behind it; views without one show their empty state. */
  list?: ChatView;
  /** What the list shows when empty: says what will appear, so it never looks broken. */
  empty: { title: string; description: string };
  supervisorOnly?: boolean;
};

export const deskViews: readonly DeskView[] = [
  {
    id: 'live',
    label: 'Live',
    path: '/live',
    list: 'live',
    empty: { title: 'No live chats.', description: 'New chats routed to you appear here.' },
  },
  {
    id: 'queue',
    label: 'Queue',
    path: '/queue',
    list: 'queue',
    empty: {
      title: 'Nobody is waiting.',
      description: 'Chats wait here when nobody in your departments is free to take them.',
    },
  },
  {
    id: 'pending',
    label: 'Pending',
    path: '/pending',
    list: 'pending',
    empty: {
      title: 'No pending chats.',
      description: 'Chats you mark as waiting on the customer appear here.',
    },
  },
  {
    id: 'tagged',
    label: 'Tagged',
    path: '/tagged',
    list: 'tagged',
    empty: {
      title: 'No tagged chats.',
      description: 'Chats where a colleague tagged you appear here.',
    },
  },
  {
    id: 'closed',
    label: 'Closed',
    path: '/closed',
    list: 'closed',
    empty: { title: 'No closed chats.', description: 'Chats you close appear here.' },
  },
  {
    id: 'tickets',
    label: 'Tickets',
    path: '/tickets',
    empty: {
      title: 'No tickets.',
      description: 'Conversations that arrive when nobody can take them appear here as tickets.',
    },
  },
  {
    id: 'supervisor',
    label: 'Supervisor',
    path: '/supervisor',
    // Its own page (features/supervisor) rather than a chat list.
    supervisorOnly: true,
    empty: {
      title: 'Nobody is waiting.',
      description: 'Every queued, live and pending chat appears here with its agent.',
    },
  },
];

export function viewsFor(role: Role): DeskView[] {
  return deskViews.filter((view) => !view.supervisorOnly || canSupervise(role));
}

export function findView(id: string | undefined, role: Role): DeskView | undefined {
  return viewsFor(role).find((view) => view.id === id);
}

/** Where a chat opens: in the view that listed it when the desk has one, else by its status. */
export function chatHref(chat: { id: string; status: Chat['status'] }, list?: ChatView): string {
  const listed = list && deskViews.find((view) => view.list === list);
  const path = listed ? listed.path : chat.status === 'queued' ? '/queue' : `/${chat.status}`;
  return `${path}/${encodeURIComponent(chat.id)}`;
}
