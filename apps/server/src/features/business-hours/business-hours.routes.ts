import { BusinessHoursBody, BusinessHoursList, DepartmentHours, Problem } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as businessHours from './business-hours.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem };

/** Business hours per department: supervisors read them, admins change them. */
export const businessHoursRoutes: FastifyPluginAsyncZod<businessHours.BusinessHoursDeps> = async (
  app,
  deps,
) => {
  app.get(
    '/api/admin/business-hours',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Every department that takes work, with its hours (or none: always open), whether it ' +
          'is open now and when that changes (admins and supervisors)',
        response: { 200: BusinessHoursList, ...errors },
      },
    },
    async (request) => ({
      items: await businessHours.listBusinessHours(deps, principalOf(request)),
    }),
  );

  app.put(
    '/api/admin/business-hours',
    {
      schema: {
        tags: ['admin'],
        summary:
          "Replace one department's time zone, weekly hours and holidays (admins). 404 for an " +
          'unknown department; 422 names every field that breaks a rule (an unknown time zone, ' +
          'an end not after its start, overlapping ranges, a holiday date twice) and saves nothing',
        body: BusinessHoursBody,
        response: { 200: DepartmentHours, 404: Problem, 422: Problem, ...errors },
      },
    },
    async (request) => businessHours.updateBusinessHours(deps, principalOf(request), request.body),
  );
};
