import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { announcePresence, credentialCheck, startAuthHousekeeping } from './features/auth/index.ts';
import { auditRoutes } from './features/audit/audit.routes.ts';
import { autoReplyRoutes } from './features/auto-replies/auto-replies.routes.ts';
import { authRoutes } from './features/auth/auth.routes.ts';
import { diskFileStore, type FileStore, startFilesHousekeeping } from './features/files/index.ts';
import { downloadRoutes } from './features/files/downloads.routes.ts';
import { fileLinkRoutes } from './features/files/file-links.routes.ts';
import { uploadRoutes } from './features/files/uploads.routes.ts';
import { setPasswordRoutes } from './features/auth/set-password.routes.ts';
import { staffAdminRoutes } from './features/auth/staff-admin.routes.ts';
import { staffRoutes } from './features/auth/staff.routes.ts';
import { tokenRoutes } from './features/auth/tokens.routes.ts';
import {
  type ChatServiceDeps,
  chatTimers,
  onChatAnnounced,
  queueToTicketTimer,
  onChatClosed,
  onOpenTransferEnds,
  loadViewable,
  registerChatAccess,
  serveQueue,
} from './features/chats/index.ts';
import { chatRoutes } from './features/chats/chats.routes.ts';
import { findWidgetEmbedders } from './features/channels/index.ts';
import { channelAdminRoutes } from './features/channels/channels-admin.routes.ts';
import { channelRoutes } from './features/channels/inbound.routes.ts';
import { smsRoutes } from './features/channels/sms.routes.ts';
import { commentFrameRule, purgeChatComments } from './features/comments/index.ts';
import { commentRoutes } from './features/comments/comments.routes.ts';
import { customerRoomAuthorizer } from './features/customers/index.ts';
import { customerRoutes } from './features/customers/customers.routes.ts';
import { registerTimer } from './features/timers/index.ts';
import { typingAuthorizer } from './features/typing/index.ts';
import { businessHoursRoutes } from './features/business-hours/business-hours.routes.ts';
import { departmentRoutes } from './features/departments/departments.routes.ts';
import { healthRoutes } from './features/health/health.routes.ts';
import { notificationRoutes } from './features/notifications/notifications.routes.ts';
import { preferenceRoutes } from './features/preferences/preferences.routes.ts';
import { transferOfferTimer, withdrawOpenTransfer } from './features/transfers/index.ts';
import { transferRoutes } from './features/transfers/transfers.routes.ts';
import { historyRoutes } from './features/history/history.routes.ts';
import { noteRoutes } from './features/notes/notes.routes.ts';
import { settingsRoutes } from './features/settings/settings.routes.ts';
import { chatEventFrameRule, staleMonitorTimer } from './features/supervisor/index.ts';
import { supervisorRoutes } from './features/supervisor/supervisor.routes.ts';
import { tagRoutes } from './features/tags/tags.routes.ts';
import { ticketRoutes } from './features/tickets/tickets.routes.ts';
import { widgetChatHook, widgetSessionCheck } from './features/widget/index.ts';
import { widgetRoutes } from './features/widget/widget.routes.ts';
import { widgetUploadRoutes } from './features/widget/widget-uploads.routes.ts';
import { webhookRoutes } from './features/webhooks/webhooks.routes.ts';
import { registerAuthHooks, SESSION_COOKIE } from './http/auth-hooks.ts';
import { registerMetrics } from './http/metrics.ts';
import { registerProblemHandlers } from './http/problem.ts';
import { collectRoutes, type RegisteredRoute } from './http/route-policy.ts';
import { pagePolicy, registerSecurityHeaders } from './http/security-headers.ts';
import { registerTextHygiene } from './http/text-hygiene.ts';
import { registerWeb } from './http/web.ts';
import type { Bus } from './realtime/bus.ts';
import type { Notifier } from './realtime/frames.ts';
import { createHub, type Hub } from './realtime/hub.ts';
import type { Presence } from './realtime/presence.ts';
import { roomPrefix } from './realtime/rooms.ts';
import { realtimeRoutes } from './realtime/realtime.routes.ts';
import { searchRoutes } from './features/search/search.routes.ts';
import { cannedReplyRoutes } from './features/canned-replies/canned-replies.routes.ts';
import { createMemoryRateLimiter, type RateLimiter } from './http/rate-limiter.ts';
import type { Mailer } from './mail.ts';

