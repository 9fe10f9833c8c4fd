import {
  Customer,
  Note,
  NotePage,
  Problem,
  StaleProfileProblem,
  type CreateNoteBody,
  type CustomerPatchBody,
} from '@parley/contract';
import { ApiError, NetworkError, http, httpNoContent } from '../../app/http.ts';

export const NOTES_PAGE_SIZE = 20;

export const customerKeys = {
  all: ['customers'] as const,
  detail: (id: string) => ['customers', 'detail', id] as const,
  notes: (id: string) => ['customers', 'notes', id] as const,
};

export function fetchCustomer(id: string, signal?: AbortSignal): Promise<Customer> {
  return http(`/api/customers/${encodeURIComponent(id)}`, { parse: Customer, signal });
}

/** The profile changed since the edit began (412): `current` is how it is now. */
export class StaleProfileError extends ApiError {
  readonly current: Customer;
  constructor(problem: StaleProfileProblem) {
    super({ status: 412, title: problem.title, detail: problem.detail });
    this.name = 'StaleProfileError';
    this.current = problem.current;
  }
}

/**
 * Saves profile fields if the profile is still at `version` (If-Match). Throws
 * StaleProfileError on 412, ApiError with field errors on 422.
 */
export async function saveProfile(
  id: string,
  version: number,
  patch: CustomerPatchBody,
): Promise<Customer> {
  let response: Response;
  try {
    response = await fetch(`/api/customers/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        'if-match': `"${version}"`,
      },
      body: JSON.stringify(patch),
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return Customer.parse(body);
  if (response.status === 412) {
    const stale = StaleProfileProblem.safeParse(body);
    if (stale.success) throw new StaleProfileError(stale.data);
  }
  const problem = Problem.safeParse(body);
  throw new ApiError({
    status: response.status,
    title: problem.success ? problem.data.title : `HTTP ${response.status}`,
    detail: problem.success ? problem.data.detail : undefined,
    fieldErrors: problem.success ? (problem.data.errors ?? []) : [],
  });
}

export function fetchNotePage(
  customerId: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<NotePage> {
  const query = new URLSearchParams({ limit: String(NOTES_PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  return http(`/api/customers/${encodeURIComponent(customerId)}/notes?${query}`, {
    parse: NotePage,
    signal,
  });
}

export function createNote(customerId: string, body: CreateNoteBody): Promise<Note> {
  return http(`/api/customers/${encodeURIComponent(customerId)}/notes`, {
    method: 'POST',
    body,
    parse: Note,
  });
}

export function deleteNote(id: string): Promise<void> {
  return httpNoContent(`/api/notes/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
