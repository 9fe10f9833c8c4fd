import {
  Problem,
  WidgetChat,
  WidgetChatState,
  WidgetConfig,
  WidgetContactBody,
  WidgetConfirmBody,
  WidgetMessageList,
  WidgetSeenBody,
  WidgetSendBody,
  WidgetSendReply,
  WidgetSession,
  WidgetSessionBody,
  WidgetSessionState,
  WidgetVerifyBody,
  WidgetVerifyReply,
} from '@parley/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, tooManyRequests } from '../../errors.ts';
import { isAllowedOrigin } from '../../http/origin.ts';
import type { Hub } from '../../realtime/hub.ts';
import { widgetRoomOf } from '../../realtime/rooms.ts';
import type { LimitRule, RateLimiter } from '../../http/rate-limiter.ts';
import { WIDGET_COOKIE, widgetCookieOptions } from './widget-cookie.ts';
import { guardWidgetSocket } from './widget-socket.ts';
import { openWidgetAttachment } from './widget-attachments.service.ts';
import { DownloadQuery, FileBytes, type FileStore } from '../files/index.ts';
import { markSeen } from './widget-seen.service.ts';
import * as verify from './widget-verify.service.ts';
import * as widget from './widget.service.ts';

export { WIDGET_COOKIE };

export type WidgetRouteDeps = widget.WidgetDeps & {
  hub: Hub;
  /** Allowed browser origins for the socket; undefined means the server's own. */
  origins?: string[] | undefined;
  /** Counts starts, messages and code requests; shared by every node when Redis is configured. */
  limiter: RateLimiter;
  /** Where files' bytes live, for the visitor's downloads. */
  files: FileStore;
};

/**
 * Where a widget session's socket listens: the customer's room once the session is verified,
 * else the session's own (realtime/rooms.ts `widgetRoomOf` names both).
 */
export const sessionRoom = (session: widget.WidgetSessionRow) =>
  widgetRoomOf({
    customerId: session.customerId,
    channelId: session.channelId,
    unverified: !session.verifiedAt,
    widgetSessionId: session.id,
  });

/** Messages a person can type, not a script: per session, and per address for many sessions. */
const STARTS_PER_ADDRESS: LimitRule = { name: 'widget-starts', limit: 20, windowMs: 10 * 60_000 };
const MESSAGES_PER_SESSION: LimitRule = { name: 'widget-messages', limit: 20, windowMs: 10_000 };
const MESSAGES_PER_ADDRESS: LimitRule = {
  name: 'widget-messages-address',
  limit: 60,
  windowMs: 10_000,
};

/** Leaving a way to be contacted is rare: a few tries per session, and per address. */
const CONTACTS_PER_SESSION: LimitRule = {
  name: 'widget-contacts',
  limit: 5,
  windowMs: 10 * 60_000,
};
const CONTACTS_PER_ADDRESS: LimitRule = {
  name: 'widget-contacts-address',
  limit: 30,
  windowMs: 10 * 60_000,
};

const params = z.object({ channelId: z.string().min(1).max(200) });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const tags = ['widget'];
const cookieNote = ' Needs the parley_widget cookie set by POST /api/widget/{channelId}/session.';

