import { Problem, SetupStatus, SignInBody, SignInReply } from '@parley/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  clearSessionCookie,
  DEVICE_COOKIE,
  principalOf,
  setDeviceCookie,
  setSessionCookie,
} from '../../http/auth-hooks.ts';
import * as auth from './auth.service.ts';
import { readSetupStatus } from './first-run.service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem, 429: Problem };

export const authRoutes: FastifyPluginAsyncZod<auth.AuthDeps> = async (app, deps) => {
  app.post(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: SignInBody,
        response: { 200: SignInReply, ...errors },
      },
    },
    async (request, reply) => {
      const { token, user, device } = await auth.signIn(deps, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        device: request.cookies[DEVICE_COOKIE],
      });
      setSessionCookie(request, reply, token);
      setDeviceCookie(request, reply, device);
      return { user };
    },
  );

  app.delete(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign out: ends the session and its open sockets',
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      await auth.signOut(deps, principalOf(request));
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/setup',
    {
      schema: {
        tags: ['session'],
        summary: 'Whether the desk still needs its first admin, and the command that creates one',
        response: { 200: SetupStatus },
      },
    },
    async () => readSetupStatus(deps),
  );
};
