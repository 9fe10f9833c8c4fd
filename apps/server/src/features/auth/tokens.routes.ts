import { ApiTokenCreateBody, ApiTokenCreated, ApiTokenList, Problem } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import type { AuthDeps } from './auth.service.ts';
import * as tokens from './tokens.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem };

/** Integration tokens, managed by admins from the desk (never with a token). */
export const tokenRoutes: FastifyPluginAsyncZod<AuthDeps> = async (app, deps) => {
  app.get(
    '/api/admin/tokens',
    {
      schema: {
        tags: ['admin'],
        summary: 'API tokens for integrations (admins, signed in)',
        response: { 200: ApiTokenList, ...errors },
      },
    },
    async (request) => ({ items: await tokens.listApiTokens(deps, principalOf(request)) }),
  );

  app.post(
    '/api/admin/tokens',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Create a named, scoped, expiring API token; the secret is shown in this answer only',
        body: ApiTokenCreateBody,
        response: { 201: ApiTokenCreated, 422: Problem, ...errors },
      },
    },
    async (request, reply) => {
      const created = await tokens.createApiToken(deps, principalOf(request), request.body);
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/admin/tokens/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Revoke an API token: it is refused at once and its sockets close',
        params: z.object({ id: z.string() }),
        response: { 204: z.undefined(), 404: Problem, ...errors },
      },
    },
    async (request, reply) => {
      await tokens.revokeApiToken(deps, principalOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
};
