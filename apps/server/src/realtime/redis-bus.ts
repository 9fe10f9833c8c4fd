import { createClient } from 'redis';
import type { Bus, BusMessage } from './bus.ts';

const CHANNEL = 'parley:bus';

export type RedisBus = Bus & { ping(): Promise<void> };

/**
 * The bus between nodes over Redis pub/sub. Pub/sub forgets what it could not deliver, which is
 * why messages here are only signals: the database holds what they point at.
 */
export async function createRedisBus(url: string): Promise<RedisBus> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  // Errors surface through readiness and failed publishes; the clients reconnect by themselves.
  pub.on('error', () => undefined);
  sub.on('error', () => undefined);
  await Promise.all([pub.connect(), sub.connect()]);
  const handlers = new Set<(message: BusMessage) => void>();
  await sub.subscribe(CHANNEL, (raw) => {
    let message: BusMessage;
    try {
      message = JSON.parse(raw) as BusMessage;
    } catch {
      return;
    }
    for (const handler of handlers) handler(message);
  });
  // Reconnecting loses what was published meanwhile: tell the hubs to look for themselves.
  sub.on('ready', () => {
    for (const handler of handlers) handler({ kind: 'wake' });
  });
  return {
    async publish(message) {
      await pub.publish(CHANNEL, JSON.stringify(message));
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async ping() {
      await pub.ping();
    },
    async close() {
      handlers.clear();
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}
