import { Problem, Settings, SettingsUpdateBody } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as settings from './settings.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem };

/** Timeouts, auto-close times and file limits: supervisors read them, admins change them. */
export const settingsRoutes: FastifyPluginAsyncZod<settings.SettingsDeps> = async (app, deps) => {
  app.get(
    '/api/admin/settings',
    {
      schema: {
        tags: ['admin'],
        summary: 'Every setting, defaults filled in (admins and supervisors)',
        response: { 200: Settings, ...errors },
      },
    },
    async (request) => settings.getSettings(deps, principalOf(request)),
  );

  app.put(
    '/api/admin/settings',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Change any of the settings (admins); answers the whole set. 422 names every field ' +
          'out of range, and nothing is saved',
        body: SettingsUpdateBody,
        response: { 200: Settings, 422: Problem, ...errors },
      },
    },
    async (request) => settings.updateSettings(deps, principalOf(request), request.body),
  );
};
