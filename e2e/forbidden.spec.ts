import { randomUUID } from 'node:crypto';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import WebSocket from 'ws';
import { demoStaff, expect, signInByApi, test } from './fixtures.ts';

// Requests without a browser: what the server refuses, whatever a page would or would not send.

const evilOrigin = 'https://evil.example';

async function expectProblem(response: APIResponse, status: number) {
  expect(response.status()).toBe(status);
  expect(response.headers()['content-type']).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, title: expect.any(String) });
}

async function sessionCookie(request: APIRequestContext): Promise<string> {
  const { cookies } = await request.storageState();
  const session = cookies.find((cookie) => cookie.name === 'parley_session');
  if (!session) throw new Error('Signing in set no parley_session cookie.');
  return `${session.name}=${session.value}`;
}

type Upgrade =
  { outcome: 'open'; firstFrame: unknown } | { outcome: 'refused'; status: number | undefined };

/** Opens /api/realtime with the given headers and reports the refusal or the first frame. */
function upgrade(baseURL: string, headers: Record<string, string>): Promise<Upgrade> {
  const url = `${baseURL.replace(/^http/, 'ws')}/api/realtime`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('unexpected-response', (_request, response) => {
      resolve({ outcome: 'refused', status: response.statusCode });
      response.resume();
      socket.terminate();
    });
    socket.once('message', (data) => {
      resolve({ outcome: 'open', firstFrame: JSON.parse(String(data)) as unknown });
      socket.close();
    });
    socket.once('error', (error) => reject(error));
  });
}

test.describe('what the server refuses', () => {
  test('GET /api/me without a session is 401 problem+json', async ({ request }) => {
    await expectProblem(await request.get('/api/me'), 401);
  });

  test('repeated wrong passwords for one email are throttled with Retry-After', async ({
    request,
  }) => {
    // A throwaway address, so no other test's account is held.
    const email = `throttled-${randomUUID()}@example.test`;
    const attempt = () => request.post('/api/session', { data: { email, password: 'wrong' } });

    for (let i = 1; i <= 5; i++) await expectProblem(await attempt(), 401);

    const held = await attempt();
    await expectProblem(held, 429);
    const retryAfter = Number(held.headers()['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  test.describe('with a signed-in session', () => {
    let staffRequest: APIRequestContext;

    test.beforeEach(async ({ playwright, baseURL }) => {
      staffRequest = await playwright.request.newContext({ baseURL });
      await signInByApi(staffRequest, demoStaff.supervisor);
    });

    test.afterEach(async () => {
      await staffRequest.dispose();
    });

    test('a cookie-borne change from a foreign origin is 403 and changes nothing', async ({
      baseURL,
    }) => {
      const before = (await (await staffRequest.get('/api/me')).json()) as { available: boolean };

      const forged = await staffRequest.put('/api/me/availability', {
        headers: { Origin: evilOrigin },
        data: { available: !before.available },
      });
      await expectProblem(forged, 403);
      const after = (await (await staffRequest.get('/api/me')).json()) as { available: boolean };
      expect(after.available).toBe(before.available);

      // The same request from the desk's own origin goes through: the Origin made the difference.
      const own = await staffRequest.put('/api/me/availability', {
        headers: { Origin: baseURL ?? '' },
        data: { available: before.available },
      });
      expect(own.status()).toBe(200);
    });

    test('the realtime socket needs a session and an allowed origin', async ({ baseURL }) => {
      if (!baseURL) throw new Error('baseURL is not configured.');
      const cookie = await sessionCookie(staffRequest);
      const me = (await (await staffRequest.get('/api/me')).json()) as { id: string };

      expect(await upgrade(baseURL, { Origin: baseURL })).toEqual({
        outcome: 'refused',
        status: 401,
      });
      expect(await upgrade(baseURL, { Origin: evilOrigin, Cookie: cookie })).toEqual({
        outcome: 'refused',
        status: 403,
      });
      expect(await upgrade(baseURL, { Origin: baseURL, Cookie: cookie })).toEqual({
        outcome: 'open',
        firstFrame: {
          seq: expect.any(Number),
          type: 'hello',
          data: expect.objectContaining({ staffId: me.id }),
        },
      });
    });
  });
});