/** The customer's web-chat widget: start a session by number, then talk over it. */
export const widgetRoutes: FastifyPluginAsyncZod<WidgetRouteDeps> = async (app, opts) => {
  const deps: widget.WidgetDeps = {
    db: opts.db,
    notifier: opts.notifier,
    presence: opts.presence,
    bus: opts.bus,
    outbox: opts.outbox,
  };
  const { limiter } = opts;
  const sessionOf = (request: FastifyRequest & { params: { channelId: string } }) =>
    widget.authenticateWidget(deps, request.params.channelId, request.cookies[WIDGET_COOKIE]);

  app.post(
    '/api/widget/:channelId/session',
    {
      schema: {
        tags,
        summary:
          'Start a chat (sets the parley_widget cookie): unverified with a typed number, verified with a signed identity',
        params,
        body: WidgetSessionBody,
        response: { 201: WidgetSession, 422: Problem, 429: Problem, ...errors },
      },
    },
    async (request, reply) => {
      // Every start counts, readable number or not: the limit is on attempts.
      const wait = await limiter.take([[STARTS_PER_ADDRESS, request.ip]]);
      if (wait !== undefined)
        throw tooManyRequests(wait, 'Too many chats started from here. Try again a little later.');
      const { token, session } = await widget.startSession(
        deps,
        request.params.channelId,
        request.body,
        request.cookies[WIDGET_COOKIE],
      );
      reply.setCookie(WIDGET_COOKIE, token, widgetCookieOptions(request.params.channelId, request));
      return reply.code(201).send(session);
    },
  );

  app.get(
    '/api/widget/:channelId/session',
    {
      schema: {
        tags,
        summary:
          'Whether this browser has a live session here (never 401): the page asks before loading the conversation.',
        params,
        response: { 200: WidgetSessionState, 404: Problem },
      },
    },
    async (request) =>
      widget.sessionState(deps, request.params.channelId, request.cookies[WIDGET_COOKIE]),
  );

  app.get(
    '/api/widget/:channelId/config',
    {
      schema: {
        tags,
        summary:
          'What the widget page needs before a session: the origins that may embed it and pass a signed identity. Public; nothing secret.',
        params,
        response: { 200: WidgetConfig, 404: Problem },
      },
    },
    async (request) => widget.widgetConfig(deps, request.params.channelId),
  );

  app.get(
    '/api/widget/:channelId/messages',
    {
      schema: {
        tags,
        summary: 'The conversation since the session began, oldest first.' + cookieNote,
        params,
        response: { 200: WidgetMessageList, ...errors },
      },
    },
    async (request) => widget.listMessages(deps, await sessionOf(request)),
  );

  app.get(
    '/api/widget/:channelId/attachments/:id',
    {
      schema: {
        tags,
        summary:
          'A file of this session’s own chats (inline only for raster pictures).' + cookieNote,
        params: params.extend({ id: z.string() }),
        querystring: DownloadQuery,
        response: { 200: FileBytes, 409: Problem, ...errors },
      },
    },
    async (request, reply) => {
      const download = await openWidgetAttachment(
        { ...deps, files: opts.files },
        await sessionOf(request),
        request.params.id,
        request.query.variant,
      );
      return reply.headers(download.headers).send(download.body);
    },
  );

  app.post(
    '/api/widget/:channelId/messages',
    {
      schema: {
        tags,
        summary: 'Write to the business; a repeated clientId stores nothing twice.' + cookieNote,
        params,
        body: WidgetSendBody,
        response: { 200: WidgetSendReply, 422: Problem, 429: Problem, ...errors },
      },
    },
    async (request) => {
      const session = await sessionOf(request);
      // Checked and counted in one step: parallel sends cannot all slip through.
      const wait = await limiter.take([
        [MESSAGES_PER_SESSION, session.id],
        [MESSAGES_PER_ADDRESS, request.ip],
      ]);
      if (wait !== undefined)
        throw tooManyRequests(wait, `You're sending too fast. Try again in ${wait} s.`);
      return widget.sendMessage(deps, session, request.body);
    },
  );

  app.get(
    '/api/widget/:channelId/chat',
    {
      schema: {
        tags,
        summary:
          'What the visitor may know of their conversation: queue position, who joined, why it became a ticket. Cheap: the widget asks every 15 s while queued.' +
          cookieNote,
        params,
        response: { 200: WidgetChatState, ...errors },
      },
    },
    async (request) => ({ chat: await widget.currentChat(deps, await sessionOf(request)) }),
  );

  app.post(
    '/api/widget/:channelId/contact',
    {
      schema: {
        tags,
        summary:
          'Leave an email or number to be contacted on about this session’s ticket (409 when the conversation is not a ticket).' +
          cookieNote,
        params,
        body: WidgetContactBody,
        response: { 200: WidgetChat, 409: Problem, 422: Problem, 429: Problem, ...errors },
      },
    },
    async (request) => {
      const session = await sessionOf(request);
      const wait = await limiter.take([
        [CONTACTS_PER_SESSION, session.id],
        [CONTACTS_PER_ADDRESS, request.ip],
      ]);
      if (wait !== undefined)
        throw tooManyRequests(wait, `Too many tries. Try again in ${wait} s.`);
      return widget.leaveContact(deps, session, request.body);
    },
  );

  app.post(
    '/api/widget/:channelId/verify',
    {
      schema: {
        tags,
        summary:
          'Send a six-digit code to this number over the channel’s WhatsApp or SMS link.' +
          cookieNote,
        params,
        body: WidgetVerifyBody,
        response: { 200: WidgetVerifyReply, 409: Problem, 422: Problem, 429: Problem, ...errors },
      },
    },
    async (request) =>
      verify.requestCode(deps, await sessionOf(request), request.body, limiter, request.ip),
  );

  app.post(
    '/api/widget/:channelId/verify/confirm',
    {
      schema: {
        tags,
        summary:
          'Prove the number with the code (5 tries, 10 minutes); the session becomes verified.' +
          cookieNote,
        params,
        body: WidgetConfirmBody,
        response: { 200: WidgetSession, 409: Problem, 422: Problem, ...errors },
      },
    },
    async (request) => verify.confirmCode(deps, await sessionOf(request), request.body),
  );

  app.post(
    '/api/widget/:channelId/seen',
    {
      schema: {
        tags,
        summary:
          'The visitor has seen the replies up to this message: the desk shows them as seen. Repeating it changes nothing.' +
          cookieNote,
        params,
        body: WidgetSeenBody,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      await markSeen(deps, await sessionOf(request), request.body.messageId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/widget/:channelId/end',
    {
      schema: {
        tags,
        summary: 'End the open chat, if there is one.' + cookieNote,
        params,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      await widget.endChat(deps, await sessionOf(request));
      return reply.code(204).send();
    },
  );

  // The session is checked before the upgrade, so a refused caller gets a plain 401/403/404.
  const sockets = new WeakMap<FastifyRequest, widget.WidgetSessionRow>();
  app.get(
    '/api/widget/:channelId/realtime',
    {
      websocket: true,
      schema: { hide: true, params },
      preValidation: async (request) => {
        if (!isAllowedOrigin(request, opts.origins))
          throw forbidden('This request came from an origin that is not allowed.');
        sockets.set(request, await sessionOf(request));
      },
    },
    (socket, request) => {
      const session = sockets.get(request);
      if (!session) return socket.close(1011, 'server error');
      opts.hub.attachWidget(
        guardWidgetSocket(
          socket,
          session.createdAt,
          Boolean(session.verifiedAt),
          session.channelId,
        ),
        [sessionRoom(session)],
        session.id,
      );
    },
  );

  const housekeeping = setInterval(() => {
    widget
      .forgetIdleSessions(deps)
      .catch((err: unknown) => app.log.error({ err }, 'widget session housekeeping failed'));
  }, 10 * 60_000);
  housekeeping.unref();
  app.addHook('onClose', async () => clearInterval(housekeeping));
};
