import { Problem } from '@parley/contract';
import type { FastifyInstance, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RateLimiter } from '../../http/rate-limiter.ts';
import { keepRawJsonBodies } from './raw-body.ts';
import { createSignatureGuard } from './signature-guard.ts';
import { acceptClickatellReply, acceptClickatellStatus } from './sms-clickatell.service.ts';
import {
  acceptTwilioMessage,
  acceptTwilioStatus,
  type TwilioRequest,
} from './sms-twilio.service.ts';
import type { ChannelDeps } from './webhook.service.ts';

const formParams = new WeakMap<FastifyRequest, [string, string][]>();

/**
 * Form bodies (Twilio's) for these routes only, every field kept in order with repeats: the
 * signature covers exactly what was sent.
 */
function keepFormBodies(app: FastifyInstance) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 256 * 1024 },
    (
      request: FastifyRequest,
      body: string | Buffer,
      done: (err: Error | null, body?: unknown) => void,
    ) => {
      const params = [...new URLSearchParams(body.toString())];
      formParams.set(request, params);
      done(null, Object.fromEntries(params));
    },
  );
}

/** Twilio's expected answer: empty TwiML, "send nothing back". */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** Route validation would judge the body before the signature: the services check it after. */
function documentedOnly<S>(route: Parameters<FastifySchemaCompiler<S>>[0]) {
  if (route.httpPart === 'body' || route.httpPart === 'headers') return () => true;
  return validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
}

const Params = z.object({ channelId: z.string().min(1).max(200) });
const SecretParams = Params.extend({ secret: z.string().min(1).max(200) });

const TwilioHeaders = z.object({
  'x-twilio-signature': z
    .string()
    .describe('base64 HMAC-SHA1 of the URL and the sorted POST fields, keyed with the auth token'),
});
const TwilioForm = z
  .record(z.string(), z.string())
  .describe('application/x-www-form-urlencoded fields as Twilio sends them');
const errors = { 400: Problem, 401: Problem, 404: Problem, 429: Problem };

/** SMS providers' webhooks: Twilio's (signed form posts) and Clickatell's (secret URLs). */
export const smsRoutes: FastifyPluginAsyncZod<
  ChannelDeps & { limiter: RateLimiter; publicUrl?: string | undefined }
> = async (app, deps) => {
  keepRawJsonBodies(app);
  keepFormBodies(app);
  const guard = createSignatureGuard(deps.limiter);

  /** Twilio signs the URL it called: the public one configured, or the one this request shows. */
  const twilioRequest = (request: FastifyRequest): TwilioRequest => ({
    urls: [
      ...(deps.publicUrl ? [`${deps.publicUrl}${request.url}`] : []),
      `${request.protocol}://${request.host}${request.url}`,
    ],
    params: formParams.get(request) ?? [],
    signature: request.headers['x-twilio-signature'],
  });

  const twilioSchema = (summary: string, description: string) => ({
    tags: ['channels'],
    summary,
    description,
    security: [],
    params: Params,
    headers: TwilioHeaders,
    body: TwilioForm,
    response: { 200: z.string().describe('Empty TwiML'), ...errors, 422: Problem },
  });

  app.post(
    '/api/inbound/:channelId/twilio',
    {
      schema: twilioSchema(
        'A customer SMS or MMS from Twilio',
        'Stored once per MessageSid; MMS files are fetched afterwards. Answers empty TwiML.',
      ),
      validatorCompiler: documentedOnly,
      config: { providerText: true },
    },
    async (request, reply) => {
      await guard.judge(request, () =>
        acceptTwilioMessage(deps, request.params.channelId, twilioRequest(request)),
      );
      return reply.type('text/xml; charset=utf-8').send(EMPTY_TWIML);
    },
  );

  app.post(
    '/api/inbound/:channelId/twilio/status',
    {
      schema: twilioSchema(
        'Twilio status callback for a reply',
        'MessageStatus sent, delivered, undelivered or failed moves the reply on.',
      ),
      validatorCompiler: documentedOnly,
    },
    async (request, reply) => {
      await guard.judge(request, () =>
        acceptTwilioStatus(deps, request.params.channelId, twilioRequest(request)),
      );
      return reply.type('text/xml; charset=utf-8').send(EMPTY_TWIML);
    },
  );

  const accepted = z.object({ accepted: z.literal(true) });

  app.post(
    '/api/inbound/:channelId/clickatell/:secret',
    {
      schema: {
        tags: ['channels'],
        summary: 'A customer SMS from Clickatell’s reply callback',
        description:
          'The URL holds the channel’s callback secret. The parts of a long message are kept ' +
          'until all are in, then stored as one message.',
        security: [],
        params: SecretParams,
        body: z.object({}).loose().describe('Clickatell’s reply callback JSON'),
        response: { 200: accepted, ...errors },
      },
      validatorCompiler: documentedOnly,
      config: { providerText: true },
    },
    async (request) => {
      await guard.judge(request, () =>
        acceptClickatellReply(deps, request.params.channelId, request.params.secret, request.body),
      );
      return { accepted: true as const };
    },
  );

  app.post(
    '/api/inbound/:channelId/clickatell/:secret/status',
    {
      schema: {
        tags: ['channels'],
        summary: 'Clickatell’s message status callback for a reply',
        security: [],
        params: SecretParams,
        body: z.object({}).loose().describe('Clickatell’s status callback JSON'),
        response: { 200: accepted, ...errors },
      },
      validatorCompiler: documentedOnly,
    },
    async (request) => {
      await guard.judge(request, () =>
        acceptClickatellStatus(deps, request.params.channelId, request.params.secret, request.body),
      );
      return { accepted: true as const };
    },
  );
};
