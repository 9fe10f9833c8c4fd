import type { Frame } from '@parley/contract';
import type { WebSocket } from 'ws';
import type { StaffPrincipal } from '../principal.ts';
import type { DeliverableFrame } from './frame-reader.ts';
import { createTypingLimit } from './ephemeral.ts';
import { createResumeLimit } from './resume-limit.ts';

/** The close code a client takes as "signed out": it stops reconnecting. */
export const CREDENTIAL_ENDED = 4401;

const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** One open socket, a staff member's or a customer's widget. */
export type Connection = {
  socket: WebSocket;
  /** Undefined for a customer's widget: fixed rooms, no subscriptions, no presence. */
  principal: StaffPrincipal | undefined;
  rooms: Set<string>;
  /** While a resume replays from the table, live frames wait here so order is kept. */
  held: DeliverableFrame[] | undefined;
  alive: boolean;
  resumes: ReturnType<typeof createResumeLimit>;
  /** A customer's widget: the web-chat session it was opened with. */
  widgetSessionId?: string | undefined;
  /** Drops typing messages that come faster than anyone types. */
  typingLimit: ReturnType<typeof createTypingLimit>;
};

export function newConnection(
  socket: WebSocket,
  principal: StaffPrincipal | undefined,
  rooms: Iterable<string>,
): Connection {
  return {
    socket,
    principal,
    rooms: new Set(rooms),
    held: undefined,
    alive: true,
    resumes: createResumeLimit(),
    typingLimit: createTypingLimit(),
  };
}

export function sendText(conn: Connection, text: string) {
  if (conn.socket.readyState !== conn.socket.OPEN) return;
  if (conn.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
    // A reader this far behind resumes from the table instead of growing our memory.
    conn.socket.close(1013, 'too far behind; resume');
    return;
  }
  conn.socket.send(text);
}

/** A row's frame is serialised once, however many sockets it reaches. */
export function sendRow(conn: Connection, row: DeliverableFrame) {
  sendText(conn, (row.text ??= JSON.stringify({ seq: row.id, type: row.type, data: row.data })));
}

export function sendFrame(conn: Connection, frame: Frame) {
  sendText(conn, JSON.stringify(frame));
}

export const reaches = (conn: Connection, row: DeliverableFrame) =>
  row.rooms.some((room) => conn.rooms.has(room));
