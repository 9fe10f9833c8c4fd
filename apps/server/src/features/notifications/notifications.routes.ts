import { NotificationList, Problem } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as service from './notifications.service.ts';

const errors = { 401: Problem, 403: Problem };

export const notificationRoutes: FastifyPluginAsyncZod<service.NotificationDeps> = async (
  app,
  deps,
) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My bell: mentions, transfer offers and answers, timeouts; newest first',
        response: { 200: NotificationList, ...errors },
      },
    },
    async (request) => service.listNotifications(deps, principalOf(request)),
  );
  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark my bell read (every tab of mine hears it)',
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      await service.markNotificationsRead(deps, principalOf(request));
      return reply.code(204).send();
    },
  );
};
