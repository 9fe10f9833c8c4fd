import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Database, type Db, queryRows } from '../../db/client.ts';
import { messages, outbox } from '../../db/schema.ts';
import type { FileStore } from '../files/index.ts';
import { emptyDatabase } from '../../test/harness.ts';
import { type OutboxOptions, type OutboxWorker, startOutboxWorker } from './outbox.worker.ts';
import { startFakeProvider } from './test-support.ts';
import { rooms } from '../../realtime/rooms.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * A database of the file's own for outbox tests: a worker drains every due row it can see, so on
 * a shared database it would send other files' replies (and theirs ours). Workers and providers
 * started through it are stopped after each test.
 */
export function outboxTestbed() {
  let database: Database;
  const workers: OutboxWorker[] = [];
  const providers: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    database = await emptyDatabase();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await Promise.all(providers.splice(0).map((p) => p.close()));
  });
  afterAll(() => database.close());

  return {
    get db(): Db {
      return database.db;
    },
    /** A worker that polls rarely: tests drive it with drain() or wake(). */
    worker(opts: OutboxOptions = {}, files?: FileStore) {
      const w = startOutboxWorker(
        { db: database.db, notifier: { wake: () => undefined }, log: silent, files },
        { intervalMs: 60_000, ...opts },
      );
      workers.push(w);
      return w;
    },
    async provider(...args: Parameters<typeof startFakeProvider>) {
      const p = await startFakeProvider(...args);
      providers.push(p);
      return p;
    },
    async message(id: string) {
      const [row] = await database.db.select().from(messages).where(eq(messages.id, id));
      return row;
    },
    async outboxOf(messageId: string) {
      const [row] = await database.db.select().from(outbox).where(eq(outbox.messageId, messageId));
      return row;
    },
    async frames(chatId: string) {
      const rows = await queryRows<{
        data: { id: string; status: string; failureReason: string | null };
      }>(
        database.db,
        sql`select data from realtime_frames where type = 'message.updated' and ${rooms.chat(chatId)} = any(rooms) order by id`,
      );
      return rows.map((r) => r.data);
    },
  };
}
