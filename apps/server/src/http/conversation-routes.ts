import { Message, MessagePage, Problem, SendMessageBody, Timeline } from '@parley/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../principal.ts';
import { principalOf } from './auth-hooks.ts';

/*
 * A conversation's three routes, the same for a chat and a ticket (a ticket keeps its chat's id,
 * messages and events): its messages page by page, a reply to the customer (a repeated clientId
 * answers the first result: 200, else 201), and messages and events interleaved.
 */

const errors = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};
const params = z.object({ id: z.string() });
export const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
type Page = z.output<typeof pageQuery>;
type Reply = z.output<typeof SendMessageBody>;

export type ConversationHandlers = {
  messages(principal: Principal, id: string, page: Page): Promise<z.input<typeof MessagePage>>;
  send(
    principal: Principal,
    id: string,
    body: Reply,
  ): Promise<{ message: z.input<typeof Message>; created: boolean }>;
  timeline(principal: Principal, id: string, page: Page): Promise<z.input<typeof Timeline>>;
};

/** Registers `GET|POST {base}/:id/messages` and `GET {base}/:id/timeline`. */
export function registerConversationRoutes(
  app: FastifyInstance,
  conversation: { base: '/api/chats' | '/api/tickets'; tags: string[]; sendSummary: string },
  handlers: ConversationHandlers,
) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { base, tags } = conversation;
  routes.get(
    `${base}/:id/messages`,
    {
      schema: {
        tags,
        summary: 'Messages, newest page first, each page oldest to newest',
        params,
        querystring: pageQuery,
        response: { 200: MessagePage, ...errors },
      },
    },
    async (request) => handlers.messages(principalOf(request), request.params.id, request.query),
  );

  routes.post(
    `${base}/:id/messages`,
    {
      schema: {
        tags,
        summary: conversation.sendSummary,
        params,
        body: SendMessageBody,
        response: { 200: Message, 201: Message, ...errors },
      },
    },
    async (request, reply) => {
      const sent = await handlers.send(principalOf(request), request.params.id, request.body);
      return reply.code(sent.created ? 201 : 200).send(sent.message);
    },
  );

  routes.get(
    `${base}/:id/timeline`,
    {
      schema: {
        tags,
        summary: 'Messages and events interleaved in order (the read-only view)',
        params,
        querystring: pageQuery,
        response: { 200: Timeline, ...errors },
      },
    },
    async (request) => handlers.timeline(principalOf(request), request.params.id, request.query),
  );
}
