import { InboundBody, InboundReply, Problem } from '@parley/contract';
import type { FastifySchemaCompiler } from 'fastify';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { keepRawJsonBodies, rawBodyOf } from './raw-body.ts';
import { createSignatureGuard } from './signature-guard.ts';
import type { RateLimiter } from '../../http/rate-limiter.ts';
import { acceptWebhook, type ChannelDeps } from './webhook.service.ts';
import { WhatsAppHandshakeQuery } from './whatsapp.schema.ts';
import { acceptWhatsApp, answerWhatsAppHandshake } from './whatsapp.service.ts';

const Params = z.object({ channelId: z.string().min(1).max(200) });

const SignatureHeaders = z.object({
  'x-parley-timestamp': z.string().describe('Unix seconds when the request was signed'),
  'x-parley-signature': z
    .string()
    .describe('sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" keyed with the channel secret>'),
});

const HubHeaders = z.object({
  'x-hub-signature-256': z
    .string()
    .describe("sha256=<hex HMAC-SHA256 of the raw body keyed with the Meta app's secret>"),
});

/**
 * Route validation runs before the handler, which would judge the body (and signature headers)
 * before the signature: here their schemas only document the request, and the services check
 * them in the right order, on the exact bytes.
 */
function documentedOnly<S>(route: Parameters<FastifySchemaCompiler<S>>[0]) {
  if (route.httpPart === 'body' || route.httpPart === 'headers') return () => true;
  return validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
}

const errors = { 400: Problem, 401: Problem, 429: Problem };

/** Where customers' messages come in from providers. Callers prove themselves by signature. */
export const channelRoutes: FastifyPluginAsyncZod<ChannelDeps & { limiter: RateLimiter }> = async (
  app,
  deps,
) => {
  keepRawJsonBodies(app);

  const guard = createSignatureGuard(deps.limiter);

  app.post(
    '/api/inbound/:channelId',
    {
      schema: {
        tags: ['channels'],
        summary: 'A customer message from the generic signed webhook',
        description:
          'Stored exactly once per messageId: a repeat answers duplicate: true. 401 when the ' +
          'signature is missing, wrong, or more than 5 minutes old.',
        security: [],
        params: Params,
        headers: SignatureHeaders,
        body: InboundBody,
        response: { 200: InboundReply, ...errors, 422: Problem },
      },
      validatorCompiler: documentedOnly,
      config: { providerText: true },
    },
    async (request) =>
      guard.judge(request, () =>
        acceptWebhook(
          deps,
          request.params.channelId,
          { raw: rawBodyOf(request), json: request.body as unknown },
          {
            timestamp: request.headers['x-parley-timestamp'],
            signature: request.headers['x-parley-signature'],
          },
        ),
      ),
  );

  app.get(
    '/api/inbound/:channelId/whatsapp',
    {
      schema: {
        tags: ['channels'],
        summary: 'WhatsApp webhook verification: answers hub.challenge as text/plain',
        security: [],
        params: Params,
        querystring: WhatsAppHandshakeQuery,
        response: {
          200: z.string().describe('hub.challenge, echoed as text/plain'),
          403: Problem,
          429: Problem,
        },
      },
    },
    async (request, reply) => {
      const challenge = await guard.countFirst(request, () =>
        answerWhatsAppHandshake(deps, request.params.channelId, request.query),
      );
      return reply.type('text/plain; charset=utf-8').send(challenge);
    },
  );

  app.post(
    '/api/inbound/:channelId/whatsapp',
    {
      schema: {
        tags: ['channels'],
        summary: 'WhatsApp Cloud API notifications: customer messages and delivery statuses',
        description:
          'Answers 200 for every correctly signed notification, including message types Parley ' +
          'does not store, because Meta retries anything else.',
        security: [],
        params: Params,
        headers: HubHeaders,
        response: { 200: z.object({ accepted: z.literal(true) }), ...errors },
      },
      validatorCompiler: documentedOnly,
      config: { providerText: true },
    },
    async (request) => {
      const outcome = await guard.judge(request, () =>
        acceptWhatsApp(
          deps,
          request.params.channelId,
          { raw: rawBodyOf(request), json: request.body as unknown },
          request.headers['x-hub-signature-256'],
        ),
      );
      if (outcome.skipped.length > 0)
        request.log.info({ skipped: outcome.skipped }, 'whatsapp notification items skipped');
      return { accepted: true as const };
    },
  );
};
