import type { Role } from '@parley/contract';

export type DeskViewId = 'live' | 'pending' | 'tagged' | 'closed' | 'tickets' | 'supervisor';

export type DeskView = {
  id: DeskViewId;
  label: string;
  path: `/${DeskViewId}`;
  /** What the list shows when empty: says what will appear, so it never looks broken. */
  empty: { title: string; description: string };
  supervisorOnly?: boolean;
};

export const deskViews: readonly DeskView[] = [
  {
    id: 'live',
    label: 'Live',
    path: '/live',
    empty: { title: 'No live chats.', description: 'New chats routed to you appear here.' },
  },
  {
    id: 'pending',
    label: 'Pending',
    path: '/pending',
    empty: {
      title: 'No pending chats.',
      description: 'Chats you mark as waiting on the customer appear here.',
    },
  },
  {
    id: 'tagged',
    label: 'Tagged',
    path: '/tagged',
    empty: {
      title: 'No tagged chats.',
      description: 'Live chats where a colleague tags you in a comment appear here.',
    },
  },
  {
    id: 'closed',
    label: 'Closed',
    path: '/closed',
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
    supervisorOnly: true,
    empty: {
      title: 'No live chats on the desk.',
      description: 'Every live chat appears here with its agent and waiting time.',
    },
  },
];

export function canSupervise(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}

export function viewsFor(role: Role): DeskView[] {
  return deskViews.filter((view) => !view.supervisorOnly || canSupervise(role));
}

export function findView(id: string | undefined, role: Role): DeskView | undefined {
  return viewsFor(role).find((view) => view.id === id);
}
