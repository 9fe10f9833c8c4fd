import {
  CustomerTimelinePage,
  CustomerTimelineQuery,
  HistoryPage,
  HistoryQuery,
  Problem,
} from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as history from './history.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const params = z.object({ id: z.string() });
const tags = ['customers'];

export const historyRoutes: FastifyPluginAsyncZod<history.HistoryDeps> = async (app, deps) => {
  app.get(
    '/api/customers/:id/history',
    {
      schema: {
        tags,
        summary: 'The customer’s chats and tickets, newest first',
        params,
        querystring: HistoryQuery,
        response: { 200: HistoryPage, ...errors },
      },
    },
    async (request) =>
      history.listHistory(deps, principalOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/customers/:id/timeline',
    {
      schema: {
        tags,
        summary: 'The customer’s whole story, newest first: chats, notes and profile changes',
        params,
        querystring: CustomerTimelineQuery,
        response: { 200: CustomerTimelinePage, ...errors },
      },
    },
    async (request) =>
      history.listCustomerTimeline(deps, principalOf(request), request.params.id, request.query),
  );
};
