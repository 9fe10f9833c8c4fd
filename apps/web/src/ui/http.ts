/**
 * The one way the desk (app/http.ts) and the widget (widget/api.ts) talk to the server: JSON in
 * and out, the session cookie, and errors as ApiError or NetworkError. No schema library here,
 * so the widget's page stays small; each side reads answers its own way.
 */

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

/** What an error answer's body says, or null when it is not a problem the caller recognises. */
export type ProblemReader = (body: unknown) => {
  title: string;
  detail?: string | undefined;
  errors?: FieldError[] | undefined;
} | null;

async function toApiError(response: Response, readProblem: ProblemReader): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A proxy or a crash may answer with HTML or nothing; the status still tells the story.
  }
  const problem = readProblem(body);
  if (problem) {
    return new ApiError({
      status: response.status,
      title: problem.title,
      detail: problem.detail,
      fieldErrors: problem.errors ?? [],
      retryAfterSeconds,
    });
  }
  return new ApiError({
    status: response.status,
    title: response.statusText || `HTTP ${response.status}`,
    retryAfterSeconds,
  });
}

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal | undefined;
};

/** Sends a request; answers the response when it is OK, else throws ApiError or NetworkError. */
export async function sendRequest(
  path: string,
  options: RequestOptions,
  readProblem: ProblemReader,
): Promise<Response> {
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
  if (!response.ok) throw await toApiError(response, readProblem);
  return response;
}
