import type { Frame } from '@parley/contract';
import type { Db } from '../../db/client.ts';
import { chats, customers } from '../../db/schema.ts';
import { makeChannel, type TestApp, uniquePhone } from '../../test/harness.ts';
import { recordingSocket } from '../../test/socket.ts';

/** The services' dependencies on a test app (app.ts registers the routes and the room). */
export async function withCustomerRoutes(t: TestApp) {
  return { db: t.db, notifier: { wake: () => t.app.hub.wake() } };
}

export async function makeCustomer(db: Db, values: Partial<typeof customers.$inferInsert> = {}) {
  const [row] = await db
    .insert(customers)
    .values({ phone: uniquePhone(), ...values })
    .returning();
  if (!row) throw new Error('no customer');
  return row;
}

/** A chat of the customer in the given status, on a fresh channel. */
export async function makeChatOf(
  db: Db,
  customerId: string,
  status: 'queued' | 'live' | 'pending' | 'closed' = 'closed',
) {
  const { channel, department } = await makeChannel(db);
  const [chat] = await db
    .insert(chats)
    .values({
      customerId,
      channelId: channel.id,
      departmentId: department.id,
      status,
      closedAt: status === 'closed' ? new Date() : null,
    })
    .returning();
  if (!chat) throw new Error('no chat');
  return chat;
}

/** Listens on a free port and opens staff sockets that record frames. */
export async function socketsFor(t: TestApp) {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const base = `127.0.0.1:${address.port}`;
  return function connect(cookie: string) {
    const { ws, frames, next, opened } = recordingSocket<Frame>(`ws://${base}/api/realtime`, {
      origin: `http://${base}`,
      cookie,
    });
    const subscribe = async (room: string) => {
      await opened;
      await next((f) => f.type === 'hello');
      ws.send(JSON.stringify({ type: 'subscribe', room }));
      return next(
        (f) =>
          (f.type === 'subscribed' && f.data.room === room) ||
          (f.type === 'error' && f.data.ref === room),
      );
    };
    return { ws, frames, next, subscribe };
  };
}
