import { Problem, SetPasswordBody, SetPasswordInfo } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tooManyRequests } from '../../errors.ts';
import type { LimitRule, RateLimiter } from '../../http/rate-limiter.ts';
import * as links from './set-password.service.ts';

/** Guessing links is hopeless (256 random bits), but each try costs a lookup and a hash. */
const LOOKUPS_PER_ADDRESS: LimitRule = {
  name: 'set-password-lookups',
  limit: 30,
  windowMs: 15 * 60_000,
};
const SETS_PER_ADDRESS: LimitRule = { name: 'set-password-sets', limit: 10, windowMs: 15 * 60_000 };

const params = z.object({ token: z.string().max(200) });
const errors = { 400: Problem, 404: Problem, 410: Problem, 429: Problem };

/** The page a one-time set-password link opens: no session needed, the link is the proof. */
export const setPasswordRoutes: FastifyPluginAsyncZod<
  links.SetPasswordDeps & { limiter: RateLimiter }
> = async (app, deps) => {
  const limit = async (rule: LimitRule, ip: string) => {
    const wait = await deps.limiter.take([[rule, ip]]);
    if (wait !== undefined)
      throw tooManyRequests(wait, 'Too many tries from here. Wait a little, then try again.');
  };

  app.get(
    '/api/set-password/:token',
    {
      schema: {
        tags: ['session'],
        summary: 'Whose one-time set-password link this is; 404 unknown, 410 used or expired',
        params,
        response: { 200: SetPasswordInfo, ...errors },
      },
    },
    async (request) => {
      await limit(LOOKUPS_PER_ADDRESS, request.ip);
      return links.readSetPasswordLink(deps, request.params.token);
    },
  );

  app.post(
    '/api/set-password/:token',
    {
      schema: {
        tags: ['session'],
        summary:
          'Choose a password with a one-time link; uses the link up and ends any sessions ' +
          '(404 unknown, 410 used or expired, 422 too short)',
        params,
        body: SetPasswordBody,
        response: { 204: z.undefined(), 422: Problem, ...errors },
      },
    },
    async (request, reply) => {
      await limit(SETS_PER_ADDRESS, request.ip);
      await links.useSetPasswordLink(deps, request.params.token, request.body.password);
      return reply.code(204).send();
    },
  );
};
