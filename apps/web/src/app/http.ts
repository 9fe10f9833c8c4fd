import { Problem } from '@parley/contract';
import { sendRequest } from '../ui/http.ts';
import type { ProblemReader, RequestOptions } from '../ui/http.ts';
import { ApiError, NetworkError } from '../ui/http.ts';

// The desk's side of ui/http.ts: answers are checked against the contract's schemas.
export { ApiError, isApiError, NetworkError } from '../ui/http.ts';

/** Anything with a zod-like `parse`: the contract's schemas fit, and so does a plain function. */
export type Parser<T> = { parse: (input: unknown) => T };

const readProblem: ProblemReader = (body) => {
  const problem = Problem.safeParse(body);
  return problem.success ? problem.data : null;
};

const send = (path: string, options: RequestOptions) => sendRequest(path, options, readProblem);

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
