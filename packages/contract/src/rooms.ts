/**
 * Every room a frame can be addressed to is named here and nowhere else; the server and the desk
 * both build names with these. A room is either a fixed name or `<prefix>:<id>`: room access and
 * the replay gate find a room's authoriser by the part before the first colon, so a prefix is
 * never reused for two kinds.
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

export type RoomPrefix = (typeof roomPrefix)[keyof typeof roomPrefix];

/** `<prefix>:<id>`, the one way a room of a kind is spelled. */
export const namedRoom = (prefix: RoomPrefix, id: string) => `${prefix}:${id}`;

/** Rooms a frame can be addressed to. A socket joins rooms only after its access is checked. */
export const rooms = {
  /** Every signed-in staff member: presence and the team list. */
  allStaff: 'staff',
  supervisors: 'supervisors',
  staff: (id: string) => namedRoom(roomPrefix.staff, id),
  department: (id: string) => namedRoom(roomPrefix.department, id),
  chat: (id: string) => namedRoom(roomPrefix.chat, id),
  /** Everyone with this customer open: profile saves, notes and the customer's events. */
  customer: (id: string) => namedRoom(roomPrefix.customer, id),
} as const;
