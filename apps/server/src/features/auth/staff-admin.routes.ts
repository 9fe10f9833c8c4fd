import {
  AdminStaff,
  AdminStaffList,
  AdminStaffQuery,
  Problem,
  SetPasswordLink,
  StaffCreateBody,
  StaffCreated,
  StaffPatchBody,
} from '@parley/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as access from './staff-access.service.ts';
import * as staff from './staff-admin.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem };
const params = z.object({ id: z.string().max(100) });

/** The desk's address as the admin reached it: the set-password link must open there. */
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** The Admin area's Staff page: admins only (API tokens may read with the admin scope). */
export const staffAdminRoutes: FastifyPluginAsyncZod<access.StaffAccessDeps> = async (
  app,
  deps,
) => {
  app.get(
    '/api/admin/staff',
    {
      schema: {
        tags: ['admin'],
        summary: 'Every staff member, deactivated ones too, by name; q searches name and email',
        querystring: AdminStaffQuery,
        response: { 200: AdminStaffList, ...errors },
      },
    },
    async (request) => ({
      items: await staff.listStaffForAdmin(deps, principalOf(request), request.query),
    }),
  );

  app.post(
    '/api/admin/staff',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Create a staff member; answers a one-time set-password link, shown this once ' +
          '(422 when the email is taken, ignoring case)',
        body: StaffCreateBody,
        response: { 201: StaffCreated, 422: Problem, ...errors },
      },
    },
    async (request, reply) => {
      const created = await staff.createStaffByAdmin(
        deps,
        principalOf(request),
        request.body,
        originOf(request),
      );
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/admin/staff/:id',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Change name, role, departments or capacity; 409 when it would demote the last active admin',
        params,
        body: StaffPatchBody,
        response: { 200: AdminStaff, 404: Problem, 409: Problem, 422: Problem, ...errors },
      },
    },
    async (request) =>
      staff.updateStaffByAdmin(deps, principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/staff/:id/deactivate',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Deactivate: sessions end, sockets close within 5 s, open chats return to the queue; ' +
          '409 for yourself and for the last active admin',
        params,
        response: { 200: AdminStaff, 404: Problem, 409: Problem, ...errors },
      },
    },
    async (request) => access.deactivateStaffByAdmin(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/api/admin/staff/:id/reactivate',
    {
      schema: {
        tags: ['admin'],
        summary: 'Let a deactivated staff member sign in again',
        params,
        response: { 200: AdminStaff, 404: Problem, ...errors },
      },
    },
    async (request) => access.reactivateStaffByAdmin(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/api/admin/staff/:id/reset-password',
    {
      schema: {
        tags: ['admin'],
        summary:
          'A new one-time set-password link, shown this once; ends their sessions and sockets ' +
          'and their old password',
        params,
        response: { 200: SetPasswordLink, 404: Problem, 409: Problem, ...errors },
      },
    },
    async (request) =>
      access.resetStaffPassword(deps, principalOf(request), request.params.id, originOf(request)),
  );
};
