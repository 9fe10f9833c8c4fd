import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../errors.ts';

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  status: number,
  detail: string | undefined,
  errors?: FieldError[],
) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title: titles[status] ?? 'Error',
      status,
      ...(detail ? { detail } : {}),
      ...(errors ? { errors } : {}),
    });
}

/** Every error leaves as application/problem+json (RFC 9457); internals are logged, not shown. */
export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return sendProblem(reply, err.status, err.message, err.errors);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const errors = err.validation.map((issue) => ({
        field: [where, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: issue.message ?? 'is not valid',
      }));
      // Well-formed input that breaks a rule (a name's rule, say) is 422; anything else is 400.
      const broken = err.validation.every(
        (issue) => (issue.params as { params?: { unprocessable?: boolean } }).params?.unprocessable,
      );
      if (broken)
        return sendProblem(
          reply,
          422,
          `Some fields in the request ${where} need another look.`,
          errors,
        );
      return sendProblem(reply, 400, `The request ${where} is not valid.`, errors);
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const detail =
        err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'The request body is too large.'
          : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? 'Send JSON with Content-Type: application/json.'
            : err.message;
      return sendProblem(reply, status, detail);
    }
    request.log.error({ err }, 'request failed');
    return sendProblem(reply, 500, 'Something went wrong on our side. It has been logged.');
  });
}
