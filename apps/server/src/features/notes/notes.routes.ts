import { CreateNoteBody, Note, NotePage, NotePageQuery, Problem } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-hooks.ts';
import * as notes from './notes.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const params = z.object({ id: z.string() });
const tags = ['notes'];

export const noteRoutes: FastifyPluginAsyncZod<notes.NoteDeps> = async (app, deps) => {
  app.get(
    '/api/customers/:id/notes',
    {
      schema: {
        tags,
        summary: 'A customer’s notes, newest first',
        params,
        querystring: NotePageQuery,
        response: { 200: NotePage, ...errors },
      },
    },
    async (request) =>
      notes.listNotes(deps, principalOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/customers/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add a note, optionally with a link, Jira key or ticket number',
        params,
        body: CreateNoteBody,
        response: { 201: Note, ...errors, 422: Problem },
      },
    },
    async (request, reply) => {
      const note = await notes.addNote(deps, principalOf(request), request.params.id, request.body);
      return reply.code(201).send(note);
    },
  );

  app.delete(
    '/api/notes/:id',
    {
      schema: {
        tags,
        summary: 'Delete a note (its author, a supervisor or an admin)',
        params,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      await notes.deleteNote(deps, principalOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
};
