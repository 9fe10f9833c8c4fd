import { AutoReply, AutoReplyList, AutoReplyUpdateBody, Problem } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as autoReplies from './auto-replies.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem };

/** The auto-reply texts: supervisors read them, admins write and remove them. */
export const autoReplyRoutes: FastifyPluginAsyncZod<autoReplies.AutoReplyDeps> = async (
  app,
  deps,
) => {
  app.get(
    '/api/admin/auto-replies',
    {
      schema: {
        tags: ['admin'],
        summary: 'The saved auto-reply texts and the built-in ones (admins and supervisors)',
        response: { 200: AutoReplyList, ...errors },
      },
    },
    async (request) => autoReplies.listAutoReplies(deps, principalOf(request)),
  );

  app.put(
    '/api/admin/auto-replies',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Set one text for a kind, department (null: every department) and language, or remove ' +
          'it with text null (admins): 200 with the text saved, 204 once removed. 422 names a ' +
          'placeholder the kind cannot fill, or an unknown department',
        body: AutoReplyUpdateBody,
        response: { 200: AutoReply, 204: z.undefined(), 422: Problem, ...errors },
      },
    },
    async (request, reply) => {
      const saved = await autoReplies.updateAutoReply(deps, principalOf(request), request.body);
      return saved ? saved : reply.code(204).send();
    },
  );
};
