import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { setPasswordLinks } from '../../db/schema.ts';
import { testApp, type TestApp, uniqueEmail } from '../../test/harness.ts';
import { signedIn } from '../audit/admin.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const call = (
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  payload?: unknown,
) =>
  t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const tokenOf = (url: string) => url.split('/set-password/')[1]!;
const newPerson = () => ({
  name: `New ${randomUUID().slice(0, 6)}`,
  email: uniqueEmail('new'),
  role: 'agent',
  departmentIds: [],
});

describe('set-password links at /api/set-password/{token}', () => {
  async function linkFor(admin: { cookie: string }) {
    const res = await call('POST', '/api/admin/staff', { cookie: admin.cookie }, newPerson());
    const created = res.json();
    return { id: created.id as string, token: tokenOf(created.setPasswordLink.setPasswordUrl) };
  }

  it('answers 404 for an unknown link and 410 for an expired one', async () => {
    const admin = await signedIn(t, 'admin');
    expect((await call('GET', `/api/set-password/${'x'.repeat(43)}`, {})).statusCode).toBe(404);
    const link = await linkFor(admin);
    await t.db
      .update(setPasswordLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(setPasswordLinks.staffId, link.id));
    expect((await call('GET', `/api/set-password/${link.token}`, {})).statusCode).toBe(410);
    const set = await call(
      'POST',
      `/api/set-password/${link.token}`,
      {},
      { password: 'long enough pass' },
    );
    expect(set.statusCode).toBe(410);
  });

  it('refuses a short password with 422 and keeps the link usable', async () => {
    const admin = await signedIn(t, 'admin');
    const link = await linkFor(admin);
    const short = await call('POST', `/api/set-password/${link.token}`, {}, { password: 'short' });
    expect(short.statusCode).toBe(422);
    expect(short.json().errors).toEqual([{ field: 'password', message: 'at least 10 characters' }]);
    expect((await call('GET', `/api/set-password/${link.token}`, {})).statusCode).toBe(200);
  });

  it('sets one password when two tabs use the same link at once', async () => {
    const admin = await signedIn(t, 'admin');
    const link = await linkFor(admin);
    const [a, b] = await Promise.all([
      call('POST', `/api/set-password/${link.token}`, {}, { password: 'first password 1' }),
      call('POST', `/api/set-password/${link.token}`, {}, { password: 'second password 2' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([204, 410]);
  });

  it('refuses a foreign page, and too many tries from one address (429)', async () => {
    const admin = await signedIn(t, 'admin');
    const link = await linkFor(admin);
    const foreign = await call(
      'POST',
      `/api/set-password/${link.token}`,
      { origin: 'https://evil.example', host: 'localhost:3000' },
      { password: 'long enough pass' },
    );
    expect(foreign.statusCode).toBe(403);
    const from = { remoteAddress: `10.77.${Math.floor(Math.random() * 250)}.1` };
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/set-password/${'y'.repeat(43)}`,
        payload: { password: 'long enough pass' },
        ...from,
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect((await call('GET', `/api/set-password/${link.token}`, {})).statusCode).toBe(200);
  });
});
