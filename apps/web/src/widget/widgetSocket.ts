import type { WidgetChat, WidgetFrame, WidgetMessage } from '@parley/contract';

/** The parts of a WebSocket the widget uses; tests pass a fake. */
export type SocketLike = {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
};

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting';

export type WidgetSocketHandlers = {
  message(message: WidgetMessage): void;
  /** What the visitor may know of their chat changed: queued, taken, became a ticket. */
  chat?(chat: WidgetChat): void;
  /** A dropped connection resumed: state frames are not replayed, so ask for the state. */
  resumed?(): void;
  /**
   * Load the conversation again: on the first connection (anything said between the page's load
   * and the socket's hello), when the server cannot replay what was missed, and after a failed
   * connection (which may mean the session is gone; the load will tell).
   */
  reload(): void;
  status(status: ConnectionStatus): void;
  /** The server ended this session. */
  sessionEnded(): void;
  /** The chat's agent is typing (first name), until `until`: ephemeral, never replayed. */
  typing?(typing: { chatId: string; name: string | null; until: string }): void;
};

/** What a widget may say on its socket besides resumes. */
export type WidgetClientMessage = { type: 'typing'; chatId: string };

/** Closes the connection for good; `send` says something on it (dropped while disconnected). */
export type WidgetConnection = (() => void) & { send(message: WidgetClientMessage): void };

export const SESSION_ENDED_CODE = 4401;

type Options = {
  createSocket?: (url: string) => SocketLike;
  /** Delay before reconnect attempt n (0-based). */
  backoff?: (attempt: number) => number;
};

const defaultBackoff = (attempt: number) =>
  Math.min(15_000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);

/**
 * Keeps a widget connected: reconnects with backoff and resumes after the last frame it saw, so
 * a dropped connection loses nothing. Returns a function that closes it for good.
 */
export function connectWidgetSocket(
  url: string,
  on: WidgetSocketHandlers,
  options: Options = {},
): WidgetConnection {
  const create = options.createSocket ?? ((url: string) => new WebSocket(url) as SocketLike);
  const backoff = options.backoff ?? defaultBackoff;
  let socket: SocketLike | undefined;
  let lastSeq: number | undefined;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function open() {
    timer = undefined;
    let greeted = false;
    const current = create(url);
    socket = current;
    current.onmessage = (event) => {
      let frame: WidgetFrame;
      try {
        frame = JSON.parse(String(event.data)) as WidgetFrame;
      } catch {
        return;
      }
      if (frame.type === 'hello') {
        greeted = true;
        attempt = 0;
        on.status('open');
        if (lastSeq === undefined) {
          lastSeq = frame.seq;
          on.reload();
        } else {
          current.send(JSON.stringify({ type: 'resume', after: lastSeq }));
          // The chat's state is not replayed (it may have changed meanwhile): ask for it.
          on.resumed?.();
        }
      } else if (frame.type === 'resync') {
        lastSeq = frame.seq;
        on.reload();
      } else if (frame.type === 'chat.ended') {
        // The agent (or the system) ended the chat: the conversation's state says how.
        lastSeq = Math.max(lastSeq ?? 0, frame.seq);
        on.reload();
      } else if (frame.type === 'widget.chat') {
        lastSeq = Math.max(lastSeq ?? 0, frame.seq);
        on.chat?.(frame.data);
      } else if (frame.type === 'typing') {
        // Ephemeral (seq 0): it never moves the resume point.
        on.typing?.({
          chatId: frame.data.chatId,
          name: frame.data.who.name ?? null,
          until: frame.data.until,
        });
      } else if (frame.type === 'message.created' || frame.type === 'message.updated') {
        lastSeq = Math.max(lastSeq ?? 0, frame.seq);
        on.message(frame.data);
      }
    };
    current.onclose = (event) => {
      if (stopped || socket !== current) return;
      socket = undefined;
      if (event.code === SESSION_ENDED_CODE) {
        stopped = true;
        on.sessionEnded();
        return;
      }
      on.status('reconnecting');
      if (!greeted) on.reload();
      schedule();
    };
  }

  function schedule() {
    if (stopped || timer !== undefined) return;
    timer = setTimeout(open, backoff(attempt));
    attempt += 1;
  }

  // Back online: try now rather than at the end of a long backoff.
  const online = () => {
    if (stopped || socket || timer === undefined) return;
    clearTimeout(timer);
    open();
  };
  window.addEventListener('online', online);

  on.status('connecting');
  open();

  const close = () => {
    stopped = true;
    clearTimeout(timer);
    window.removeEventListener('online', online);
    socket?.close(1000);
    socket = undefined;
  };
  return Object.assign(close, {
    send(message: WidgetClientMessage) {
      if (socket && socket.readyState === 1) socket.send(JSON.stringify(message));
    },
  });
}
