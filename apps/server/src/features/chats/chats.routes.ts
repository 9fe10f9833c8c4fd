import {
  AssignBody,
  Chat,
  ChatList,
  ChatListQuery,
  CloseBody,
  Message,
  MessagePage,
  Problem,
  SendMessageBody,
  Timeline,
} from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as actions from './chat-actions.service.ts';
import * as chats from './chats.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const params = z.object({ id: z.string() });
const page = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
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
    '/api/chats/:id',
    { schema: { tags, summary: 'One chat', params, response: { 200: Chat, ...errors } } },
    async (request) => chats.getChat(deps, principalOf(request), request.params.id),
  );

  app.get(
    '/api/chats/:id/messages',
    {
      schema: {
        tags,
        summary: 'Messages, newest page first, each page oldest to newest',
        params,
        querystring: page,
        response: { 200: MessagePage, ...errors },
      },
    },
    async (request) =>
      chats.getMessages(deps, principalOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/chats/:id/messages',
    {
      schema: {
        tags,
        summary: 'Send a message to the customer; a repeated clientId returns the first result',
        params,
        body: SendMessageBody,
        response: { 200: Message, 201: Message, ...errors },
      },
    },
    async (request, reply) => {
      const { message, created } = await chats.sendMessage(
        deps,
        principalOf(request),
        request.params.id,
        request.body,
      );
      return reply.code(created ? 201 : 200).send(message);
    },
  );

  app.get(
    '/api/chats/:id/timeline',
    {
      schema: {
        tags,
        summary: 'Messages and events interleaved in order (the read-only view)',
        params,
        querystring: page,
        response: { 200: Timeline, ...errors },
      },
    },
    async (request) =>
      chats.getTimeline(deps, principalOf(request), request.params.id, request.query),
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
