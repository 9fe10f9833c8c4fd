import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { type App, buildApp } from '../app.ts';
import { type Database, type Db, openPostgres, pgliteDatabase } from '../db/client.ts';
import * as schema from '../db/schema.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { createStaff } from '../features/auth/staff.service.ts';
import { installSecretKeys, storeChannelSecrets } from '../features/channels/index.ts';
import type { FileStore } from '../features/files/index.ts';
import { type Bus, createInProcessBus } from '../realtime/bus.ts';
import { type Presence, createLocalPresence } from '../realtime/presence.ts';
import { type Principal, systemPrincipal } from '../principal.ts';
import { withDatabase } from './global-setup.ts';
import type { Mailer } from '../mail.ts';

/** Tests seal channel secrets with a fixed key, as a server does with PARLEY_SECRET_KEY. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7);
installSecretKeys({ current: TEST_SECRET_KEY });

export const engine = (process.env.PARLEY_TEST_ENGINE ?? 'pglite') as 'pglite' | 'postgres';

let shared: Promise<Database> | undefined;

/**
 * The database this test file shares: a copy of the migrated template on the embedded engine, the
 * run's migrated database on the server. Tests isolate themselves by making their own rows.
 */
export function testDatabase(): Promise<Database> {
  shared ??= (async () => {
    const database = await openFresh();
    afterAll(() => database.close());
    return database;
  })();
  return shared;
}

async function openFresh(): Promise<Database> {
  if (engine === 'postgres') return openPostgres(inject('postgresUrl'), 4);
  const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
  const client = new PGlite({ loadDataDir: template });
  await client.waitReady;
  return pgliteDatabase(client);
}

