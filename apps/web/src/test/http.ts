import { vi } from 'vitest';

type Route = {
  method?: string;
  path: string;
  /** Answer with a JSON body, or return a Response / Promise for full control. */
  reply: (request: Request) => Response | Promise<Response>;
};

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function problem(
  status: number,
  detail: string,
  extra: { errors?: { field: string; message: string }[]; headers?: Record<string, string> } = {},
): Response {
  return new Response(
    JSON.stringify({ type: 'about:blank', title: 'Error', status, detail, errors: extra.errors }),
    { status, headers: { 'content-type': 'application/problem+json', ...extra.headers } },
  );
}

/** A fake `fetch` that answers by method and path and records every request it saw. */
export function mockFetch(routes: Route[]) {
  const requests: Request[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    // jsdom's AbortSignal is not the one Node's Request accepts; the fake has no use for it.
    const request = new Request(new URL(String(input), 'http://localhost'), {
      ...init,
      signal: null,
    });
    requests.push(request);
    const url = new URL(request.url);
    const route = routes.find(
      (r) => (r.method ?? 'GET') === request.method && r.path === url.pathname + url.search,
    );
    if (!route)
      throw new Error(`Unexpected request ${request.method} ${url.pathname}${url.search}`);
    return route.reply(request);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, requests };
}

/** A promise the test resolves when it wants the server to answer. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
