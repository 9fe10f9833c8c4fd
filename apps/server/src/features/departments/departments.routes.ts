import {
  AdminDepartment,
  AdminDepartmentList,
  DepartmentCreateBody,
  DepartmentPatchBody,
  Problem,
} from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as departments from './departments.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem };

/** Departments: admins manage them; supervisors may read the list. */
export const departmentRoutes: FastifyPluginAsyncZod<departments.DepartmentDeps> = async (
  app,
  deps,
) => {
  app.get(
    '/api/admin/departments',
    {
      schema: {
        tags: ['admin'],
        summary: 'Departments with their members and channel counts (admins and supervisors)',
        response: { 200: AdminDepartmentList, ...errors },
      },
    },
    async (request) => ({
      items: await departments.listDepartments(deps, principalOf(request)),
    }),
  );

  app.post(
    '/api/admin/departments',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a department (admins); 422 when the name is taken, ignoring case',
        body: DepartmentCreateBody,
        response: { 201: AdminDepartment, 422: Problem, ...errors },
      },
    },
    async (request, reply) => {
      const created = await departments.createDepartment(deps, principalOf(request), request.body);
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/admin/departments/:id',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Rename, archive or restore a department, or replace its members (admins); ' +
          '409 when archiving one that channels still route to',
        params: z.object({ id: z.string() }),
        body: DepartmentPatchBody,
        response: { 200: AdminDepartment, 404: Problem, 409: Problem, 422: Problem, ...errors },
      },
    },
    async (request) =>
      departments.updateDepartment(deps, principalOf(request), request.params.id, request.body),
  );
};
