import { MonitorSession, Problem, SupervisorDesk, SupervisorDeskQuery } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as monitors from './monitor.service.ts';
import * as desk from './supervisor.service.ts';

const errors = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};
const params = z.object({ id: z.string() });

/** The supervisor desk and monitoring: supervisors and admins only. */
export const supervisorRoutes: FastifyPluginAsyncZod<desk.SupervisorDeps> = async (app, deps) => {
  app.get(
    '/api/supervisor/desk',
    {
      schema: {
        tags: ['supervisor'],
        summary: 'The floor: open chats longest waiting first, department queues, the team',
        querystring: SupervisorDeskQuery,
        response: { 200: SupervisorDesk, ...errors },
      },
    },
    async (request) => desk.getDesk(deps, principalOf(request), request.query),
  );

  app.post(
    '/api/chats/:id/monitor',
    {
      schema: {
        tags: ['supervisor'],
        summary: 'Start monitoring a chat read-only; beat every 30 s, end when leaving',
        params,
        response: { 201: MonitorSession, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await monitors.startMonitoring(deps, principalOf(request), request.params.id)),
  );

  app.post(
    '/api/monitors/:id/heartbeat',
    {
      schema: {
        tags: ['supervisor'],
        summary: 'Still watching (409 once the session has ended)',
        params,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      await monitors.heartbeat(deps, principalOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/monitors/:id/end',
    {
      schema: {
        tags: ['supervisor'],
        summary: 'Stop watching: the chat’s timeline gains one observed event',
        params,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      await monitors.endMonitoring(deps, principalOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
};
