import type { FastifyInstance } from 'fastify';
import type { FieldError } from '../errors.ts';
import { sendProblem } from './problem.ts';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyContextConfig {
    /**
     * The body comes from a provider that retries whatever it is refused: control characters
     * are replaced (U+FFFD) instead of refused, so one odd message cannot block its sender.
     */
    providerText?: boolean;
  }
}

/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const CONTROLS = new RegExp(CONTROL.source, 'gu');
/** Deeper than any body this API takes; walking further would only spend stack. */
const MAX_DEPTH = 32;

type Walk = { errors: FieldError[]; replace: boolean; tooDeep: boolean };

/**
 * Every string (and key) NFC-normalised, so equal text is stored and compared as equal bytes and
 * lengths are counted as people see them; control characters refused, or replaced for providers.
 */
function clean(value: unknown, path: string, walk: Walk, depth: number): unknown {
  if (typeof value === 'string') {
    const text = value.normalize('NFC');
    if (!CONTROL.test(text)) return text;
    if (walk.replace) return text.replace(CONTROLS, '\uFFFD');
    walk.errors.push({ field: path, message: 'Remove the control characters (such as NUL).' });
    return text;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) {
    walk.tooDeep = true;
    return value;
  }
  if (Array.isArray(value))
    return value.map((item, index) => clean(item, `${path}.${index}`, walk, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [rawKey, item] of Object.entries(value)) {
    const key = clean(rawKey, `${path}.${rawKey}`, walk, depth + 1) as string;
    // Defined, not assigned: a "__proto__" key must stay a plain key, never a prototype.
    Object.defineProperty(out, key, {
      value: clean(item, `${path}.${key}`, walk, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * Text on the way in, once for every API route, before any schema sees it: normalised to NFC,
 * and a control character anywhere in a JSON body is a 422 naming the field, so nothing that
 * follows (storage, logs, the desk, CSV exports) has to think about NUL or terminal escapes.
 */
export function registerTextHygiene(app: FastifyInstance) {
  app.addHook('preValidation', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    if (typeof request.body !== 'object' || request.body === null) return;
    const walk: Walk = {
      errors: [],
      replace: request.routeOptions.config.providerText === true,
      tooDeep: false,
    };
    const body = clean(request.body, 'body', walk, 0);
    if (walk.tooDeep) return sendProblem(reply, 400, 'The request body is nested too deeply.');
    if (walk.errors.length > 0)
      return sendProblem(reply, 422, 'Some text holds control characters.', walk.errors);
    request.body = body;
  });
}
