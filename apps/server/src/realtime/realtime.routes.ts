import type { FastifyPluginAsync } from 'fastify';
import { principalOf } from '../http/auth-hooks.ts';
import { requireStaff } from '../principal.ts';
import type { Hub } from './hub.ts';

/**
 * `GET /api/realtime` upgrades to a WebSocket. The session (and the Origin, in the auth hook) is
 * checked before the upgrade, so a refused caller gets a plain 401/403 and never a socket.
 */
export const realtimeRoutes: FastifyPluginAsync<{ hub: Hub }> = async (app, { hub }) => {
  app.get(
    '/api/realtime',
    {
      websocket: true,
      schema: { hide: true },
      preValidation: async (request) => {
        requireStaff(principalOf(request));
      },
    },
    (socket, request) => {
      const principal = requireStaff(principalOf(request));
      void hub.attach(socket, principal).catch((err) => {
        request.log.error({ err }, 'realtime: attach failed');
        socket.close(1011, 'server error');
      });
    },
  );
};
