import { Problem } from '@parley/contract';

/** Anything with a zod-like `parse`: the contract's schemas fit, and so does a plain function. */
export type Parser<T> = { parse: (input: unknown) => T };

export type FieldError = { field: string; message: string };

/** The server answered with an error status; carries the problem+json details. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[];
  /** Seconds to wait before trying again, from `Retry-After` (429, 503). */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    title: string;
    detail?: string | undefined;
    fieldErrors?: FieldError[];
    retryAfterSeconds?: number | null;
  }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

/** The request never got an answer (offline, server down, DNS, CORS). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The server could not be reached.', { cause });
    this.name = 'NetworkError';
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A proxy or a crash may answer with HTML or nothing; the status still tells the story.
  }
  const problem = Problem.safeParse(body);
  if (problem.success) {
    return new ApiError({
      status: response.status,
      title: problem.data.title,
      detail: problem.data.detail,
      fieldErrors: problem.data.errors ?? [],
      retryAfterSeconds,
    });
  }
  return new ApiError({
    status: response.status,
    title: response.statusText || `HTTP ${response.status}`,
    retryAfterSeconds,
  });
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal | undefined;
};

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    // An abort is the caller's choice (React Query cancelling), not a network failure.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** Sends a request and parses the JSON answer; throws ApiError or NetworkError. */
export async function http<T>(
  path: string,
  options: RequestOptions & { parse: Parser<T> },
): Promise<T> {
  const response = await send(path, options);
  return options.parse.parse(await response.json());
}

/** For endpoints that answer 204 No Content. */
export async function httpNoContent(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}

/** A sentence a person can act on, for any error a request may throw. */
export function describeError(error: unknown): string {
  if (error instanceof NetworkError) {
    return "Can't reach Parley. Check your connection and try again.";
  }
  if (error instanceof ApiError) {
    if (error.status >= 500)
      return `Something went wrong on our side (${error.status}). Try again.`;
    return error.detail ?? error.title;
  }
  return 'Something went wrong. Try again.';
}
