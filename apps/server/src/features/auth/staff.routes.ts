import {
  AvailabilityBody,
  Me,
  Problem,
  SessionState,
  StaffList,
  StaffListQuery,
} from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as staff from './staff.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

export const staffRoutes: FastifyPluginAsyncZod<staff.StaffDeps> = async (app, deps) => {
  app.get(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Who this browser is signed in as, or null: 200 either way',
        response: { 200: SessionState, ...errors },
      },
    },
    async (request) => ({
      user: request.principal ? await staff.getMe(deps, principalOf(request)) : null,
    }),
  );

  app.get(
    '/api/me',
    {
      schema: {
        tags: ['staff'],
        summary: 'The signed-in staff member',
        response: { 200: Me, ...errors },
      },
    },
    async (request) => staff.getMe(deps, principalOf(request)),
  );

  app.put(
    '/api/me/availability',
    {
      schema: {
        tags: ['staff'],
        summary: 'Set my availability; colleagues see it live',
        body: AvailabilityBody,
        response: { 200: Me, ...errors },
      },
    },
    async (request) => staff.setAvailability(deps, principalOf(request), request.body.available),
  );

  app.get(
    '/api/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'Colleagues with their availability and whether they are online',
        querystring: StaffListQuery,
        response: { 200: StaffList, ...errors },
      },
    },
    async (request) => {
      const online =
        request.query.online === undefined ? undefined : request.query.online === 'true';
      return { items: await staff.listStaff(deps, principalOf(request), { online }) };
    },
  );
};
