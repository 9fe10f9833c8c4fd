import { AuditPage, AuditPageQuery, Problem } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../http/auth-hooks.ts';
import { type AuditDeps, listAudit } from './audit.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem };

/** The record of admin changes, for admins. */
export const auditRoutes: FastifyPluginAsyncZod<AuditDeps> = async (app, deps) => {
  app.get(
    '/api/admin/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'Admin changes, newest first: who, what, when, before and after (admins)',
        querystring: AuditPageQuery,
        response: { 200: AuditPage, ...errors },
      },
    },
    async (request) => listAudit(deps, principalOf(request), request.query),
  );
};
