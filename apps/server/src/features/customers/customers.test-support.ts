import type { Frame } from '@parley/contract';
import { afterAll } from 'vitest';
import WebSocket from 'ws';
import type { Db } from '../../db/client.ts';
import { chats, customers } from '../../db/schema.ts';
import { makeChannel, type TestApp, uniquePhone } from '../../test/harness.ts';
import { noteRoutes } from '../notes/index.ts';
import { customerRoutes } from './customers.routes.ts';
import { customerRoomAuthorizer } from './customers.service.ts';

/**
 * Registers the customer and note routes and the `customer` room on a test app, unless app.ts
 * already does. Call before the app's first request.
 */
export async function withCustomerRoutes(t: TestApp) {
  const deps = { db: t.db, notifier: { wake: () => t.app.hub.wake() } };
  if (!t.app.hasRoute({ method: 'GET', url: '/api/customers/:id' }))
    await t.app.register(customerRoutes, deps);
  if (!t.app.hasRoute({ method: 'GET', url: '/api/customers/:id/notes' }))
    await t.app.register(noteRoutes, deps);
  t.app.hub.registerRoom('customer', customerRoomAuthorizer(t.db));
  return deps;
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
  const open: WebSocket[] = [];
  afterAll(() => {
    for (const s of open) s.terminate();
  });
  return function connect(cookie: string) {
    const ws = new WebSocket(`ws://${base}/api/realtime`, {
      headers: { origin: `http://${base}`, cookie },
    });
    open.push(ws);
    const frames: Frame[] = [];
    const waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as Frame;
      frames.push(frame);
      for (const w of [...waiters])
        if (w.match(frame)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(frame);
        }
    });
    const next = (match: (f: Frame) => boolean, ms = 5000) =>
      new Promise<Frame>((resolve, reject) => {
        const seen = frames.find(match);
        if (seen) return resolve(seen);
        const timer = setTimeout(() => reject(new Error(`no matching frame in ${ms} ms`)), ms);
        waiters.push({ match, resolve: (f) => (clearTimeout(timer), resolve(f)) });
      });
    const opened = new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
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
