import {
  AcceptOldestBody,
  AcceptOldestResult,
  Message,
  MessagePage,
  Problem,
  SendMessageBody,
  Ticket,
  TicketCounts,
  TicketList,
  TicketListQuery,
  TicketTransferBody,
  Timeline,
} from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as tickets from './tickets.service.ts';

const errors = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};
const params = z.object({ id: z.string() });
const page = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const tags = ['tickets'];

export const ticketRoutes: FastifyPluginAsyncZod<tickets.TicketDeps> = async (app, deps) => {
  app.get(
    '/api/tickets',
    {
      schema: {
        tags,
        summary: 'Tickets in a view: unassigned and closed newest first, assigned (mine)',
        querystring: TicketListQuery,
        response: { 200: TicketList, ...errors },
      },
    },
    async (request) => tickets.listTickets(deps, principalOf(request), request.query),
  );

  app.get(
    '/api/tickets/counts',
    {
      schema: {
        tags,
        summary: 'How many tickets are unassigned (my departments) and assigned (mine)',
        response: { 200: TicketCounts, ...errors },
      },
    },
    async (request) => tickets.ticketCounts(deps, principalOf(request)),
  );

  app.post(
    '/api/tickets/accept-oldest',
    {
      schema: {
        tags,
        summary:
          'Take the oldest unassigned tickets of my departments (never one a colleague takes)',
        body: AcceptOldestBody,
        response: { 200: AcceptOldestResult, ...errors },
      },
    },
    async (request) => tickets.acceptOldestTickets(deps, principalOf(request), request.body.count),
  );

  app.get(
    '/api/tickets/:id',
    { schema: { tags, summary: 'One ticket', params, response: { 200: Ticket, ...errors } } },
    async (request) => tickets.getTicket(deps, principalOf(request), request.params.id),
  );

  app.get(
    '/api/tickets/:id/messages',
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
      tickets.getTicketMessages(deps, principalOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/tickets/:id/messages',
    {
      schema: {
        tags,
        summary: 'Reply to the customer through their channel (the assignee only)',
        params,
        body: SendMessageBody,
        response: { 200: Message, 201: Message, ...errors },
      },
    },
    async (request, reply) => {
      const { message, created } = await tickets.replyToTicket(
        deps,
        principalOf(request),
        request.params.id,
        request.body,
      );
      return reply.code(created ? 201 : 200).send(message);
    },
  );

  app.get(
    '/api/tickets/:id/timeline',
    {
      schema: {
        tags,
        summary: 'Messages and events interleaved in order',
        params,
        querystring: page,
        response: { 200: Timeline, ...errors },
      },
    },
    async (request) =>
      tickets.getTicketTimeline(deps, principalOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/tickets/:id/accept',
    {
      schema: {
        tags,
        summary: 'Take an unassigned ticket',
        params,
        response: { 200: Ticket, ...errors },
      },
    },
    async (request) => tickets.acceptTicket(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/api/tickets/:id/close',
    {
      schema: {
        tags,
        summary: 'Close (assignee or supervisor; 409 before any staff reply)',
        params,
        response: { 200: Ticket, ...errors },
      },
    },
    async (request) => tickets.closeTicket(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/api/tickets/:id/transfer',
    {
      schema: {
        tags,
        summary: 'Transfer to an agent or a department (supervisors only)',
        params,
        body: TicketTransferBody,
        response: { 200: Ticket, ...errors },
      },
    },
    async (request) =>
      tickets.transferTicket(deps, principalOf(request), request.params.id, request.body),
  );
};
