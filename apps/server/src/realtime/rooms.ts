import type { StaffPrincipal } from '../principal.ts';

/**
 * Every room a frame can be addressed to is named here and nowhere else. A room is either a fixed
 * name or `<prefix>:<id>`: room access (`registerRoom`) and the replay gate find a room's
 * authoriser by the part before the first colon, so a prefix is never reused for two kinds.
 */
export const roomPrefix = {
  staff: 'staff',
  department: 'dept',
  chat: 'chat',
  customer: 'customer',
  /** A verified customer's widgets on one channel: `widget:<customer>:<channel>`. */
  widget: 'widget',
  /** One unverified widget session: `widget-session:<session>`. */
  widgetSession: 'widget-session',
} as const;

const named = (prefix: string, id: string) => `${prefix}:${id}`;

/** Rooms a frame can be addressed to. A socket joins rooms only after its access is checked. */
export const rooms = {
  /** Every signed-in staff member: presence and the team list. */
  allStaff: 'staff',
  supervisors: 'supervisors',
  staff: (id: string) => named(roomPrefix.staff, id),
  department: (id: string) => named(roomPrefix.department, id),
  chat: (id: string) => named(roomPrefix.chat, id),
  /** Everyone with this customer open: profile saves, notes and the customer's events. */
  customer: (id: string) => named(roomPrefix.customer, id),
} as const;

/**
 * The start of a `<prefix>:<id>` room, for the one SQL statement that builds rooms from ids it
 * finds itself (chats/inbound.repo.ts): it is handed these instead of spelling them.
 */
export const roomStart = (prefix: (typeof roomPrefix)[keyof typeof roomPrefix]) =>
  named(prefix, '');

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
    return named(roomPrefix.widgetSession, chat.widgetSessionId);
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
