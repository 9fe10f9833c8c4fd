import fastifyMultipart from '@fastify/multipart';
import { AttachmentLimits, Problem, UploadedAttachment } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tooManyRequests } from '../../errors.ts';
import type { LimitRule, RateLimiter } from '../../http/rate-limiter.ts';
import { readUploadBody } from '../files/index.ts';
import { WIDGET_COOKIE } from './widget-cookie.ts';
import * as uploads from './widget-uploads.service.ts';
import { authenticateWidget } from './widget.service.ts';

export type WidgetUploadRouteDeps = uploads.WidgetUploadDeps & { limiter: RateLimiter };

/** A visitor attaches a few files; per session and, for many sessions, per address. */
const UPLOADS_PER_SESSION: LimitRule = { name: 'widget-uploads', limit: 10, windowMs: 60_000 };
const UPLOADS_PER_ADDRESS: LimitRule = {
  name: 'widget-uploads-address',
  limit: 30,
  windowMs: 60_000,
};

const params = z.object({ channelId: z.string().min(1).max(200) });
const tags = ['widget'];

/** The widget's files: the limits, and uploads the visitor then sends with a message. */
export const widgetUploadRoutes: FastifyPluginAsyncZod<WidgetUploadRouteDeps> = async (
  app,
  deps,
) => {
  await app.register(fastifyMultipart, {
    limits: { files: 1, fields: 2, fieldSize: 1024, parts: 3 },
  });

  app.get(
    '/api/widget/:channelId/attachments/limits',
    {
      schema: {
        tags,
        summary: 'The largest file and the types a visitor may attach. Public; nothing secret.',
        params,
        response: { 200: AttachmentLimits, 404: Problem },
      },
    },
    async (request) => uploads.widgetAttachmentLimits(deps, request.params.channelId),
  );

  app.post(
    '/api/widget/:channelId/attachments',
    {
      schema: {
        tags,
        summary:
          'Upload a file (multipart, one file in the field "file") to send with POST ' +
          '/api/widget/{channelId}/messages {attachments: [id]}. 413 over the size limit, 415 for ' +
          'a type not allowed (judged by the bytes), 422 for an empty file. Needs the ' +
          'parley_widget cookie.',
        params,
        response: {
          201: UploadedAttachment,
          ...Object.fromEntries([400, 401, 403, 404, 413, 415, 422, 429].map((s) => [s, Problem])),
        },
      },
    },
    async (request, reply) => {
      const session = await authenticateWidget(
        deps,
        request.params.channelId,
        request.cookies[WIDGET_COOKIE],
      );
      const wait = await deps.limiter.take([
        [UPLOADS_PER_SESSION, session.id],
        [UPLOADS_PER_ADDRESS, request.ip],
      ]);
      if (wait !== undefined)
        throw tooManyRequests(wait, `You're sending files too fast. Try again in ${wait} s.`);
      const uploaded = await uploads.uploadFromWidget(deps, session, (maxBytes) =>
        readUploadBody(request, maxBytes),
      );
      return reply.code(201).send(uploaded);
    },
  );
};
