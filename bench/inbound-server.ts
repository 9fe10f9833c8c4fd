/**
 * One side of the inbound benchmark, run in its own process so the load generator does not share
 * its event loop. `--mode parley` is the whole app; `--mode baseline` writes the same rows with the
 * raw driver and sends a bare WebSocket frame. Prints one JSON line when ready.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { WebSocketServer, type WebSocket } from 'ws';
import { buildApp } from '../apps/server/src/app.ts';
import type { Database } from '../apps/server/src/db/client.ts';
import { migrateDatabase } from '../apps/server/src/db/migrate.ts';
import { freshBenchDatabase } from './fresh-database.ts';
import { eq } from 'drizzle-orm';
import { channels, departments, staff } from '../apps/server/src/db/schema.ts';
import {
  installSecretKeys,
  sealLegacySecrets,
} from '../apps/server/src/features/channels/index.ts';
import { receiveInbound } from '../apps/server/src/features/chats/index.ts';
import { createStaff } from '../apps/server/src/features/auth/staff.service.ts';
import { systemPrincipal } from '../apps/server/src/principal.ts';
import { createInProcessBus } from '../apps/server/src/realtime/bus.ts';
import { createLocalPresence } from '../apps/server/src/realtime/presence.ts';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'parley' },
    engine: { type: 'string', default: 'pglite' },
    customers: { type: 'string', default: '50' },
  },
});
const CUSTOMERS = Number(values.customers);
export const SECRET = 'bench-secret';
const CHANNEL = 'bench-webhook';

const openFresh = async (): Promise<Database> =>
  (await freshBenchDatabase(values.engine!, 'parley_bench', 10)).database;

const phoneOf = (i: number) => `+2782${String(1_000_000 + i).padStart(7, '0')}`;

async function main() {
  const database = await openFresh();
  await migrateDatabase(database);
  const db = database.db;
  const [dept] = await db.insert(departments).values({ name: 'Bench' }).returning();
  await db.insert(channels).values({
    id: CHANNEL,
    kind: 'webhook',
    name: 'Bench',
    departmentId: dept!.id,
    defaultRegion: 'ZA',
    secret: SECRET,
  });
  // Sealed at start-up as a real server does with a channel stored in plain text.
  installSecretKeys({ current: randomBytes(32) });
  await sealLegacySecrets(db);
  const presence = createLocalPresence();
  const staffDeps = { db, notifier: { wake: () => undefined }, presence };
  const agent = await createStaff(staffDeps, systemPrincipal('bench'), {
    email: 'bench@bench.parley',
    name: 'Bench Agent',
    role: 'agent',
    departments: ['Bench'],
    password: 'bench-password-1',
    capacity: 100,
  });
  await db.update(staff).set({ available: true }).where(eq(staff.id, agent.id));

  if (values.mode === 'baseline') return baseline(database);

  const app = await buildApp({
    config: { origins: undefined, trustProxy: false, logLevel: 'silent' },
    database,
    bus: createInProcessBus(),
    presence,
    logger: false,
  });
  // Every customer already has a live chat with the agent, as on a busy desk.
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
  console.log(
    JSON.stringify({
      ready: true,
      port,
      cookie,
      chatIds,
      channelId: CHANNEL,
      secret: SECRET,
      customers: CUSTOMERS,
    }),
  );
}

/** The same rows a message to an open chat writes, with the raw driver, then a bare frame. */
async function baseline(database: Database) {
  const sockets = new Set<WebSocket>();
  const run = async (text: string, params: unknown[]) => {
    if (database.raw.kind === 'pglite') return (await database.raw.client.query(text, params)).rows;
    return (await database.raw.pool.query(text, params)).rows;
  };
  const transaction = async <T>(
    fn: (q: (text: string, params: unknown[]) => Promise<unknown[]>) => Promise<T>,
  ) => {
    if (database.raw.kind === 'pglite')
      return database.raw.client.transaction((tx) =>
        fn(async (t, p) => (await tx.query(t, p)).rows),
      );
    const client = await database.raw.pool.connect();
    try {
      await client.query('begin');
      const result = await fn(async (t, p) => (await client.query(t, p)).rows);
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback');
      throw err;
    } finally {
      client.release();
    }
  };
  const [dept] = (await run(`select department_id as id from channels where id = $1`, [
    CHANNEL,
  ])) as { id: string }[];
  for (let i = 0; i < CUSTOMERS; i++) {
    const [c] = (await run(`insert into customers (phone) values ($1) returning id`, [
      phoneOf(i),
    ])) as { id: string }[];
    await run(
      `insert into chats (customer_id, channel_id, department_id, status) values ($1, $2, $3, 'live')`,
      [c!.id, CHANNEL, dept!.id],
    );
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        messageId: string;
        from: string;
        text: string;
      };
      transaction(async (q) => {
        const [customer] = (await q(
          `insert into customers (phone) values ($1) on conflict (phone) do update set name = coalesce(customers.name, excluded.name) returning id`,
          [body.from],
        )) as { id: string }[];
        const [chat] = (await q(
          `select id from chats where customer_id = $1 and channel_id = $2 and status <> 'closed' for update`,
          [customer!.id, CHANNEL],
        )) as { id: string }[];
        const [message] = (await q(
          `insert into messages (chat_id, channel_id, direction, text, author_kind, status, provider_message_id) values ($1, $2, 'in', $3, 'customer', 'received', $4) returning id, seq, created_at`,
          [chat!.id, CHANNEL, body.text, body.messageId],
        )) as { id: string; seq: number }[];
        await q(
          `update chats set last_activity_at = now(), last_customer_activity_at = now() where id = $1`,
          [chat!.id],
        );
        return { chatId: chat!.id, message: message! };
      })
        .then(({ chatId, message }) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ accepted: true, duplicate: false, chatId }));
          const frame = JSON.stringify({
            seq: message.seq,
            type: 'message.created',
            data: { id: message.id, chatId, text: body.text },
          });
          for (const s of sockets) s.send(frame);
        })
        .catch((err: unknown) => {
          res.writeHead(500);
          res.end(String(err));
        });
    });
  });
  const wss = new WebSocketServer({ server, path: '/api/realtime' });
  wss.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(
    JSON.stringify({
      ready: true,
      port,
      cookie: '',
      chatIds: [],
      channelId: CHANNEL,
      secret: SECRET,
      customers: CUSTOMERS,
    }),
  );
}

// A clean exit on SIGINT lets --cpu-prof write its profile.
process.on('SIGINT', () => process.exit(0));

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
