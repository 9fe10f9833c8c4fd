import { Preferences, PreferencesBody, Problem } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as service from './preferences.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const tags = ['staff'];

export const preferenceRoutes: FastifyPluginAsyncZod<service.PreferenceDeps> = async (
  app,
  deps,
) => {
  app.get(
    '/api/me/preferences',
    {
      schema: {
        tags,
        summary: 'How the desk alerts me: sound, desktop notifications, title count, which events',
        response: { 200: Preferences, ...errors },
      },
    },
    async (request) => service.getPreferences(deps, principalOf(request)),
  );
  app.put(
    '/api/me/preferences',
    {
      schema: {
        tags,
        summary: 'Change how the desk alerts me; fields left out stay as they are',
        body: PreferencesBody,
        response: { 200: Preferences, ...errors },
      },
    },
    async (request) => service.updatePreferences(deps, principalOf(request), request.body),
  );
};
