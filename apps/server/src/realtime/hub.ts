import type { ServerFrameType } from '@parley/contract';
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { Db } from '../db/client.ts';
import type { StaffPrincipal } from '../principal.ts';
import type { Bus } from './bus.ts';
import { CREDENTIAL_ENDED } from './connection.ts';
import { createConnections } from './connections.ts';
import type { CredentialCheck, WidgetSessionCheck } from './credential-sweep.ts';
import type { CommittedFrame } from './frames.ts';
import { createFrameReader, type DeliverableFrame } from './frame-reader.ts';
import type { TypingAuthorizer } from './ephemeral.ts';
import type { Presence } from './presence.ts';
import type { FrameRule, RoomAuthorizer } from './replay-access.ts';
import { type AccessChange, createRoomAccess } from './room-access.ts';

export type { FrameRule, RoomAuthorizer } from './replay-access.ts';
export type { AccessChange } from './room-access.ts';
export type { EphemeralFrame, EphemeralSender, TypingAuthorizer } from './ephemeral.ts';
export { CREDENTIAL_ENDED } from './connection.ts';
export { MAX_REPLAY } from './frame-reader.ts';

export type HubOptions = {
  db: Db;
  bus: Bus;
  presence: Presence;
  log: FastifyBaseLogger;
  /** Called after someone's first connection opens or last one closes. */
  onPresenceChange: (staffId: string) => Promise<void>;
  /** How long to wait for an earlier transaction to commit before delivering past it. */
  gapWaitMs?: number;
  /** Frames kept for resumes. */
  retentionMs?: number;
  /** Says which sockets' sessions and tokens still live; without it only the bus ends sockets. */
  checkCredentials?: CredentialCheck;
  /** Says which widget sessions still live, so an expired or deleted one closes its sockets. */
  checkWidgetSessions?: WidgetSessionCheck;
  /** How often every socket's credential is re-checked (within 5 s of an end, with the query). */
  credentialSweepMs?: number;
};

export type Hub = ReturnType<typeof createHub>;

/**
 * Committed frames to sockets by room. Three parts: the frame reader follows the table in id
 * order, the connections decide who is sent what, and the room access holds what the features
 * registered about who may hear which room. This file wires them to the bus and the clock.
 */
export function createHub(opts: HubOptions) {
  const { bus, log } = opts;
  const access = createRoomAccess();
  const reader = createFrameReader({
    db: opts.db,
    log,
    gapWaitMs: opts.gapWaitMs ?? 1000,
    retentionMs: opts.retentionMs ?? 60 * 60 * 1000,
    deliver,
  });
  /** Tells this node's own wake-ups on the bus from other nodes'. */
  const nodeId = randomUUID();
  let typing: TypingAuthorizer | undefined;
  const connections = createConnections({
    log,
    presence: opts.presence,
    access,
    reader,
    onPresenceChange: opts.onPresenceChange,
    checkCredentials: opts.checkCredentials,
    checkWidgetSessions: opts.checkWidgetSessions,
    typing: () => typing,
    broadcast: (frame) => {
      bus
        .publish({ kind: 'ephemeral', from: nodeId, frame })
        .catch((err) => log.warn({ err }, 'realtime: ephemeral frame not published'));
    },
  });
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: (() => void) | undefined;

  /** A frame in its turn may first change who hears its room; a late one only goes out. */
  async function deliver(row: DeliverableFrame, inOrder: boolean) {
    if (inOrder) await access.recheck(row, connections.all());
    await connections.deliver(row);
  }

  function listen() {
    unsubscribe = bus.subscribe((msg) => {
      if (msg.kind === 'wake' && msg.from !== nodeId) void reader.pump();
      else if (msg.kind === 'ephemeral') {
        if (msg.from !== nodeId)
          void connections
            .deliverEphemeral(msg.frame)
            .catch((err) => log.error({ err }, 'realtime: ephemeral delivery failed'));
      } else if (msg.kind === 'session-ended')
        connections.closeWhere(
          (conn) =>
            conn.principal?.sessionId === msg.sessionId || conn.widgetSessionId === msg.sessionId,
          CREDENTIAL_ENDED,
          'session ended',
        );
      else if (msg.kind === 'staff-disconnect')
        connections.closeWhere(
          (conn) => conn.principal?.staffId === msg.staffId,
          CREDENTIAL_ENDED,
          'signed out',
        );
      else if (msg.kind === 'token-revoked')
        connections.closeWhere(
          (conn) => conn.principal?.tokenId === msg.tokenId,
          CREDENTIAL_ENDED,
          'token revoked',
        );
    });
  }

  return {
    async start() {
      await reader.start();
      listen();
      const sweep = connections.sweepCredentials;
      if (sweep) {
        const run = () =>
          void sweep().catch((err) => log.error({ err }, 'realtime: checking credentials failed'));
        timers.push(setInterval(run, opts.credentialSweepMs ?? 2000));
      }
      // A backstop for a lost wake-up; the bus makes it fast, this makes it certain.
      timers.push(setInterval(() => void reader.pump(), 1000));
      timers.push(setInterval(() => connections.heartbeat(), 30_000));
      timers.push(setInterval(() => void reader.prune(), 5 * 60_000));
      for (const timer of timers) timer.unref();
    },
    attach: (socket: WebSocket, principal: StaffPrincipal) => connections.attach(socket, principal),
    attachWidget: (socket: WebSocket, widgetRooms: string[], sessionId: string) =>
      connections.attachWidget(socket, widgetRooms, sessionId),
    pump: () => reader.pump(),
    registerRoom(prefix: string, authorize: RoomAuthorizer) {
      access.registerRoom(prefix, authorize);
    },
    /** A kind of frame that only some of its rooms' members may read; asked live and on replay. */
    registerFrame(type: ServerFrameType, rule: FrameRule) {
      access.registerFrame(type, rule);
    },
    /** What a client's `typing` message becomes: ephemeral frames, never stored (ephemeral.ts). */
    registerTyping(authorize: TypingAuthorizer) {
      typing = authorize;
    },
    /** A kind of frame after which its room's members are asked again before it is delivered. */
    registerAccessChange(type: ServerFrameType, change: AccessChange) {
      access.registerAccessChange(type, change);
    },
    /** After a commit: its frames go to this node's sockets, and other nodes are told. */
    wake(frames?: readonly CommittedFrame[]) {
      if (frames && frames.length > 0) {
        reader.keep(frames);
        void reader.pump();
      }
      // A lost wake-up only delays other nodes (they also poll); it must not become an
      // unhandled rejection, as when a socket's last presence change lands after shutdown.
      bus
        .publish({ kind: 'wake', from: nodeId })
        .catch((err) => log.warn({ err }, 'realtime: wake-up not published'));
    },
    get size() {
      return connections.size;
    },
    get cursor() {
      return reader.cursor;
    },
    async close() {
      const stopped = reader.stop();
      unsubscribe?.();
      for (const timer of timers) clearInterval(timer);
      connections.closeWhere(() => true, 1001, 'server shutting down');
      await stopped;
    },
  };
}
