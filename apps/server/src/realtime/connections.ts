import {
  ClientMessage,
  type Frame,
  type ServerFrameMap,
  type ServerFrameType,
} from '@parley/contract';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { StaffPrincipal } from '../principal.ts';
import {
  type Connection,
  CREDENTIAL_ENDED,
  newConnection,
  reaches,
  sendFrame,
  sendRow,
  sendText,
} from './connection.ts';
import { type EphemeralFrame, ephemeralText, type TypingAuthorizer } from './ephemeral.ts';
import {
  type CredentialCheck,
  type CredentialState,
  createCredentialSweep,
  type WidgetSessionCheck,
} from './credential-sweep.ts';
import type { DeliverableFrame, FrameReader } from './frame-reader.ts';
import type { Presence } from './presence.ts';
import { staffBaseRooms } from './rooms.ts';
import { frameAllowed, replayGate } from './replay-access.ts';
import type { RoomAccess } from './room-access.ts';

export type ConnectionOptions = {
  log: FastifyBaseLogger;
  presence: Presence;
  access: RoomAccess;
  reader: FrameReader;
  onPresenceChange: (staffId: string) => Promise<void>;
  checkCredentials?: CredentialCheck | undefined;
  checkWidgetSessions?: WidgetSessionCheck | undefined;
  /** What a typing message becomes (registered by a feature); none means typing is ignored. */
  typing: () => TypingAuthorizer | undefined;
  /** Hands an ephemeral frame to the other nodes. */
  broadcast: (frame: EphemeralFrame) => void;
};

export type Connections = ReturnType<typeof createConnections>;

/**
 * This node's sockets, staff and widget alike: what each has joined, what it asks for
 * (subscribe, resume, unsubscribe, ping), and which of the frames read it is sent.
 */
