import {
  AssignBody,
  Chat,
  ChatCounts,
  ChatList,
  ChatListQuery,
  ChatReadList,
  CloseBody,
  Message,
  Problem,
} from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import { registerConversationRoutes } from '../../http/conversation-routes.ts';
import * as actions from './chat-actions.service.ts';
import * as chats from './chats.service.ts';
import { retryMessage } from './message-retry.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const params = z.object({ id: z.string() });
const tags = ['chats'];

export const chatRoutes: FastifyPluginAsyncZod<chats.ChatServiceDeps> = async (app, deps) => {
  app.get(
    '/api/chats',
    {
      schema: {
        tags,
        summary: 'Chats in a view, newest first',
        querystring: ChatListQuery,
        response: { 200: ChatList, ...errors },
      },
    },
    async (request) => chats.listChats(deps, principalOf(request), request.query),
  );

  app.get(
    '/api/chats/counts',
    {
      schema: {
        tags,
        summary: 'How many chats each of my lists holds (Live, Queue, Pending, Tagged)',
        response: { 200: ChatCounts, ...errors },
      },
    },
    async (request) => chats.countChats(deps, principalOf(request)),
  );

  app.get(
    '/api/chats/reads',
    {
      schema: {
        tags,
        summary: 'When I last read each chat that can carry a marker for me (latest first)',
        response: { 200: ChatReadList, ...errors },
      },
    },
    async (request) => chats.listReads(deps, principalOf(request)),
  );

  app.get(
    '/api/chats/:id',
    { schema: { tags, summary: 'One chat', params, response: { 200: Chat, ...errors } } },
    async (request) => chats.getChat(deps, principalOf(request), request.params.id),
  );

  registerConversationRoutes(
    app,
    {
      base: '/api/chats',
      tags,
      sendSummary: 'Send a message to the customer; a repeated clientId returns the first result',
    },
    {
      messages: (principal, id, query) => chats.getMessages(deps, principal, id, query),
      send: (principal, id, body) => chats.sendMessage(deps, principal, id, body),
      timeline: (principal, id, query) => chats.getTimeline(deps, principal, id, query),
    },
  );

  app.post(
    '/api/chats/:id/messages/:messageId/retry',
    {
      schema: {
        tags,
        summary:
          'Send a failed reply again (the chat’s agent or a supervisor); 409 unless it failed, so it goes out once',
        params: z.object({ id: z.string(), messageId: z.string() }),
        response: { 200: Message, ...errors },
      },
    },
    async (request) =>
      retryMessage(deps, principalOf(request), request.params.id, request.params.messageId),
  );

  app.post(
    '/api/chats/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark the chat read for me',
        params,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      await chats.markRead(deps, principalOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  const action = (
    name: string,
    summary: string,
    run: (id: string, principal: ReturnType<typeof principalOf>, body: unknown) => Promise<Chat>,
    body?: z.ZodType,
  ) =>
    app.post(
      `/api/chats/:id/${name}`,
      {
        schema: {
          tags,
          summary,
          params,
          ...(body ? { body } : {}),
          response: { 200: Chat, ...errors },
        },
      },
      async (request) => run(request.params.id, principalOf(request), request.body),
    );

  action('accept', 'Take a queued chat', (id, principal) =>
    actions.acceptChat(deps, principal, id),
  );
  action(
    'assign',
    'Assign to an agent (supervisors)',
    (id, principal, body) => actions.assignTo(deps, principal, id, (body as AssignBody).agentId),
    AssignBody,
  );
  action('pending', 'Mark pending: waiting on the customer', (id, principal) =>
    actions.markPending(deps, principal, id),
  );
  action('resume', 'Back to live from pending', (id, principal) =>
    actions.resumeChat(deps, principal, id),
  );
  action('flag', 'Flag for follow-up', (id, principal) =>
    actions.setFlag(deps, principal, id, true),
  );
  action('unflag', 'Remove the flag', (id, principal) =>
    actions.setFlag(deps, principal, id, false),
  );
  action(
    'close',
    'Close with a wrap-up',
    (id, principal, body) =>
      actions.closeChat(deps, principal, id, body as z.output<typeof CloseBody>),
    CloseBody,
  );
  action('reopen', 'Reopen a closed chat', (id, principal) =>
    actions.reopenChat(deps, principal, id),
  );
};

type AssignBody = z.output<typeof AssignBody>;
