import { namedRoom, roomPrefix, rooms } from '@parley/contract';
import type { RoomPrefix } from '@parley/contract';
import type { StaffPrincipal } from '../principal.ts';

// The names clients build too live in the contract; they are re-exported so the server keeps
// one place to import rooms from.
export { roomPrefix, rooms };

/**
 * The start of a `<prefix>:<id>` room, for the one SQL statement that builds rooms from ids it
 * finds itself (chats/inbound.repo.ts): it is handed these instead of spelling them.
 */
export const roomStart = (prefix: RoomPrefix) => namedRoom(prefix, '');

/** The rooms a staff member is in by who they are; they come with the session and stay. */
export function staffBaseRooms(principal: StaffPrincipal): string[] {
  const list = [
    rooms.allStaff,
    rooms.staff(principal.staffId),
    ...principal.departmentIds.map(rooms.department),
  ];
  if (principal.role !== 'agent') list.push(rooms.supervisors);
  return list;
}

/** What decides where a chat's customer-visible frames go. */
export type WidgetRoomKey = {
  customerId: string;
  channelId: string;
  unverified: boolean;
  widgetSessionId: string | null;
};

/**
 * The web-chat widget room that hears a chat's customer-visible frames (its messages, that it
 * ended; never events, notes or comments). A verified chat is heard by the customer's widgets on
 * that channel; an unverified one only by the widget session that started it, because whoever
 * typed a number has not shown they own it. Every emitter, and the widget socket, use this.
 */
export function widgetRoomOf(chat: WidgetRoomKey): string {
  if (chat.unverified) {
    // No session to hear it: a room nobody can join, still distinct per customer.
    if (!chat.widgetSessionId) return `${roomPrefix.widgetSession}:none:${chat.customerId}`;
    return namedRoom(roomPrefix.widgetSession, chat.widgetSessionId);
  }
  return `${roomPrefix.widget}:${chat.customerId}:${chat.channelId}`;
}

/** Who hears what the customer sees of a chat (a message, its delivery): staff and widget. */
export const customerVisibleRooms = (chat: WidgetRoomKey & { id: string }): string[] => [
  rooms.chat(chat.id),
  widgetRoomOf(chat),
];

/** The parts of a chat that decide which staff see it in their lists. */
export type ChatAudienceKey = {
  id: string;
  assigneeId: string | null;
  status: string;
  departmentId: string;
};

/**
 * Who hears a chat change (`chat.updated`): its room, supervisors, its assignee, and its
 * department while it is queued. `before` is how the chat was before the change: whoever saw it
 * then must see it leave. The fast path in chats/inbound.repo.ts mirrors this rule in SQL (there
 * is no `before`: it changes neither agent nor status); inbound.fast.test.ts holds them equal.
 */
export function chatAudience(
  chat: ChatAudienceKey,
  before?: { assigneeId: string | null; status: string },
): string[] {
  const to = new Set([rooms.chat(chat.id), rooms.supervisors]);
  if (chat.assigneeId) to.add(rooms.staff(chat.assigneeId));
  if (before?.assigneeId) to.add(rooms.staff(before.assigneeId));
  if (chat.status === 'queued' || before?.status === 'queued')
    to.add(rooms.department(chat.departmentId));
  return [...to];
}
