import {
  Customer,
  CustomerPatchBody,
  CustomerSearchQuery,
  CustomerSearchResult,
  Problem,
  StaleProfileProblem,
} from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as customers from './customers.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const params = z.object({ id: z.string() });
const tags = ['customers'];

export const customerRoutes: FastifyPluginAsyncZod<customers.CustomerDeps> = async (app, deps) => {
  app.get(
    '/api/customers',
    {
      schema: {
        tags,
        summary: 'Find customers by name, number or email (at most 20)',
        querystring: CustomerSearchQuery,
        response: { 200: CustomerSearchResult, ...errors },
      },
    },
    async (request) => customers.searchCustomers(deps, principalOf(request), request.query.q),
  );

  app.get(
    '/api/customers/:id',
    {
      schema: {
        tags,
        summary: 'A customer’s profile; the ETag is its version',
        params,
        response: { 200: Customer, ...errors },
      },
    },
    async (request, reply) => {
      const customer = await customers.getCustomer(deps, principalOf(request), request.params.id);
      return reply.header('etag', customers.etagOf(customer)).send(customer);
    },
  );

  app.patch(
    '/api/customers/:id',
    {
      schema: {
        tags,
        summary: 'Save profile fields; If-Match must carry the ETag the edit started from',
        params,
        headers: z.object({ 'if-match': z.string().optional() }),
        body: CustomerPatchBody,
        response: {
          200: Customer,
          ...errors,
          412: StaleProfileProblem,
          422: Problem,
          428: Problem,
        },
      },
    },
    async (request, reply) => {
      try {
        const customer = await customers.updateProfile(
          deps,
          principalOf(request),
          request.params.id,
          request.headers['if-match'],
          request.body,
        );
        return reply.header('etag', customers.etagOf(customer)).send(customer);
      } catch (err) {
        if (!(err instanceof customers.StaleProfileError)) throw err;
        return reply
          .code(412)
          .type('application/problem+json')
          .header('etag', customers.etagOf(err.current))
          .send({
            type: 'about:blank',
            title: err.title,
            status: 412,
            detail: err.message,
            current: err.current,
          });
      }
    },
  );
};