export type AppDeps = {
  config: Pick<Config, 'origins' | 'trustProxy' | 'logLevel'> & Partial<Pick<Config, 'publicUrl'>>;
  database: Database;
  bus: Bus;
  presence: Presence;
  /** Extra readiness checks, e.g. Redis. */
  readiness?: Record<string, () => Promise<void>>;
  /** The built web console; undefined serves the API only. */
  webRoot?: string;
  /** Process-wide metrics (CPU, memory, event loop); off in tests that build many apps. */
  processMetrics?: boolean;
  /**
   * Where files' bytes live (features/files). Unset: a folder under the system's temporary
   * directory, for tests; main.ts passes PARLEY_DATA_DIR/files or the S3 store.
   */
  files?: FileStore;
  /** The outbound delivery worker, woken when a reply is queued. */
  outbox?: { wake(): void };
  /**
   * The webhook worker to wake when an admin queues a delivery, and whether webhook URLs may name
   * private or loopback hosts (allowed unless said otherwise: tests and the demo use localhost).
   */
  webhooks?: { wake(): void; allowPrivateTargets?: boolean };
  /** Request limits (widget, webhook signatures); in this process's memory unless given. */
  rateLimiter?: RateLimiter;
  queueSweepMs?: number;
  /** How often open sockets' sessions and tokens are re-checked; 2 s by default. */
  credentialSweepMs?: number;
  /**
   * How many times faster the timers' minutes run (`PARLEY_TIME_SCALE`): an offer made now lapses
   * after its minutes divided by this. 1 unless a demo or a browser test says otherwise.
   */
  timeScale?: number;
  /** A logger configuration or false; the default logs JSON at config.logLevel. */
  logger?: boolean;
  /** Mails set-password links when SMTP_URL is set; without it they are only shown. */
  mailer?: Mailer;
};

export type App = FastifyInstance & { hub: Hub; routes: readonly RegisteredRoute[] };

/**
 * A hop count becomes "trust the nearest n addresses" (the socket's peer is hop 0): fastify 5.12
 * reads a bare number as trusting nobody, which would give every client the proxy's address.
 */
function fastifyTrustProxy(trust: Config['trustProxy']) {
  if (typeof trust !== 'number') return trust;
  return (_address: string, hop: number) => hop < trust;
}

