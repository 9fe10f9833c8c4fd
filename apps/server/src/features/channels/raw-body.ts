import type { FastifyInstance, FastifyRequest } from 'fastify';

const rawBodies = new WeakMap<FastifyRequest, Buffer>();

/** Drops keys that could reach an object's prototype if the value were ever merged somewhere. */
const safeReviver = (key: string, value: unknown) =>
  key === '__proto__' || key === 'constructor' ? undefined : value;

/**
 * JSON bodies for the routes of `app` only (fastify encapsulation keeps the rest of the server on
 * the default parser), with the exact bytes kept: a signature covers what was sent, and
 * re-serialising the parsed object would not reproduce it.
 */
export function keepRawJsonBodies(app: FastifyInstance) {
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (
      request: FastifyRequest,
      body: Buffer | string,
      done: (err: Error | null, body?: unknown) => void,
    ) => {
      const raw = typeof body === 'string' ? Buffer.from(body) : body;
      rawBodies.set(request, raw);
      try {
        done(null, JSON.parse(raw.toString('utf8'), safeReviver));
      } catch {
        const err = Object.assign(new Error('The request body is not valid JSON.'), {
          statusCode: 400,
        });
        done(err);
      }
    },
  );
}

/** The bytes of the request body, exactly as received (empty when there was none). */
export function rawBodyOf(request: FastifyRequest): Buffer {
  return rawBodies.get(request) ?? Buffer.alloc(0);
}
