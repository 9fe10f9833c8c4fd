import type { EphemeralFrame } from './ephemeral.ts';

/**
 * What nodes tell each other. The bus only signals; the realtime_frames table is the record, so a
 * message lost on the way (Redis pub/sub drops them on reconnect) delays a frame, never loses it.
 */
export type BusMessage =
  /** New frames are in the table; `from` is the node that wrote them, when one did. */
  | { kind: 'wake'; from?: string }
  | { kind: 'session-ended'; sessionId: string }
  | { kind: 'staff-disconnect'; staffId: string }
  /** An API token was revoked or expired: sockets opened with it close. */
  | { kind: 'token-revoked'; tokenId: string }
  /**
   * A frame that is never stored (typing): the one exception to "the bus only signals". Losing
   * it loses an indicator that would have expired in seconds anyway.
   */
  | { kind: 'ephemeral'; from: string; frame: EphemeralFrame };

export type Bus = {
  publish(message: BusMessage): Promise<void>;
  subscribe(handler: (message: BusMessage) => void): () => void;
  close(): Promise<void>;
};

/** One process: handlers run on a later tick, as they would after a network hop. */
export function createInProcessBus(): Bus {
  const handlers = new Set<(message: BusMessage) => void>();
  return {
    async publish(message) {
      queueMicrotask(() => {
        for (const handler of handlers) handler(message);
      });
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async close() {
      handlers.clear();
    },
  };
}
