import fastifyMultipart from '@fastify/multipart';
import { AttachmentLimits, Problem, UploadedAttachment } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tooManyRequests } from '../../errors.ts';
import { principalOf } from '../../http/auth-hooks.ts';
import type { LimitRule, RateLimiter } from '../../http/rate-limiter.ts';
import { requireStaff } from '../../principal.ts';
import { readUploadBody } from './upload-body.ts';
import * as uploads from './uploads.service.ts';

export type UploadRouteDeps = uploads.ConversationUploadDeps & { limiter: RateLimiter };

/** Files a person attaches by hand: a burst is fine, a script filling the disk is not. */
const UPLOADS_PER_STAFF: LimitRule = { name: 'staff-uploads', limit: 30, windowMs: 60_000 };

const params = z.object({ id: z.string() });
const errors = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  413: Problem,
  415: Problem,
  422: Problem,
  429: Problem,
};
const uploadNote =
  ' Multipart, one file in the field "file". 413 over the size limit, 415 for a type not ' +
  'allowed (judged by the bytes, not the name), 422 for an empty file; nothing is kept then. ' +
  'Send it with POST {base}/{id}/messages {attachments: [id]}.';

/** Uploads for replies in chats and tickets, and the limits they are checked against. */
export const uploadRoutes: FastifyPluginAsyncZod<UploadRouteDeps> = async (app, deps) => {
  // Only these routes read multipart bodies; everywhere else a form is refused as before.
  await app.register(fastifyMultipart, {
    limits: { files: 1, fields: 2, fieldSize: 1024, parts: 3 },
  });

  app.get(
    '/api/attachments/limits',
    {
      schema: {
        tags: ['attachments'],
        summary: 'The largest file and the types staff may attach, to refuse before uploading',
        response: { 200: AttachmentLimits, 401: Problem, 403: Problem },
      },
    },
    async (request) => uploads.getAttachmentLimits(deps, principalOf(request)),
  );

  for (const kind of ['chat', 'ticket'] as const) {
    const base = kind === 'chat' ? '/api/chats' : '/api/tickets';
    app.post(
      `${base}/:id/attachments`,
      {
        schema: {
          tags: [kind === 'chat' ? 'chats' : 'tickets'],
          summary: `Upload a file to send in a reply (the ${kind}’s own agent).${uploadNote.replace('{base}', base)}`,
          params,
          response: { 201: UploadedAttachment, ...errors },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const wait = await deps.limiter.take([
          [UPLOADS_PER_STAFF, requireStaff(principal).staffId],
        ]);
        if (wait !== undefined)
          throw tooManyRequests(wait, `Too many files at once. Try again in ${wait} s.`);
        const uploaded = await uploads.uploadToConversation(
          deps,
          principal,
          { kind, id: request.params.id },
          (maxBytes) => readUploadBody(request, maxBytes),
        );
        return reply.code(201).send(uploaded);
      },
    );
  }
};
