import {
  Problem,
  WebhookCreateBody,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookDeliveryQuery,
  WebhookPatchBody,
  WebhookSubscription,
  WebhookSubscriptionCreated,
  WebhookSubscriptionList,
} from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as webhooks from './webhooks.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem };
const id = z.object({ id: z.string() });

/** Outbound webhooks: admins (and tokens with the admin scope) subscribe URLs to events. */
export const webhookRoutes: FastifyPluginAsyncZod<webhooks.WebhookDeps> = async (app, deps) => {
  app.get(
    '/api/admin/webhooks',
    {
      schema: {
        tags: ['admin'],
        summary: 'Webhook subscriptions with their last delivery (admins)',
        response: { 200: WebhookSubscriptionList, ...errors },
      },
    },
    async (request) => ({ items: await webhooks.listSubscriptions(deps, principalOf(request)) }),
  );

  app.post(
    '/api/admin/webhooks',
    {
      schema: {
        tags: ['admin'],
        summary: 'Subscribe a URL to events (admins); the signing secret is shown this once',
        body: WebhookCreateBody,
        response: { 201: WebhookSubscriptionCreated, 422: Problem, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await webhooks.createSubscription(deps, principalOf(request), request.body)),
  );

  app.patch(
    '/api/admin/webhooks/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change the URL or events, pause or resume (admins)',
        params: id,
        body: WebhookPatchBody,
        response: { 200: WebhookSubscription, 404: Problem, 422: Problem, ...errors },
      },
    },
    async (request) =>
      webhooks.updateSubscription(deps, principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/admin/webhooks/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Delete a webhook and its delivery log; nothing more is sent (admins)',
        params: id,
        response: { 204: z.undefined(), 404: Problem, ...errors },
      },
    },
    async (request, reply) => {
      await webhooks.deleteSubscription(deps, principalOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/admin/webhooks/:id/rotate-secret',
    {
      schema: {
        tags: ['admin'],
        summary: 'A new signing secret, shown this once; the old one stops at once (admins)',
        params: id,
        response: { 200: z.object({ secret: z.string() }), 404: Problem, ...errors },
      },
    },
    async (request) =>
      webhooks.rotateSubscriptionSecret(deps, principalOf(request), request.params.id),
  );

  app.get(
    '/api/admin/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['admin'],
        summary: "A webhook's delivery log, newest first (admins)",
        params: id,
        querystring: WebhookDeliveryQuery,
        response: { 200: WebhookDeliveryPage, 404: Problem, ...errors },
      },
    },
    async (request) =>
      webhooks.listDeliveries(deps, principalOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/admin/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Queue a past event again with the same event id (admins); 409 while it is still ' +
          'queued or the webhook is paused',
        params: z.object({ id: z.string(), deliveryId: z.string() }),
        response: { 202: WebhookDelivery, 404: Problem, 409: Problem, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(
          await webhooks.redeliver(
            deps,
            principalOf(request),
            request.params.id,
            request.params.deliveryId,
          ),
        ),
  );

  app.post(
    '/api/admin/webhooks/:id/test',
    {
      schema: {
        tags: ['admin'],
        summary: 'Queue a webhook.test event for this webhook (admins); 409 when paused',
        params: id,
        response: { 202: WebhookDelivery, 404: Problem, 409: Problem, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await webhooks.sendTestEvent(deps, principalOf(request), request.params.id)),
  );
};
