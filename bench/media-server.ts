/**
 * The server side of the media benchmark (bench/media.ts), in its own process: the whole app
 * with a WhatsApp channel whose Graph API is the load generator's fake, and the outbox worker
 * that fetches customers' media. Prints one JSON line when ready.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app.ts';
import type { Database } from '../apps/server/src/db/client.ts';
import { migrateDatabase } from '../apps/server/src/db/migrate.ts';
import { freshBenchDatabase } from './fresh-database.ts';
import { APP_SECRET, PHONE_NUMBER_ID } from './media-constants.ts';
import { channels, departments, staff } from '../apps/server/src/db/schema.ts';
import { createStaff } from '../apps/server/src/features/auth/staff.service.ts';
import {
  installSecretKeys,
  startOutboxWorker,
  storeChannelSecrets,
} from '../apps/server/src/features/channels/index.ts';
import { receiveInbound } from '../apps/server/src/features/chats/index.ts';
import { diskFileStore } from '../apps/server/src/features/files/index.ts';
import { systemPrincipal } from '../apps/server/src/principal.ts';
import { createInProcessBus } from '../apps/server/src/realtime/bus.ts';
import { createLocalPresence } from '../apps/server/src/realtime/presence.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    customers: { type: 'string', default: '50' },
    graph: { type: 'string' },
  },
});
const CUSTOMERS = Number(values.customers);
const CHANNEL = 'bench-whatsapp';

const openFresh = async (): Promise<Database> =>
  (await freshBenchDatabase(values.engine!, 'parley_bench_media', 10)).database;

const phoneOf = (i: number) => `+2782${String(1_000_000 + i).padStart(7, '0')}`;

async function main() {
  if (!values.graph) throw new Error('--graph <base URL of the fake Graph API> is required');
  const database = await openFresh();
  await migrateDatabase(database);
  const db = database.db;
  installSecretKeys({ current: randomBytes(32) });
  const [dept] = await db.insert(departments).values({ name: 'Bench' }).returning();
  await db.insert(channels).values({
    id: CHANNEL,
    kind: 'whatsapp',
    name: 'Bench WhatsApp',
    departmentId: dept!.id,
    defaultRegion: 'ZA',
    settings: { phoneNumberId: PHONE_NUMBER_ID, apiBaseUrl: values.graph },
  });
  await storeChannelSecrets(db, CHANNEL, {
    appSecret: APP_SECRET,
    accessToken: 'bench-token',
    verifyToken: 'bench-verify',
  });
  const presence = createLocalPresence();
  const agent = await createStaff(
    { db, notifier: { wake: () => undefined }, presence },
    systemPrincipal('bench'),
    {
      email: 'bench@bench.parley',
      name: 'Bench Agent',
      role: 'agent',
      departments: ['Bench'],
      password: 'bench-password-1',
      capacity: 100,
    },
  );
  await db.update(staff).set({ available: true }).where(eq(staff.id, agent.id));

  const files = diskFileStore(mkdtempSync(path.join(os.tmpdir(), 'parley-bench-files-')));
  const worker: { wake?: () => void } = {};
  const app = await buildApp({
    config: { origins: undefined, trustProxy: false, logLevel: 'silent' },
    database,
    bus: createInProcessBus(),
    presence,
    logger: false,
    files,
    outbox: { wake: () => worker.wake?.() },
  });
  const outbox = startOutboxWorker({
    db,
    notifier: { wake: (frames) => app.hub.wake(frames) },
    log: app.log,
    files,
  });
  worker.wake = () => outbox.wake();

  // Every customer's chat exists and is live before the clock starts.
  await presence.connected(agent.id);
  const chatIds: string[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const r = await receiveInbound(
      { db, presence, notifier: { wake: () => app.hub.wake() } },
      { channelId: CHANNEL, providerMessageId: `warm-${i}`, from: phoneOf(i), text: 'hello' },
    );
    chatIds.push(r.chatId);
  }
  await presence.disconnected(agent.id);
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: 'bench@bench.parley', password: 'bench-password-1' },
  });
  const cookie = `parley_session=${signIn.cookies.find((c) => c.name === 'parley_session')?.value}`;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(JSON.stringify({ ready: true, port, cookie, chatIds, channelId: CHANNEL }));
}

process.on('SIGINT', () => process.exit(0));

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
