import {
  ClientMessage,
  type Frame,
  type ServerEventMap,
  type ServerEventType,
} from '@parley/contract';
import { and, arrayOverlaps, asc, gt, inArray, lte, lt, max, min, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { type Db, queryRows } from '../db/client.ts';
import { realtimeEvents } from '../db/schema.ts';
import type { StaffPrincipal } from '../principal.ts';
import type { Bus } from './bus.ts';
import {
  type CredentialCheck,
  type CredentialState,
  createCredentialSweep,
  type WidgetSessionCheck,
} from './credential-sweep.ts';
import type { CommittedFrame } from './events.ts';
import type { Presence } from './presence.ts';
import { createResumeLimit } from './resume-limit.ts';
import {
  type Access,
  type FrameRule,
  frameAllowed,
  replayGate,
  type RoomAuthorizer,
} from './replay-access.ts';

export type { FrameRule, RoomAuthorizer } from './replay-access.ts';

type EventRow = Omit<typeof realtimeEvents.$inferSelect, 'createdAt'> & {
  /** The frame as sent, once built: every socket it reaches gets the same text. */
  text?: string;
};

type Connection = {
  socket: WebSocket;
  /** Undefined for a customer's widget: fixed rooms, no subscriptions, no presence. */
  principal: StaffPrincipal | undefined;
  rooms: Set<string>;
  /** While a resume replays from the table, live frames wait here so order is kept. */
  held: EventRow[] | undefined;
  alive: boolean;
  resumes: ReturnType<typeof createResumeLimit>;
  /** A customer's widget: the web-chat session it was opened with. */
  widgetSessionId?: string | undefined;
};

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

/** The close code a client takes as "signed out": it stops reconnecting. */
export const CREDENTIAL_ENDED = 4401;

const BATCH = 500;
export const MAX_REPLAY = 2000;
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const GAP_REREAD_MS = 5;

export type Hub = ReturnType<typeof createHub>;

export function createHub(opts: HubOptions) {
  const { db, bus, presence, log } = opts;
  const gapWaitMs = opts.gapWaitMs ?? 1000;
  const retentionMs = opts.retentionMs ?? 60 * 60 * 1000;
  const connections = new Set<Connection>();
  const authorizers = new Map<string, RoomAuthorizer>();
  const frameRules = new Map<string, FrameRule>();
  const access: Access = { rooms: authorizers, frames: frameRules };
  /** The agent and status each chat had at its last update seen here. */
  const accessKeys = new Map<string, string>();
  let cursor = 0;
  let gapSince: number | undefined;
  /** Ids passed over while waiting for a gap; delivered late if they show up after all. */
  const skipped = new Map<number, number>();
  let pumping: Promise<void> | undefined;
  let pumpAgain = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryPending = false;
  let lastFetchAt = 0;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: (() => void) | undefined;
  let closed = false;
  /** Frames this node committed and has not delivered yet, by id: they need no read-back. */
  const local = new Map<number, EventRow>();
  /** Tells this node's own wake-ups on the bus from other nodes'. */
  const nodeId = randomUUID();
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

  const sendText = (conn: Connection, text: string) => {
    if (conn.socket.readyState !== conn.socket.OPEN) return;
    if (conn.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      // A reader this far behind resumes from the table instead of growing our memory.
      conn.socket.close(1013, 'too far behind; resume');
      return;
    }
    conn.socket.send(text);
  };

  const send = (conn: Connection, frame: Frame) => sendText(conn, JSON.stringify(frame));

  /** A row's frame is serialised once, however many sockets it reaches. */
  const sendRow = (conn: Connection, row: EventRow) =>
    sendText(conn, (row.text ??= JSON.stringify({ seq: row.id, type: row.type, data: row.data })));

  const control = <T extends ServerEventType>(conn: Connection, type: T, data: ServerEventMap[T]) =>
    send(conn, { seq: cursor, type, data } as Frame);

  const reaches = (conn: Connection, row: EventRow) => row.rooms.some((r) => conn.rooms.has(r));

  function deliver(row: EventRow, only?: Set<Connection>) {
    for (const conn of connections) {
      if (!reaches(conn, row) || (only && !only.has(conn))) continue;
      if (conn.held) conn.held.push(row);
      else sendRow(conn, row);
    }
  }

  /** Delivers a frame; a kind with its own rule (comments) goes only to readers it allows now. */
  async function deliverRow(row: EventRow) {
    if (!frameRules.has(row.type)) return deliver(row);
    const allowed = new Set<Connection>();
    for (const conn of [...connections])
      if (reaches(conn, row) && (await frameAllowed(access, conn.principal, row)))
        allowed.add(conn);
    deliver(row, allowed);
  }

  /** Delivers this node's own frames while they are next in line; false when none is. */
  async function deliverLocal(): Promise<boolean> {
    let row = local.get(cursor + 1);
    if (!row) return false;
    while (row) {
      local.delete(row.id);
      gapSince = undefined;
      cursor = row.id;
      if (row.type === 'chat.updated') await revalidate(row);
      await deliverRow(row);
      row = local.get(cursor + 1);
    }
    return true;
  }

  async function fetchOnce(): Promise<boolean> {
    // What this node committed itself is delivered from memory; the table is read for the rest
    // (other nodes' frames, or an earlier id still uncommitted here).
    if (skipped.size === 0 && (await deliverLocal())) return false;
    lastFetchAt = Date.now();
    if (skipped.size > 0) {
      const late = await db
        .select()
        .from(realtimeEvents)
        .where(inArray(realtimeEvents.id, [...skipped.keys()]));
      for (const row of late) {
        skipped.delete(row.id);
        await deliverRow(row);
      }
      const expiry = Date.now() - 60_000;
      for (const [id, at] of skipped) if (at < expiry) skipped.delete(id);
    }
    // Every node runs this after every commit: plain SQL, no query builder on the hot path.
    const raw = await queryRows<{
      id: number | string;
      rooms: string[];
      type: string;
      data: unknown;
      created_at: Date;
    }>(
      db,
      sql`select id, rooms, type, data, created_at from realtime_events where id > ${cursor} order by id limit ${BATCH}`,
    );
    const rows: EventRow[] = raw.map(
      (r) =>
        local.get(Number(r.id)) ?? {
          id: Number(r.id),
          rooms: r.rooms,
          type: r.type,
          data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data,
        },
    );
    // This node's frames take part too (committed, so normally in what was just read); past a
    // full batch only those before its end, so the order holds.
    const full = raw.length === BATCH;
    const end = rows.at(-1)?.id ?? Infinity;
    const read = new Set(rows.map((r) => r.id));
    for (const row of local.values())
      if (row.id > cursor && !read.has(row.id) && (!full || row.id < end)) rows.push(row);
    rows.sort((a, b) => a.id - b.id);
    for (const row of rows) {
      if (row.id !== cursor + 1 && cursor !== 0) {
        // Ids are taken at insert and committed in any order: an earlier one may still come.
        gapSince ??= Date.now();
        if (Date.now() - gapSince < gapWaitMs) {
          clearTimeout(retryTimer);
          retryPending = true;
          retryTimer = setTimeout(() => {
            retryPending = false;
            void pump();
          }, 20);
          return false;
        }
        for (let id = cursor + 1; id < row.id; id++) skipped.set(id, Date.now());
      }
      gapSince = undefined;
      cursor = row.id;
      if (row.type === 'chat.updated') await revalidate(row);
      await deliverRow(row);
    }
    for (const id of local.keys()) if (id <= cursor) local.delete(id);
    return rows.length === BATCH || local.has(cursor + 1);
  }

  /** Reads new events and delivers them; concurrent calls coalesce into one more round. */
  function pump(): Promise<void> {
    if (closed) return Promise.resolve();
    // Waiting on a gap, every other commit's wake-up would re-read the same rows and stop at the
    // same gap: read at most every few milliseconds until the retry comes.
    if (retryPending && Date.now() - lastFetchAt < GAP_REREAD_MS) return Promise.resolve();
    if (pumping) {
      pumpAgain = true;
      return pumping;
    }
    pumping = (async () => {
      try {
        do {
          pumpAgain = false;
          if (await fetchOnce()) pumpAgain = true;
        } while (pumpAgain && !closed);
      } catch (err) {
        log.error({ err }, 'realtime: reading events failed');
      } finally {
        pumping = undefined;
      }
    })();
    return pumping;
  }

  /**
   * A chat changed hands or state: whoever watches it is asked again whether they still may, before
   * the change itself is delivered, so a former agent stops receiving that chat at once.
   */
  async function revalidate(row: EventRow) {
    const data = row.data as { id?: unknown; status?: unknown; assignee?: { id?: unknown } | null };
    const id = data.id;
    if (typeof id !== 'string') return;
    // Access only changes with the chat's agent or status; most updates are new messages.
    const key = `${String(data.assignee?.id ?? '')}|${String(data.status)}`;
    const previous = accessKeys.get(id);
    if (accessKeys.size > 50_000) accessKeys.clear();
    accessKeys.set(id, key);
    if (previous === key) return;
    const room = `chat:${id}`;
    const authorize = authorizers.get('chat');
    for (const conn of connections) {
      if (!conn.rooms.has(room)) continue;
      if (!conn.principal || !authorize || !(await authorize(conn.principal, id)))
        conn.rooms.delete(room);
    }
  }

  async function resume(conn: Connection, after: number) {
    if (!(await credentialLives(conn))) return;
    conn.held = [];
    try {
      await pump();
      const [bounds] = await db
        .select({ oldest: min(realtimeEvents.id), newest: max(realtimeEvents.id) })
        .from(realtimeEvents);
      const oldest = bounds?.oldest ?? undefined;
      const pruned = after < cursor && (oldest === undefined || oldest > after + 1);
      if (after > cursor || pruned) {
        control(conn, 'resync', { reason: 'The missed updates are no longer kept.' });
        return;
      }
      const rows = await db
        .select()
        .from(realtimeEvents)
        .where(
          and(
            gt(realtimeEvents.id, after),
            lte(realtimeEvents.id, cursor),
            arrayOverlaps(realtimeEvents.rooms, [...conn.rooms]),
          ),
        )
        .orderBy(asc(realtimeEvents.id))
        .limit(MAX_REPLAY + 1);
      if (rows.length > MAX_REPLAY) {
        control(conn, 'resync', { reason: 'Too much was missed to replay.' });
        return;
      }
      // Kept frames were addressed to whoever could see them then: each is re-authorised now.
      const allowed = replayGate(access, conn);
      let last = after;
      for (const row of rows) {
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
    const [prefix, id] = room.split(':', 2) as [string, string | undefined];
    const authorize = id ? authorizers.get(prefix) : undefined;
    if (!conn.principal || !authorize || !id || !(await authorize(conn.principal, id))) {
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
    else if (msg.type === 'unsubscribe' && conn.principal) {
      // Base rooms come with the session and stay; only joined rooms can be left.
      if (msg.room.includes(':') && !baseRooms(conn.principal).includes(msg.room))
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
    for (const room of baseRooms(before)) conn.rooms.delete(room);
    for (const room of [...conn.rooms]) {
      const [prefix, id] = room.split(':', 2) as [string, string | undefined];
      const authorize = id ? authorizers.get(prefix) : undefined;
      if (!authorize || !(await authorize(principal, id!))) conn.rooms.delete(room);
    }
    for (const room of baseRooms(principal)) conn.rooms.add(room);
  }

  function baseRooms(p: StaffPrincipal): string[] {
    const list = ['staff', `staff:${p.staffId}`, ...p.departmentIds.map((d) => `dept:${d}`)];
    if (p.role !== 'agent') list.push('supervisors');
    return list;
  }

  async function attach(socket: WebSocket, principal: StaffPrincipal) {
    const conn: Connection = {
      socket,
      principal,
      rooms: new Set(baseRooms(principal)),
      held: undefined,
      alive: true,
      resumes: createResumeLimit(),
    };
    connections.add(conn);
    // Messages are handled one at a time so a resume finishes before a later subscribe.
    let chain = Promise.resolve();
    socket.on('message', (data: Buffer) => {
      chain = chain
        .then(() => onMessage(conn, String(data)))
        .catch((err) => log.error({ err }, 'realtime: message failed'));
    });
    socket.on('pong', () => {
      conn.alive = true;
    });
    socket.on('close', () => {
      connections.delete(conn);
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
    const conn: Connection = {
      socket,
      principal: undefined,
      rooms: new Set(widgetRooms),
      held: undefined,
      alive: true,
      resumes: createResumeLimit(),
      widgetSessionId: sessionId,
    };
    connections.add(conn);
    let chain = Promise.resolve();
    socket.on('message', (data: Buffer) => {
      chain = chain
        .then(() => onMessage(conn, String(data)))
        .catch((err) => log.error({ err }, 'realtime: widget message failed'));
    });
    socket.on('pong', () => {
      conn.alive = true;
    });
    socket.on('close', () => {
      connections.delete(conn);
    });
    send(conn, { seq: cursor, type: 'hello', data: { staffId: '', rooms: [] } } as Frame);
  }

  function closeWhere(match: (conn: Connection) => boolean, code: number, reason: string) {
    for (const conn of connections) if (match(conn)) conn.socket.close(code, reason);
  }

  return {
    async start() {
      const [row] = await db.select({ newest: max(realtimeEvents.id) }).from(realtimeEvents);
      cursor = row?.newest ?? 0;
      unsubscribe = bus.subscribe((msg) => {
        if (msg.kind === 'wake' && msg.from !== nodeId) void pump();
        else if (msg.kind === 'session-ended')
          closeWhere(
            (c) => c.principal?.sessionId === msg.sessionId || c.widgetSessionId === msg.sessionId,
            CREDENTIAL_ENDED,
            'session ended',
          );
        else if (msg.kind === 'staff-disconnect')
          closeWhere((c) => c.principal?.staffId === msg.staffId, CREDENTIAL_ENDED, 'signed out');
        else if (msg.kind === 'token-revoked')
          closeWhere(
            (c) => c.principal?.tokenId === msg.tokenId,
            CREDENTIAL_ENDED,
            'token revoked',
          );
      });
      if (credentials) {
        const sweep = () =>
          void credentials
            .sweep()
            .catch((err) => log.error({ err }, 'realtime: checking credentials failed'));
        timers.push(setInterval(sweep, opts.credentialSweepMs ?? 2000));
      }
      // A backstop for a lost wake-up; the bus makes it fast, this makes it certain.
      timers.push(setInterval(() => void pump(), 1000));
      timers.push(
        setInterval(() => {
          for (const conn of connections) {
            if (!conn.alive) conn.socket.terminate();
            conn.alive = false;
            conn.socket.ping();
          }
        }, 30_000),
      );
      timers.push(setInterval(() => void prune(), 5 * 60_000));
      for (const t of timers) t.unref();
    },
    attach,
    attachWidget,
    pump,
    registerRoom(prefix: string, authorize: RoomAuthorizer) {
      authorizers.set(prefix, authorize);
    },
    /** A kind of frame that only some of its rooms' members may read; asked live and on replay. */
    registerFrame(type: ServerEventType, rule: FrameRule) {
      frameRules.set(type, rule);
    },
    /** After a commit: its frames go to this node's sockets, and other nodes are told. */
    wake(frames?: readonly CommittedFrame[]) {
      if (frames && frames.length > 0) {
        // A node stuck behind a gap keeps what it committed in the table, not in memory.
        if (local.size > 10_000) local.clear();
        for (const f of frames) {
          if (f.id <= cursor) continue;
          local.set(f.id, {
            id: f.id,
            rooms: f.rooms,
            type: f.type,
            data: f.data,
            text: `{"seq":${f.id},"type":${JSON.stringify(f.type)},"data":${f.json}}`,
          });
        }
        void pump();
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
      return cursor;
    },
    async close() {
      closed = true;
      unsubscribe?.();
      clearTimeout(retryTimer);
      for (const t of timers) clearInterval(t);
      closeWhere(() => true, 1001, 'server shutting down');
      await pumping;
    },
  };

  async function prune() {
    try {
      await db
        .delete(realtimeEvents)
        .where(
          lt(realtimeEvents.createdAt, sql`now() - ${`${retentionMs} milliseconds`}::interval`),
        );
    } catch (err) {
      log.error({ err }, 'realtime: pruning failed');
    }
  }
}
