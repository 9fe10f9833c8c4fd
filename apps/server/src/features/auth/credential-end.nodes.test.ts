import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bus, createInProcessBus } from '../../realtime/bus.ts';
import { createRedisBus } from '../../realtime/redis-bus.ts';
import { makeStaff, signIn, testApp, testDatabase, type TestApp } from '../../test/harness.ts';
import { listenForSockets, type SocketOpener } from '../../test/listening.ts';
import { deactivateStaff } from './staff-access.service.ts';

const redisUrl = process.env.REDIS_URL;

/**
 * Two nodes on one database, as in production: over Redis when REDIS_URL is set (CI must set it),
 * else over one in-process bus standing in for it. Their periodic checks are slowed down, so only
 * the message between the nodes can close a socket in time.
 */
describe('a credential ended on one node closes its sockets on the other', () => {
  let first: TestApp;
  let second: TestApp;
  let onSecond: SocketOpener;
  const buses: Bus[] = [];
  afterAll(async () => {
    // The nodes first: closing sockets publishes presence wake-ups on their buses.
    await Promise.all([first?.app.close(), second?.app.close()]);
    await Promise.all(buses.map((b) => b.close()));
  });

  beforeAll(async () => {
    if (process.env.CI === 'true' && !redisUrl)
      throw new Error('REDIS_URL must be set in CI: the nodes talk over Redis there');
    const database = await testDatabase();
    const shared = redisUrl ? undefined : createInProcessBus();
    const busFor = async () => shared ?? (await createRedisBus(redisUrl!));
    buses.push(await busFor(), await busFor());
    first = await testApp({ database, bus: buses[0], credentialSweepMs: 60_000 });
    second = await testApp({ database, bus: buses[1], credentialSweepMs: 60_000 });
    onSecond = await listenForSockets(second.app);
  });

  it('signing out on the first node closes that session’s socket on the second (4401)', async () => {
    const person = await makeStaff(first.db);
    const cookie = await signIn(first.app, person.email);
    const socket = onSecond({ cookie });
    await socket.opened;
    await socket.settled();
    const out = await first.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie },
    });
    expect(out.statusCode).toBe(204);
    expect(await socket.closed).toBe(4401);
  });

  it('deactivating on the first node closes the person’s sockets on the second (4401)', async () => {
    const person = await makeStaff(first.db);
    const socket = onSecond({ cookie: await signIn(second.app, person.email) });
    await socket.opened;
    await socket.settled();
    const started = Date.now();
    await deactivateStaff(
      {
        db: first.db,
        notifier: { wake: () => undefined },
        presence: first.presence,
        bus: first.bus,
      },
      { kind: 'system', reason: 'test' },
      { id: person.id },
    );
    expect(await socket.closed).toBe(4401);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
