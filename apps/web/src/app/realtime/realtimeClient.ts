import { ServerFrames } from '@parley/contract';
import type { ClientMessage, Frame, ServerFrameMap, ServerFrameType } from '@parley/contract';

/** The server closes with this code when the session behind the socket has ended. */
export const SESSION_ENDED_CODE = 4401;
const OPEN = 1;

export type RealtimeStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The slice of the browser WebSocket this client uses, so tests can hand in a fake. */
export type SocketLike = {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
};

export type FrameHandler<K extends ServerFrameType> = (
  data: ServerFrameMap[K],
  frame: Frame<K>,
) => void;

export type RealtimeClientOptions = {
  url: string;
  createSocket?: (url: string) => SocketLike;
  pingIntervalMs?: number;
  /** A ping unanswered this long means the connection stalled: drop it and reconnect. */
  pongTimeoutMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
};

/**
 * Moments the app must react to, beyond frames:
 * - `resync`: the server could not replay what was missed; everything cached may be stale.
 * - `sessionEnded`: closed with 4401 (signed out elsewhere, expired); reconnecting stops.
 * - `connectFailed`: a socket closed before it opened. The server refuses an expired session
 *   with a plain 401 before the upgrade, which the browser reports only as a failed
 *   connection, so the app should check the session itself.
 */
export type LifecycleEvent = 'resync' | 'sessionEnded' | 'connectFailed';

export type RealtimeClient = {
  start(): void;
  stop(): void;
  /** Give up on the current connection at once, e.g. when the browser reports it is offline. */
  dropConnection(): void;
  /** Skip the remaining backoff wait, e.g. when the browser reports it is online again. */
  reconnectNow(): void;
  subscribe<K extends ServerFrameType>(type: K, handler: FrameHandler<K>): () => void;
  on(event: LifecycleEvent, listener: () => void): () => void;
  send(message: ClientMessage): boolean;
  /**
   * Asks for a room's frames (e.g. `chat:<id>`) for as long as the returned function is not
   * called. Rooms are counted per caller and re-joined after every reconnect, before the resume,
   * so the replay includes them. A refused room answers with an `error` frame whose `ref` is it.
   */
  joinRoom(room: string): () => void;
  getStatus(): RealtimeStatus;
  onStatusChange(listener: () => void): () => void;
  getLastSeq(): number | null;
};

/** Exponential backoff capped at `max`, plus up to 30% jitter so a restarted server is not stampeded. */
export function backoffDelay(
  attempt: number,
  initial: number,
  max: number,
  random: number,
): number {
  const base = Math.min(max, initial * 2 ** attempt);
  return Math.round(base + base * 0.3 * random);
}

type RawFrame = { seq: number | null; type: string; data: unknown };

