import {
  AcceptOldestBody,
  AcceptOldestResult,
  Problem,
  Ticket,
  TicketCounts,
  TicketList,
  TicketListQuery,
  TicketTransferBody,
} from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import { registerConversationRoutes } from '../../http/conversation-routes.ts';
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

  registerConversationRoutes(
    app,
    {
      base: '/api/tickets',
      tags,
      sendSummary: 'Reply to the customer through their channel (the assignee only)',
    },
    {
      messages: (principal, id, query) => tickets.getTicketMessages(deps, principal, id, query),
      send: (principal, id, body) => tickets.replyToTicket(deps, principal, id, body),
      timeline: (principal, id, query) => tickets.getTicketTimeline(deps, principal, id, query),
    },
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
