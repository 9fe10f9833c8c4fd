import { Problem, TagCreateBody, WrapUpTag, WrapUpTagList } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as tags from './tags.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem };

/** Wrap-up tags: every staff member reads them, admins add and delete them. */
export const tagRoutes: FastifyPluginAsyncZod<tags.TagDeps> = async (app, deps) => {
  app.get(
    '/api/admin/tags',
    {
      schema: {
        tags: ['admin'],
        summary: 'The wrap-up tags offered when closing a chat (any signed-in staff)',
        response: { 200: WrapUpTagList, ...errors },
      },
    },
    async (request) => ({ items: await tags.listTags(deps, principalOf(request)) }),
  );

  app.post(
    '/api/admin/tags',
    {
      schema: {
        tags: ['admin'],
        summary: 'Add a wrap-up tag (admins); 422 when the name is taken, ignoring case',
        body: TagCreateBody,
        response: { 201: WrapUpTag, 422: Problem, ...errors },
      },
    },
    async (request, reply) => {
      const created = await tags.createTag(deps, principalOf(request), request.body);
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/admin/tags/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Take a wrap-up tag off the list (admins); closed chats keep their tag text',
        params: z.object({ id: z.string() }),
        response: { 204: z.undefined(), 404: Problem, ...errors },
      },
    },
    async (request, reply) => {
      await tags.deleteTag(deps, principalOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
};