export function createConnections(opts: ConnectionOptions) {
  const { log, presence, access, reader } = opts;
  const connections = new Set<Connection>();
  const credentials = opts.checkCredentials
    ? createCredentialSweep<Connection>({
        check: opts.checkCredentials,
        checkWidgets: opts.checkWidgetSessions,
        holders: () => connections,
        end: (conn) => conn.socket.close(CREDENTIAL_ENDED, 'credential ended'),
        changed: refreshAccess,
      })
    : undefined;
  /** False when the socket's credential has ended; it is being closed then. */
  const credentialLives = async (conn: Connection) =>
    !credentials || (await credentials.verifyOne(conn));

  const control = <T extends ServerFrameType>(conn: Connection, type: T, data: ServerFrameMap[T]) =>
    sendFrame(conn, { seq: reader.cursor, type, data } as Frame);

  function send(row: DeliverableFrame, only?: Set<Connection>) {
    for (const conn of connections) {
      if (!reaches(conn, row) || (only && !only.has(conn))) continue;
      if (conn.held) conn.held.push(row);
      else sendRow(conn, row);
    }
  }

  /** Delivers a frame; a kind with its own rule (comments) goes only to readers it allows now. */
  async function deliver(row: DeliverableFrame) {
    if (!access.hasFrameRule(row.type)) return send(row);
    const allowed = new Set<Connection>();
    for (const conn of [...connections])
      if (reaches(conn, row) && (await frameAllowed(access.access, conn.principal, row)))
        allowed.add(conn);
    send(row, allowed);
  }

  /**
   * An ephemeral frame to this node's sockets in its rooms, never held behind a replay (it has no
   * place in the order) and never to the socket that sent it.
   */
  async function deliverEphemeral(frame: EphemeralFrame, except?: Connection) {
    let text: string | undefined;
    const row = { type: frame.ruleOf ?? frame.type, data: frame.data, rooms: frame.rooms };
    for (const conn of [...connections]) {
      if (conn === except || !frame.rooms.some((room) => conn.rooms.has(room))) continue;
      if (frame.ruleOf && !(await frameAllowed(access.access, conn.principal, row))) continue;
      sendText(conn, (text ??= ephemeralText(frame)));
    }
  }

  async function typing(conn: Connection, chatId: string, comment: boolean) {
    const authorize = opts.typing();
    if (!authorize || !conn.typingLimit(`${chatId}|${comment}`)) return;
    const frames = await authorize(
      { principal: conn.principal, widgetSessionId: conn.widgetSessionId, rooms: conn.rooms },
      chatId,
      comment,
    );
    for (const frame of frames) {
      await deliverEphemeral(frame, conn);
      opts.broadcast(frame);
    }
  }

  async function resume(conn: Connection, after: number) {
    if (!(await credentialLives(conn))) return;
    conn.held = [];
    try {
      const kept = await reader.readKept(after, conn.rooms);
      if ('resync' in kept) {
        control(conn, 'resync', { reason: kept.resync });
        return;
      }
      // Kept frames were addressed to whoever could see them then: each is re-authorised now.
      const allowed = replayGate(access.access, conn);
      let last = after;
      for (const row of kept.rows) {
        if (await allowed(row)) sendRow(conn, row);
        last = row.id;
      }
      for (const row of conn.held ?? [])
        if (row.id > last && reaches(conn, row)) sendRow(conn, row);
    } finally {
      conn.held = undefined;
    }
  }

  async function subscribe(conn: Connection, room: string) {
    if (!(await credentialLives(conn))) return;
    if (!(await access.authorize(conn.principal, room))) {
      // The same answer for "no such room" and "not yours": nothing about it leaks.
      control(conn, 'error', { message: 'Cannot subscribe to that room.', ref: room });
      return;
    }
    conn.rooms.add(room);
    control(conn, 'subscribed', { room });
  }

  async function onMessage(conn: Connection, raw: string) {
    let parsed: ReturnType<typeof ClientMessage.safeParse>;
    try {
      parsed = ClientMessage.safeParse(JSON.parse(raw));
    } catch {
      control(conn, 'error', { message: 'Frames must be JSON.' });
      return;
    }
    if (!parsed.success) {
      control(conn, 'error', { message: 'Unknown or malformed message.' });
      return;
    }
    const msg = parsed.data;
    if (msg.type === 'ping') control(conn, 'pong', {});
    else if (msg.type === 'resume') {
      const wait = conn.resumes.take();
      if (wait === undefined) await resume(conn, msg.after);
      else
        control(conn, 'error', {
          message: `Too many resumes: wait ${wait} s, then resume once.`,
          ref: 'resume',
        });
    } else if (msg.type === 'subscribe') await subscribe(conn, msg.room);
    else if (msg.type === 'typing') await typing(conn, msg.chatId, msg.comment ?? false);
    else if (msg.type === 'unsubscribe' && conn.principal) {
      // Base rooms come with the session and stay; only joined rooms can be left.
      if (msg.room.includes(':') && !staffBaseRooms(conn.principal).includes(msg.room))
        conn.rooms.delete(msg.room);
    }
  }

  /**
   * The owner's role or departments changed while the socket was open: it takes the rooms that
   * go with them now, and every room it joined is authorised again under the new access.
   */
  async function refreshAccess(conn: Connection, now: CredentialState) {
    const before = conn.principal;
    if (!before) return;
    const principal = { ...before, role: now.role, departmentIds: now.departmentIds };
    conn.principal = principal;
    for (const room of staffBaseRooms(before)) conn.rooms.delete(room);
    for (const room of [...conn.rooms])
      if (!(await access.authorize(principal, room))) conn.rooms.delete(room);
    for (const room of staffBaseRooms(principal)) conn.rooms.add(room);
  }

  /** Staff and widget sockets alike: messages one at a time, liveness, removal on close. */
  function open(conn: Connection, failure: string, onClose?: () => void) {
    connections.add(conn);
    // Messages are handled one at a time so a resume finishes before a later subscribe.
    let chain = Promise.resolve();
    conn.socket.on('message', (data: Buffer) => {
      chain = chain
        .then(() => onMessage(conn, String(data)))
        .catch((err) => log.error({ err }, failure));
    });
    conn.socket.on('pong', () => {
      conn.alive = true;
    });
    conn.socket.on('close', () => {
      connections.delete(conn);
      onClose?.();
    });
  }

  async function attach(socket: WebSocket, principal: StaffPrincipal) {
    const conn = newConnection(socket, principal, staffBaseRooms(principal));
    open(conn, 'realtime: message failed', () => {
      void presence
        .disconnected(principal.staffId)
        .then((offline) => (offline ? opts.onPresenceChange(principal.staffId) : undefined))
        .catch((err) => log.error({ err }, 'realtime: presence update failed'));
    });
    control(conn, 'hello', { staffId: principal.staffId, rooms: [...conn.rooms] });
    if (await presence.connected(principal.staffId)) await opts.onPresenceChange(principal.staffId);
  }

  /** A customer's widget: it hears its own rooms and nothing else, and sends only resumes. */
  function attachWidget(socket: WebSocket, widgetRooms: string[], sessionId: string) {
    const conn = { ...newConnection(socket, undefined, widgetRooms), widgetSessionId: sessionId };
    open(conn, 'realtime: widget message failed');
    control(conn, 'hello', { staffId: '', rooms: [] });
  }

  function closeWhere(match: (conn: Connection) => boolean, code: number, reason: string) {
    for (const conn of connections) if (match(conn)) conn.socket.close(code, reason);
  }

  return {
    attach,
    attachWidget,
    deliver,
    deliverEphemeral,
    closeWhere,
    /** Every socket's credential, in one query; undefined when no check was given. */
    sweepCredentials: credentials ? () => credentials.sweep() : undefined,
    /** A socket that did not answer the last ping is gone; the others are pinged again. */
    heartbeat() {
      for (const conn of connections) {
        if (!conn.alive) conn.socket.terminate();
        conn.alive = false;
        conn.socket.ping();
      }
    },
    /** The live set, read as it is when iterated (a delivery may be under way). */
    all: (): Iterable<Connection> => connections,
    get size() {
      return connections.size;
    },
  };
}
