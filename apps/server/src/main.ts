import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError, openDatabase } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { firstAdminBanner, setupNeeded } from './features/auth/index.ts';
import {
  flushStaleSmsParts,
  loadSecretKey,
  type OutboxWorker,
  sealLegacySecrets,
  startOutboxWorker,
} from './features/channels/index.ts';
import { returnChatsOfDeactivatedAgents } from './features/chats/index.ts';
import { demoBanner, seedDemo } from './features/demo/index.ts';
import { diskFileStore, s3FileStore } from './features/files/index.ts';
import { startTimerWorker } from './features/timers/index.ts';
import { startWebhookWorker, type WebhookWorker } from './features/webhooks/index.ts';
import { createInProcessBus } from './realtime/bus.ts';
import { createLocalPresence } from './realtime/presence.ts';
import { createRedisBus } from './realtime/redis-bus.ts';
import { createRedisRateLimiter } from './http/rate-limiter.ts';
import { createSmtpMailer } from './mail.ts';

const webRoot = fileURLToPath(new URL('../../web/dist', import.meta.url));

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database);
  const startLog = {
    info: (msg: string) => console.log(msg),
    warn: (msg: string) => console.warn(`Warning: ${msg}`),
  };
  await loadSecretKey(config, startLog);
  // Databases from before sealed secrets still hold them in plaintext: seal them, once.
  const upgraded = await sealLegacySecrets(database.db);
  if (upgraded.sealed > 0 || upgraded.resealed > 0)
    startLog.info(
      `Channel secrets: sealed ${upgraded.sealed} channel(s) kept in plaintext, ` +
        `re-sealed ${upgraded.resealed} secret(s) under the current key.`,
    );
  const files = config.s3
    ? s3FileStore(config.s3)
    : diskFileStore(path.join(config.dataDir, 'files'));
  const seeded = config.demo && (await seedDemo(database.db));
  const presence = createLocalPresence();
  const mailer = config.smtp ? createSmtpMailer(config.smtp) : undefined;
  const redis = config.redisUrl ? await createRedisBus(config.redisUrl) : undefined;
  // With several nodes, limits must be counted once for all of them.
  const rateLimiter = config.redisUrl ? await createRedisRateLimiter(config.redisUrl) : undefined;
  // The worker needs the app's hub and the app needs to wake the worker: a late-bound reference.
  const worker: { current?: OutboxWorker } = {};
  const webhookWorker: { current?: WebhookWorker } = {};
  const app = await buildApp({
    outbox: { wake: () => worker.current?.wake() },
    webhooks: {
      wake: () => webhookWorker.current?.wake(),
      allowPrivateTargets: config.webhooksAllowPrivate,
    },
    config,
    database,
    bus: redis ?? createInProcessBus(),
    rateLimiter,
    presence,
    readiness: redis ? { redis: () => redis.ping() } : {},
    webRoot,
    processMetrics: true,
    mailer,
    timeScale: config.timeScale,
    files,
  });
  // The worker lives here, not in buildApp: test apps share databases and must not send.
  const outbox = startOutboxWorker(
    {
      db: database.db,
      notifier: { wake: () => app.hub.wake() },
      log: app.log.child({ component: 'outbox' }),
      files,
      media: { files, publicUrl: config.publicUrl },
    },
    { publicUrl: config.publicUrl },
  );
  worker.current = outbox;
  // A long SMS whose parts stopped coming is stored as far as it goes once it has waited long
  // enough; arrivals check too, this covers a channel that then falls quiet.
  const smsParts = setInterval(() => {
    flushStaleSmsParts({
      db: database.db,
      presence,
      notifier: { wake: (frames) => app.hub.wake(frames) },
    }).catch((err: unknown) => app.log.warn({ err }, 'storing waiting SMS parts failed'));
  }, 60_000);
  const webhooks = startWebhookWorker(
    { db: database.db, log: app.log.child({ component: 'webhooks' }) },
    { allowPrivateTargets: config.webhooksAllowPrivate },
  );
  webhookWorker.current = webhooks;
  // Deadlines in the rows (reply timeouts, inactivity, pending auto-close, transfer offers): every
  // node runs this, and each deadline fires once whichever node gets there first (ADR 14).
  const timers = startTimerWorker(
    {
      db: database.db,
      notifier: { wake: (frames) => app.hub.wake(frames) },
      presence,
      outbox: { wake: () => outbox.wake() },
      log: app.log.child({ component: 'timers' }),
    },
    { intervalMs: config.timerIntervalMs, timeScale: config.timeScale },
  );
  if (config.timeScale > 1)
    app.log.warn(
      { timeScale: config.timeScale },
      'timers run fast (PARLEY_TIME_SCALE): not for production',
    );
  // For the person who just ran `npm start`, in plain words rather than a JSON log line.
  if (seeded) process.stdout.write(`\n${demoBanner()}\n\n`);
  else if (await setupNeeded(database.db)) process.stdout.write(`\n${firstAdminBanner()}\n\n`);
  // Older versions could leave open chats with an agent who was deactivated: back to the queue.
  const healed = await returnChatsOfDeactivatedAgents({
    db: database.db,
    presence,
    notifier: { wake: (frames) => app.hub.wake(frames) },
    outbox: { wake: () => outbox.wake() },
  });
  if (healed > 0)
    app.log.warn({ chats: healed }, 'chats of deactivated agents went back to the queue');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    clearInterval(smsParts);
    await timers.stop();
    await outbox.stop();
    await webhooks.stop();
    await app.close();
    await redis?.close();
    await rateLimiter?.close();
    await database.close();
    mailer?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  app.log.info(
    `Parley is ready at http://${shownHost}:${config.port} ` +
      `(database: ${database.kind === 'pglite' ? `embedded, ${config.dataDir}` : 'PostgreSQL'}` +
      `${redis ? ', Redis bus' : ''}${config.s3 ? `, files in S3 bucket ${config.s3.bucket}` : ''})`,
  );
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
  } else {
    console.error('Parley could not start:', err);
  }
  process.exit(1);
});