/** Builds the whole HTTP and realtime server without listening, so tests can `inject()` into it. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: deps.logger === false ? false : { level: deps.config.logLevel },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 256 * 1024,
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    routerOptions: { ignoreTrailingSlash: true },
  });
  const routes = collectRoutes(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  registerTextHygiene(app);

  const db = deps.database.db;
  const limiter = deps.rateLimiter ?? createMemoryRateLimiter();
  const notifier: Notifier = { wake: (frames) => hub.wake(frames) };
  const files = deps.files ?? diskFileStore(path.join(os.tmpdir(), 'parley-test-files'));
  const chatDeps: ChatServiceDeps = {
    db,
    presence: deps.presence,
    notifier,
    outbox: deps.outbox,
    files,
  };
  const queue = () =>
    void serveQueue(chatDeps).catch((err: unknown) =>
      app.log.error({ err }, 'serving the queue failed'),
    );
  const staffDeps = {
    db,
    presence: deps.presence,
    notifier,
    bus: deps.bus,
    onAvailable: queue,
    mailer: deps.mailer,
    log: app.log,
  };
  const hub = createHub({
    db,
    bus: deps.bus,
    presence: deps.presence,
    log: app.log,
    checkCredentials: credentialCheck(db),
    checkWidgetSessions: widgetSessionCheck(db),
    credentialSweepMs: deps.credentialSweepMs,
    onPresenceChange: async (staffId) => {
      await announcePresence(staffDeps, staffId);
      queue();
    },
  });
  hub.registerRoom(roomPrefix.customer, customerRoomAuthorizer(db));
  registerChatAccess(hub, db);
  hub.registerFrame('comment.created', commentFrameRule(db));
  // "Typing…": ephemeral frames, checked as writing to the chat is, never stored.
  hub.registerTyping(typingAuthorizer(db));
  // A supervisor's monitoring (`observed`) is announced to supervisors and admins only.
  hub.registerFrame('event.created', chatEventFrameRule());
  // Closing a chat takes its comments with it, in the closing transaction (ADR 7).
  onChatClosed(purgeChatComments);
  // The visitor's widget hears when their chat is queued, taken or becomes a ticket.
  onChatAnnounced(widgetChatHook);
  // The chat's deadlines, fired by the timer worker that main.ts runs (ADR 14).
  for (const timer of chatTimers) registerTimer(timer);
  // A supervisor who stops being seen stops observing; the timeline keeps one `observed` event.
  registerTimer(staleMonitorTimer);
  // An offer nobody answers returns to its sender.
  registerTimer(transferOfferTimer);
  // A chat left waiting in the queue too long becomes a ticket.
  registerTimer(queueToTicketTimer);
  // A chat that closes, goes pending, is flagged or changes hands withdraws its open offer.
  onOpenTransferEnds(withdrawOpenTransfer);

  await registerSecurityHeaders(app);
  // Answers above 1 KiB go out compressed (brotli at a quick level, or gzip); the built console
  // is compressed once at build time and served as is (http/web.ts). Request bodies are never
  // inflated: webhook signatures are over the bytes sent, and a small body cannot unpack into a
  // large one.
  await app.register(fastifyCompress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    globalDecompression: false,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Parley API',
        version: '0.1.0',
        description:
          'The chat desk API. Browsers use the session cookie set by POST /api/session; ' +
          'integrations send Authorization: Bearer <api token>. Errors are application/problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    // Its page loads only its own files; the policy keeps it so. No validator badge from afar.
    staticCSP: pagePolicy(),
    uiConfig: { validatorUrl: null },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuthHooks(app, { db, bus: deps.bus, origins: deps.config.origins });
  registerMetrics(app, {
    openSockets: () => hub.size,
    pool: () => deps.database.poolStats(),
    processMetrics: deps.processMetrics ?? false,
  });

  await app.register(healthRoutes, {
    checks: { database: () => deps.database.ping(), ...deps.readiness },
  });
  await app.register(authRoutes, { db, bus: deps.bus });
  await app.register(tokenRoutes, { db, bus: deps.bus });
  await app.register(staffRoutes, staffDeps);
  await app.register(staffAdminRoutes, { ...staffDeps, chats: chatDeps });
  await app.register(setPasswordRoutes, { db, bus: deps.bus, limiter });
  await app.register(auditRoutes, { db });
  await app.register(departmentRoutes, { db });
  await app.register(channelAdminRoutes, { db });
  await app.register(tagRoutes, { db });
  await app.register(settingsRoutes, { db });
  await app.register(businessHoursRoutes, { db });
  await app.register(autoReplyRoutes, { db });
  await app.register(webhookRoutes, {
    db,
    allowPrivateTargets: deps.webhooks?.allowPrivateTargets ?? true,
    wake: deps.webhooks?.wake,
  });
  await app.register(chatRoutes, chatDeps);
  await app.register(commentRoutes, chatDeps);
  await app.register(notificationRoutes, chatDeps);
  await app.register(preferenceRoutes, { db });
  await app.register(transferRoutes, { ...chatDeps, timeScale: deps.timeScale });
  await app.register(customerRoutes, chatDeps);
  await app.register(noteRoutes, chatDeps);
  await app.register(historyRoutes, chatDeps);
  await app.register(supervisorRoutes, chatDeps);
  await app.register(ticketRoutes, chatDeps);
  await app.register(downloadRoutes, {
    db,
    files,
    viewChat: (principal, chatId) => loadViewable(chatDeps, principal, chatId),
  });
  await app.register(uploadRoutes, { ...chatDeps, files, limiter });
  await app.register(fileLinkRoutes, { db, files });
  await app.register(searchRoutes, { db, limiter });
  await app.register(cannedReplyRoutes, { db });
  // Registered directly: its raw-body JSON parser must stay inside this plugin.
  await app.register(channelRoutes, { ...chatDeps, limiter });
  await app.register(smsRoutes, { ...chatDeps, limiter, publicUrl: deps.config.publicUrl });
  await app.register(realtimeRoutes, { hub });
  await app.register(widgetRoutes, {
    db,
    notifier,
    presence: deps.presence,
    bus: deps.bus,
    outbox: deps.outbox,
    files,
    hub,
    origins: deps.config.origins,
    limiter,
  });
  await app.register(widgetUploadRoutes, {
    db,
    notifier,
    presence: deps.presence,
    files,
    limiter,
  });
  await registerWeb(app, deps.webRoot, {
    widgetEmbedders: (channelId) => findWidgetEmbedders(db, channelId),
  });

  await hub.start();
  const stopHousekeeping = startAuthHousekeeping(db, app.log);
  const stopFilesHousekeeping = startFilesHousekeeping(db, files, app.log);
  // A backstop for the queue: an agent's room may free up in ways no request announces.
  const sweep = setInterval(queue, deps.queueSweepMs ?? 5000);
  sweep.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    stopHousekeeping();
    stopFilesHousekeeping();
    await hub.close();
  });
  return Object.assign(app, { hub, routes }) as unknown as App;
}
