import { Comment, CommentCreateBody, CommentList, Problem } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as service from './comments.service.ts';

const errors = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};
const params = z.object({ id: z.string() });

export const commentRoutes: FastifyPluginAsyncZod<service.CommentDeps> = async (app, deps) => {
  app.get(
    '/api/chats/:id/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'Staff-only comments on an open chat',
        params,
        response: { 200: CommentList, ...errors },
      },
    },
    async (request) => ({
      items: await service.listComments(deps, principalOf(request), request.params.id),
    }),
  );
  app.post(
    '/api/chats/:id/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'Comment, tagging online colleagues; the customer never sees it',
        params,
        body: CommentCreateBody,
        response: { 201: Comment, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.addComment(deps, principalOf(request), request.params.id, request.body),
        ),
  );
};
