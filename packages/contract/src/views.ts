import type { Chat, ChatView } from './chats.ts';
import type { Me, Role } from './staff.ts';

/**
 * Which chat belongs in which list of the desk. The server answers `GET /api/chats?view=` with
 * SQL; the desk decides with this rule when a chat frame arrives. A server test holds the two
 * equal (apps/server/src/features/chats/view-rules.test.ts).
 */

/** Supervisors and admins see every chat; agents see their own and their departments' queue. */
export function canSupervise(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}

/** Who is looking: the signed-in member of staff (`GET /api/me`), or as much of them. */
export type ChatViewer = Pick<Me, 'id' | 'role' | 'departments'>;

/** What the rule reads of a chat. */
export type ViewedChat = Pick<Chat, 'status' | 'flagged' | 'assignee' | 'department' | 'kind'> & {
  /**
   * Whether a colleague tagged the viewer in this chat's comments. A chat says nothing about
   * tags, so the caller supplies it: the server from its tags, the desk from its own list.
   */
  viewerTagged: boolean;
};

export function chatBelongsInView(view: ChatView, chat: ViewedChat, viewer: ChatViewer): boolean {
  const mine = chat.assignee?.id === viewer.id;
  const everyone = canSupervise(viewer.role);
  const open = chat.status !== 'closed';
  // A ticket is listed under Tickets, never with the chats: its frame takes it off these lists.
  if (chat.kind === 'ticket') return false;
  switch (view) {
    case 'live':
      return chat.status === 'live' && mine;
    case 'pending':
      return chat.status === 'pending' && mine;
    case 'tagged':
      return open && chat.viewerTagged;
    case 'closed':
      return chat.status === 'closed' && (everyone || mine);
    case 'flagged':
      return chat.flagged && open && (everyone || mine);
    case 'queue':
      return (
        chat.status === 'queued' &&
        (everyone || viewer.departments.some((department) => department.id === chat.department.id))
      );
    case 'all':
      // An agent asking for every chat is refused (403), so no chat is theirs to see there.
      return everyone && open;
  }
}
