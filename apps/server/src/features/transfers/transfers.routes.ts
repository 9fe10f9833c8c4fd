import {
  Chat,
  Problem,
  RejectTransferBody,
  Transfer,
  TransferBody,
  TransferInbox,
  TransferTargets,
} from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as service from './transfers.service.ts';
import * as views from './transfer-views.service.ts';

const errors = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};
const params = z.object({ id: z.string() });

export const transferRoutes: FastifyPluginAsyncZod<service.TransferDeps> = async (app, deps) => {
  app.post(
    '/api/chats/:id/transfer',
    {
      schema: {
        tags: ['transfers'],
        summary: 'Offer a live chat to a colleague, a department, or a colleague in a department',
        params,
        body: TransferBody,
        response: { 200: Chat, ...errors },
      },
    },
    async (request) =>
      service.offerTransfer(deps, principalOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/chats/:id/transfer-targets',
    {
      schema: {
        tags: ['transfers'],
        summary: 'Where the chat can go now: departments and colleagues with room, with their load',
        params,
        response: { 200: TransferTargets, ...errors },
      },
    },
    async (request) => views.transferTargets(deps, principalOf(request), request.params.id),
  );
  app.get(
    '/api/transfers',
    {
      schema: {
        tags: ['transfers'],
        summary: 'Offers waiting on me, and mine: open, or answered and not yet acknowledged',
        response: { 200: TransferInbox, ...errors },
      },
    },
    async (request) => views.transferInbox(deps, principalOf(request)),
  );
  app.post(
    '/api/transfers/:id/accept',
    {
      schema: {
        tags: ['transfers'],
        summary: 'Take the offered chat',
        params,
        response: { 200: Chat, ...errors },
      },
    },
    async (request) => service.acceptTransfer(deps, principalOf(request), request.params.id),
  );
  app.post(
    '/api/transfers/:id/reject',
    {
      schema: {
        tags: ['transfers'],
        summary: 'Turn the offer down, with a reason for the sender',
        params,
        body: RejectTransferBody.nullish(),
        response: { 200: Transfer, ...errors },
      },
    },
    async (request) =>
      service.rejectTransfer(deps, principalOf(request), request.params.id, request.body?.reason),
  );
  app.post(
    '/api/transfers/:id/acknowledge',
    {
      schema: {
        tags: ['transfers'],
        summary: 'The sender saw the rejection or the return; it leaves their list',
        params,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      await service.acknowledgeTransfer(deps, principalOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
};
