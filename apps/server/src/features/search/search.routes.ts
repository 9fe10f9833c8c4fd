import { Problem, SearchPage, SearchQuery } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { tooManyRequests } from '../../errors.ts';
import { principalOf } from '../../http/auth-hooks.ts';
import type { LimitRule, RateLimiter } from '../../http/rate-limiter.ts';
import * as searching from './search.service.ts';

const errors = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  422: Problem,
  429: Problem,
};

/** Typing a query asks once per pause; a person never needs more than a few a second. */
export const SEARCHES_PER_PERSON: LimitRule = { name: 'search', limit: 60, windowMs: 30_000 };

export const searchRoutes: FastifyPluginAsyncZod<
  searching.SearchDeps & { limiter: RateLimiter }
> = async (app, deps) => {
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary:
          'Customers, messages or notes matching the words, best match first, with marked snippets; only what the caller may see',
        querystring: SearchQuery,
        response: { 200: SearchPage, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const who = principal.kind === 'staff' ? principal.staffId : 'system';
      const wait = await deps.limiter.take([[SEARCHES_PER_PERSON, who]]);
      if (wait !== undefined)
        throw tooManyRequests(wait, `Too many searches. Try again in ${wait} s.`);
      return searching.search(deps, principal, request.query);
    },
  );
};