/** A database of its own, empty but migrated, for tests about an empty start (demo data). */
export async function emptyDatabase(): Promise<Database> {
  if (engine === 'pglite') return openFresh();
  const base = inject('postgresUrl');
  const name = `parley_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const database = await openPostgres(withDatabase(base, name), 2);
  await migrateDatabase(database);
  const close = database.close;
  database.close = async () => {
    await close();
    const drop = new pg.Client({ connectionString: base });
    await drop.connect();
    await drop.query(`drop database if exists ${name} with (force)`);
    await drop.end();
  };
  return database;
}

export type TestApp = { app: App; database: Database; db: Db; presence: Presence; bus: Bus };

/** A whole app on the shared test database, closed after the file. */
export async function testApp(
  opts: {
    origins?: string[];
    database?: Database;
    bus?: Bus;
    credentialSweepMs?: number;
    mailer?: Mailer;
    webhooks?: { wake(): void; allowPrivateTargets?: boolean };
    webRoot?: string;
    /**
     * Most tests describe the live queue, where a conversation waits even when nobody is online:
     * they run with the admin setting `ticketWhenNobodyAvailable` off. Ticket tests, on a database
     * of their own, ask for the setting as stored (`'setting'`: the product's default is on).
     */
    ticketWhenNobodyAvailable?: 'setting';
    /** PARLEY_PUBLIC_URL, for the URLs providers are given and sign. */
    publicUrl?: string;
    /** Where files' bytes live; a temporary folder unless a test needs to reach them itself. */
    files?: FileStore;
  } = {},
): Promise<TestApp> {
  const database = opts.database ?? (await testDatabase());
  if (opts.ticketWhenNobodyAvailable !== 'setting') await keepConversationsQueued(database.db);
  const presence = createLocalPresence();
  const bus = opts.bus ?? createInProcessBus();
  const app = await buildApp({
    config: {
      origins: opts.origins,
      trustProxy: false,
      logLevel: 'silent',
      publicUrl: opts.publicUrl,
    },
    database,
    bus,
    presence,
    logger: false,
    queueSweepMs: 60_000,
    credentialSweepMs: opts.credentialSweepMs,
    mailer: opts.mailer,
    webhooks: opts.webhooks,
    webRoot: opts.webRoot,
    files: opts.files,
  });
  afterAll(() => app.close());
  return { app, database, db: database.db, presence, bus };
}

/** Stores `ticketWhenNobodyAvailable: false`: a conversation nobody can take waits in the queue. */
async function keepConversationsQueued(db: Db) {
  await db
    .insert(schema.settings)
    .values({ key: 'ticketWhenNobodyAvailable', value: false })
    .onConflictDoUpdate({ target: schema.settings.key, set: { value: false } });
}

export const TEST_PASSWORD = 'correct horse battery';

export const uniqueEmail = (label = 'staff') => `${label}-${randomUUID().slice(0, 8)}@test.parley`;

/** A staff member with unique email and department names, so files never collide. */
export async function makeStaff(
  db: Db,
  opts: { role?: 'admin' | 'supervisor' | 'agent'; name?: string; departments?: string[] } = {},
) {
  const email = uniqueEmail(opts.role ?? 'agent');
  const me = await createStaff(
    { db, notifier: { wake: () => undefined }, presence: createLocalPresence() },
    systemPrincipal('test'),
    {
      email,
      name: opts.name ?? `Test ${opts.role ?? 'agent'}`,
      role: opts.role ?? 'agent',
      departments: opts.departments ?? [],
      password: TEST_PASSWORD,
    },
  );
  return { ...me, password: TEST_PASSWORD };
}

/** Signs in through the API and returns the cookie header to send. */
export async function signIn(app: App, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password },
    remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'parley_session');
  if (!cookie) throw new Error('no session cookie');
  return `parley_session=${cookie.value}`;
}

/** A principal for calling services directly, as the auth hook would build it. */
export const staffPrincipal = (
  staffId: string,
  role: 'admin' | 'supervisor' | 'agent' = 'agent',
  departmentIds: string[] = [],
): Principal => ({
  kind: 'staff',
  staffId,
  role,
  departmentIds,
  sessionId: undefined,
  tokenId: undefined,
  scopes: undefined,
});

/** A department with a unique name and a channel routed to it. */
export async function makeChannel(
  db: Db,
  opts: {
    kind?: 'webhook' | 'whatsapp' | 'webchat';
    region?: string;
    secret?: string;
    settings?: Record<string, unknown>;
  } = {},
) {
  const suffix = randomUUID().slice(0, 8);
  const [department] = await db
    .insert(schema.departments)
    .values({ name: `Dept ${suffix}` })
    .returning();
  if (!department) throw new Error('no department');
  const kind = opts.kind ?? 'webhook';
  const split = splitChannelSecrets(kind, opts.secret ?? 'test-secret', opts.settings ?? {});
  const [channel] = await db
    .insert(schema.channels)
    .values({
      id: `test-${suffix}`,
      kind,
      name: `Channel ${suffix}`,
      departmentId: department.id,
      defaultRegion: opts.region ?? 'ZA',
      settings: split.settings,
    })
    .returning();
  if (!channel) throw new Error('no channel');
  await storeChannelSecrets(db, channel.id, split.secrets);
  return { channel, department };
}

const SETTINGS_SECRETS = ['appSecret', 'accessToken', 'verifyToken', 'identitySecret'] as const;

/**
 * Tests describe a channel as it once was stored (a `secret` and secrets among its settings);
 * this splits that into the non-secret settings and the secrets to seal.
 */
export function splitChannelSecrets(
  kind: 'webhook' | 'whatsapp' | 'webchat',
  secret: string | null,
  settings: Record<string, unknown>,
) {
  const rest = { ...settings };
  const secrets: Partial<Record<'secret' | (typeof SETTINGS_SECRETS)[number], string>> = {};
  if (kind === 'webhook' && secret) secrets.secret = secret;
  for (const name of SETTINGS_SECRETS) {
    const value = rest[name];
    delete rest[name];
    if (typeof value === 'string') secrets[name] = value;
  }
  return { settings: rest, secrets };
}

let phoneCounter = Math.floor(Math.random() * 9_000_000);
/** A valid, unique South African mobile number in E.164. */
export function uniquePhone(): string {
  phoneCounter = (phoneCounter + 7919) % 10_000_000;
  return `+2782${String(phoneCounter).padStart(7, '0')}`;
}