function readFrame(raw: unknown): RawFrame | null {
  if (typeof raw !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const { seq, type, data } = json as Record<string, unknown>;
  if (typeof type !== 'string') return null;
  return { seq: typeof seq === 'number' && Number.isInteger(seq) ? seq : null, type, data };
}

function isKnownType(type: string): type is ServerFrameType {
  return Object.hasOwn(ServerFrames, type);
}

// Handlers are stored untyped; `subscribe` is the typed door, and a frame only reaches the
// handlers of its type after its data passed that type's schema.
type StoredHandler = (data: unknown, frame: { seq: number; type: string; data: unknown }) => void;

export function createRealtimeClient(options: RealtimeClientOptions): RealtimeClient {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const pingIntervalMs = options.pingIntervalMs ?? 25_000;
  const pongTimeoutMs = options.pongTimeoutMs ?? 10_000;
  const initialBackoffMs = options.initialBackoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;
  const random = options.random ?? Math.random;

  const handlers = new Map<string, Set<StoredHandler>>();
  const statusListeners = new Set<() => void>();
  const lifecycle: Record<LifecycleEvent, Set<() => void>> = {
    resync: new Set(),
    sessionEnded: new Set(),
    connectFailed: new Set(),
  };
  let status: RealtimeStatus = 'closed';
  let socket: SocketLike | null = null;
  let running = false;
  let attempt = 0;
  let lastSeq: number | null = null;
  let helloSeq: number | null = null;
  /** This connection asked to resume, so a replay may still be on its way. */
  let resuming = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let pingTimer: ReturnType<typeof setInterval> | null = null;
  let pongTimer: ReturnType<typeof setTimeout> | null = null;
  /** Rooms someone asked for, with how many callers hold each. */
  const wantedRooms = new Map<string, number>();

  function setStatus(next: RealtimeStatus) {
    if (next === status) return;
    status = next;
    for (const listener of statusListeners) listener();
  }

  function notify(event: LifecycleEvent) {
    for (const listener of lifecycle[event]) listener();
  }

  function send(message: ClientMessage): boolean {
    if (!socket || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  function emit(frame: RawFrame, data: unknown) {
    const seq = frame.seq ?? lastSeq ?? 0;
    for (const handler of handlers.get(frame.type) ?? []) {
      handler(data, { seq, type: frame.type, data });
    }
  }

  function handleMessage(raw: unknown) {
    // Any frame proves the connection alive.
    if (pongTimer !== null) clearTimeout(pongTimer);
    pongTimer = null;
    const frame = readFrame(raw);
    if (!frame) return;
    // `hello` and `error` carry the server's current position, not an event we received: on a
    // resumed connection that position is ahead of the replay still on its way.
    // An ephemeral frame (typing, `seq` 0) is never stored: it is no point to resume from.
    const isControl =
      frame.type === 'error' || frame.type === 'typing' || (frame.type === 'hello' && resuming);
    if (frame.seq !== null && !isControl) {
      lastSeq = lastSeq === null ? frame.seq : Math.max(lastSeq, frame.seq);
    }

    if (frame.type === 'hello') {
      helloSeq = frame.seq;
      // Only a connection that got as far as `hello` counts as recovered; a socket that opens
      // and drops at once must keep backing off.
      attempt = 0;
    }
    if (frame.type === 'resync') {
      // What we had is gone; the stream continues from here, not from our stale high mark.
      lastSeq = frame.seq ?? helloSeq ?? lastSeq;
      notify('resync');
    }
    if (!isKnownType(frame.type)) return; // a newer server's event: not ours to handle yet
    const parsed = ServerFrames[frame.type].safeParse(frame.data);
    if (parsed.success) emit(frame, parsed.data);
  }

  function stopPing() {
    if (pingTimer !== null) clearInterval(pingTimer);
    pingTimer = null;
    if (pongTimer !== null) clearTimeout(pongTimer);
    pongTimer = null;
  }

  function ping() {
    if (!send({ type: 'ping' }) || pongTimer !== null) return;
    pongTimer = setTimeout(dropConnection, pongTimeoutMs);
  }

  /**
   * A stalled socket may take minutes to report its close: stop listening to it now and
   * reconnect, resuming from the last frame we have.
   */
  function dropConnection() {
    const current = socket;
    if (!current || !running) return;
    socket = null;
    stopPing();
    current.onopen = null;
    current.onmessage = null;
    current.onclose = null;
    current.close(4000, 'connection stalled');
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (!running) return;
    setStatus('reconnecting');
    const delay = backoffDelay(attempt, initialBackoffMs, maxBackoffMs, random());
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  }

  function connect() {
    if (!running) return;
    if (status !== 'reconnecting') setStatus('connecting');
    const current = createSocket(options.url);
    socket = current;
    let opened = false;
    current.onopen = () => {
      if (socket !== current) return;
      setStatus('open');
      opened = true;
      resuming = lastSeq !== null;
      // The server handles messages in order: joined rooms first, so the replay covers them.
      for (const room of wantedRooms.keys()) send({ type: 'subscribe', room });
      if (lastSeq !== null) send({ type: 'resume', after: lastSeq });
      stopPing();
      pingTimer = setInterval(ping, pingIntervalMs);
    };
    current.onmessage = (event) => {
      if (socket === current) handleMessage(event.data);
    };
    current.onerror = () => {
      // Every error is followed by a close event, which decides what happens next.
    };
    current.onclose = (event) => {
      if (socket !== current) return;
      socket = null;
      stopPing();
      if (!running) return;
      if (event.code === SESSION_ENDED_CODE) {
        running = false;
        setStatus('closed');
        notify('sessionEnded');
        return;
      }
      scheduleReconnect();
      if (!opened) notify('connectFailed');
    };
  }

  return {
    start() {
      if (running) return;
      running = true;
      connect();
    },
    stop() {
      running = false;
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      stopPing();
      const current = socket;
      socket = null;
      current?.close(1000, 'client stopped');
      setStatus('closed');
    },
    dropConnection,
    reconnectNow() {
      if (!running || retryTimer === null) return;
      clearTimeout(retryTimer);
      retryTimer = null;
      connect();
    },
    subscribe(type, handler) {
      const set = handlers.get(type) ?? new Set<StoredHandler>();
      handlers.set(type, set);
      const stored = handler as unknown as StoredHandler;
      set.add(stored);
      return () => {
        set.delete(stored);
      };
    },
    send,
    joinRoom(room) {
      const holders = wantedRooms.get(room) ?? 0;
      wantedRooms.set(room, holders + 1);
      if (holders === 0) send({ type: 'subscribe', room });
      let left = false;
      return () => {
        if (left) return;
        left = true;
        const remaining = (wantedRooms.get(room) ?? 1) - 1;
        if (remaining > 0) {
          wantedRooms.set(room, remaining);
          return;
        }
        wantedRooms.delete(room);
        send({ type: 'unsubscribe', room });
      };
    },
    on(event, listener) {
      lifecycle[event].add(listener);
      return () => {
        lifecycle[event].delete(listener);
      };
    },
    getStatus: () => status,
    onStatusChange(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    getLastSeq: () => lastSeq,
  };
}
