export type FieldError = { field: string; message: string };

/**
 * An error a service raises on purpose. It carries the HTTP status the API answers with; the
 * error handler turns it into application/problem+json.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    this.name = 'AppError';
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new AppError(400, 'Bad request', detail, errors);
export const unauthorized = (detail = 'Sign in to continue.') =>
  new AppError(401, 'Not signed in', detail);
export const forbidden = (detail = 'You are not allowed to do that.') =>
  new AppError(403, 'Forbidden', detail);
export const notFound = (detail = 'Not found.') => new AppError(404, 'Not found', detail);
export const conflict = (detail: string) => new AppError(409, 'Conflict', detail);
export const unprocessable = (detail: string, errors: FieldError[]) =>
  new AppError(422, 'Unprocessable content', detail, errors);
export const tooManyRequests = (retryAfterSeconds: number, detail: string) =>
  new AppError(429, 'Too many requests', detail, undefined, {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });
