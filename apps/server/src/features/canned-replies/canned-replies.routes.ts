import {
  CannedReply,
  CannedReplyCreateBody,
  CannedReplyList,
  CannedReplyPatchBody,
  CannedReplyQuery,
  Problem,
} from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as canned from './canned-replies.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem };
const params = z.object({ id: z.string() });
const tags = ['canned replies'];

export const cannedReplyRoutes: FastifyPluginAsyncZod<canned.CannedReplyDeps> = async (
  app,
  deps,
) => {
  app.get(
    '/api/canned-replies',
    {
      schema: {
        tags,
        summary: 'My canned replies and the shared ones, by title (exact shortcut first)',
        querystring: CannedReplyQuery,
        response: { 200: CannedReplyList, ...errors },
      },
    },
    async (request) => canned.listCannedReplies(deps, principalOf(request), request.query),
  );

  app.post(
    '/api/canned-replies',
    {
      schema: {
        tags,
        summary: 'Save a personal reply, or a shared one (supervisors and admins)',
        body: CannedReplyCreateBody,
        response: { 201: CannedReply, ...errors },
      },
    },
    async (request, reply) => {
      const created = await canned.createCannedReply(deps, principalOf(request), request.body);
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/canned-replies/:id',
    {
      schema: {
        tags,
        summary: 'Change a reply: your own, or a shared one (supervisors and admins)',
        params,
        body: CannedReplyPatchBody,
        response: { 200: CannedReply, ...errors },
      },
    },
    async (request) =>
      canned.updateCannedReply(deps, principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/canned-replies/:id',
    {
      schema: {
        tags,
        summary: 'Delete a reply: your own, or a shared one (supervisors and admins)',
        params,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      await canned.deleteCannedReply(deps, principalOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
};
