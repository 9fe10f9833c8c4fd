import {
  AdminChannel,
  AdminChannelList,
  ChannelCreateBody,
  ChannelCreated,
  ChannelPatchBody,
  ChannelTestResult,
  Problem,
  RotateSecretBody,
  SecretRotated,
} from '@parley/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import type { FetchLike } from './adapters.ts';
import { testChannel } from './channel-test.service.ts';
import * as admin from './channels-admin.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem };
const one = { 404: Problem, ...errors };
const params = z.object({ id: z.string().max(100) });
/** Inbound URLs and the widget's address, as the set-password link is built: this server's own. */
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** Channels: admins create and manage them; supervisors may read the list. */
export const channelAdminRoutes: FastifyPluginAsyncZod<
  admin.ChannelAdminDeps & { fetchImpl?: FetchLike }
> = async (app, deps) => {
  app.get(
    '/api/admin/channels',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Channels with their settings and secret states, never values (admins, supervisors)',
        response: { 200: AdminChannelList, ...errors },
      },
    },
    async (request) => ({
      items: await admin.listChannels(deps, principalOf(request), originOf(request)),
    }),
  );

  app.post(
    '/api/admin/channels',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a channel (admins); its generated secrets are answered this once',
        body: ChannelCreateBody,
        response: { 201: ChannelCreated, 422: Problem, ...errors },
      },
    },
    async (request, reply) => {
      const created = await admin.createChannel(
        deps,
        principalOf(request),
        request.body,
        originOf(request),
      );
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/admin/channels/:id',
    {
      schema: {
        tags: ['admin'],
        summary: "Change a channel's name, department, region or its kind's settings (admins)",
        params,
        body: ChannelPatchBody,
        response: { 200: AdminChannel, 422: Problem, ...one },
      },
    },
    async (request) =>
      admin.updateChannel(
        deps,
        principalOf(request),
        request.params.id,
        request.body,
        originOf(request),
      ),
  );

  app.post(
    '/api/admin/channels/:id/rotate-secret',
    {
      schema: {
        tags: ['admin'],
        summary: 'Replace a secret (admins); the old one is accepted for 24 hours',
        params,
        body: RotateSecretBody,
        response: { 200: SecretRotated, 422: Problem, ...one },
      },
    },
    async (request) =>
      admin.rotateChannelSecret(
        deps,
        principalOf(request),
        request.params.id,
        request.body ?? {},
        originOf(request),
      ),
  );

  for (const [verb, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const)
    app.post(
      `/api/admin/channels/:id/${verb}`,
      {
        schema: {
          tags: ['admin'],
          summary: enabled
            ? 'Enable a channel again (admins)'
            : 'Disable a channel (admins): inbound then answers 404 and stores nothing',
          params,
          response: { 200: AdminChannel, ...one },
        },
      },
      async (request) =>
        admin.setChannelEnabled(
          deps,
          principalOf(request),
          request.params.id,
          enabled,
          originOf(request),
        ),
    );

  app.post(
    '/api/admin/channels/:id/test',
    {
      schema: {
        tags: ['admin'],
        summary: 'Try the channel (admins): a signed sample, a Graph API call or a settings check',
        params,
        response: { 200: ChannelTestResult, ...one },
      },
    },
    async (request) =>
      testChannel(deps, principalOf(request), request.params.id, originOf(request)),
  );
};
