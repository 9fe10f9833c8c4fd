import { z } from 'zod';
import { ChatRead } from './alerts.ts';
import { Chat, ChatEvent, Message } from './chats.ts';
import { Comment, Notification } from './comments.ts';
import { Customer, NoteDeleted, SharedNote } from './customers.ts';
import { StaffPresence } from './staff.ts';
import { Ticket } from './tickets.ts';
import { Transfer } from './transfers.ts';
import { WidgetChat } from './widget.ts';

/**
 * Every frame the server may push, by type. Server and web both read this map, so a new event
 * is declared here once and type-checked at both ends.
 */
export const ServerFrames = {
  /** A colleague's availability or online state changed (room: all staff). */
  'staff.presence': StaffPresence,
  /**
   * A chat changed (status, assignee, flag, last activity). Sent to the chat's room, to its
   * assignee (and former assignee, so their lists drop it), to supervisors, and to its department
   * while it waits in the queue.
   */
  'chat.updated': Chat,
  /** A message in a chat (room `chat:<id>`; a customer-visible copy reaches the widget). */
  'message.created': Message,
  /** A message's delivery status changed (sent, delivered, read, failed). */
  'message.updated': Message,
  /** A change in a chat's history: assigned, closed, reopened... Never sent to customers. */
  'event.created': ChatEvent,
  /** A customer's profile was saved (room `customer:<id>`). */
  'customer.updated': Customer,
  /** A note about a customer was added (room `customer:<id>`); `canDelete` is the viewer's to work out. */
  'note.created': SharedNote,
  /** A note was deleted (room `customer:<id>`); its text is gone for good. */
  'note.deleted': NoteDeleted,
  /** A staff-only comment on a chat (room `chat:<id>`; never a customer's). */
  'comment.created': Comment,
  /** The chat closed and its comments are gone for good. */
  'comments.cleared': z.object({ chatId: z.string() }),
  /** Something for my bell: I was tagged in a chat, a transfer was offered to me or answered. */
  'notification.created': Notification,
  /** My bell was read (on any of my tabs or nodes): the unread count is 0. */
  'notifications.read': z.object({ at: z.string() }),
  /**
   * A transfer offer changed (offered, accepted, rejected, returned, withdrawn, acknowledged):
   * to its sender, to who offered it, to the agent it names or else the department's room, and
   * to supervisors.
   */
  'transfer.updated': Transfer,
  /**
   * A ticket changed (created, accepted, replied, transferred, closed): to its room
   * (`chat:<id>`: a ticket keeps its conversation's id), its assignee and former assignee, its
   * department while unassigned, and supervisors.
   */
  'ticket.updated': Ticket,
  /**
   * A customer's chat ended, whoever ended it (room: the customer's widget). Customer-safe: it
   * says nothing of who or why.
   */
  'chat.ended': z.object({ chatId: z.string(), at: z.string() }),
  /**
   * What the visitor may know of their conversation changed: queued with a position, an agent
   * joined (first name only), it became a ticket (room: the customer's widget only).
   */
  'widget.chat': WidgetChat,
  /** I read a chat (on any of my tabs, browsers or nodes): its markers clear (room: mine only). */
  'chat.read': ChatRead,
  /**
   * Someone is typing in a chat, until `until` unless they type again (about 6 s). Ephemeral:
   * never stored, never replayed, always `seq: 0`, so clients do not move their resume point on
   * it. To the chat's room (staff: `who.id` and full name; a comment's only to those who may read
   * comments) and, for the agent's reply, to the customer's widget (first name only, no id).
   */
  typing: z.object({
    chatId: z.string(),
    who: z.object({
      kind: z.enum(['staff', 'customer']),
      id: z.string().optional(),
      name: z.string().optional(),
    }),
    /** Typing a staff-only comment, not a reply to the customer. */
    comment: z.boolean(),
    until: z.string(),
  }),
  /** The connection is ready; `seq` of this frame is where a resume may start. */
  hello: z.object({ staffId: z.string(), rooms: z.array(z.string()) }),
  /** The server cannot replay what the client missed: reload state, then carry on. */
  resync: z.object({ reason: z.string() }),
  /**
   * A `subscribe` was accepted: frames for the room flow from here on. Load the room's state over
   * REST after this, so nothing falls between the load and the first frame.
   */
  subscribed: z.object({ room: z.string() }),
  /** Answer to a client's `ping`: the connection is alive both ways. */
  pong: z.object({}),
  /** Answer to a client message that was refused. */
  error: z.object({ message: z.string(), ref: z.string().optional() }),
} as const;

export type ServerFrameMap = {
  [K in keyof typeof ServerFrames]: z.infer<(typeof ServerFrames)[K]>;
};
export type ServerFrameType = keyof ServerFrameMap;

export type Frame<T extends ServerFrameType = ServerFrameType> = {
  [K in T]: { seq: number; type: K; data: ServerFrameMap[K] };
}[T];

export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('resume'), after: z.number().int().min(0) }),
  z.object({ type: z.literal('subscribe'), room: z.string().min(1).max(200) }),
  z.object({ type: z.literal('unsubscribe'), room: z.string().min(1).max(200) }),
  z.object({ type: z.literal('ping') }),
  /**
   * I am typing in this chat (a reply, or with `comment` a staff-only comment); sent at most
   * every ~3 s while typing. Delivered live as a `typing` frame, never stored.
   */
  z.object({
    type: z.literal('typing'),
    chatId: z.string().min(1).max(64),
    comment: z.boolean().optional(),
  }),
]);
/** How long a `typing` frame holds without another one. */
export const TYPING_HOLD_MS = 6000;
/** Ephemeral frames (typing) carry this `seq`: a resume point never moves on them. */
export const EPHEMERAL_SEQ = 0;
export type ClientMessage = z.infer<typeof ClientMessage>;
