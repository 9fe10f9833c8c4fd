import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from './cursor.ts';
import { makeChatOf, makeCustomer } from './features/customers/customers.test-support.ts';
import { makeStaff, signIn, testApp, type TestApp } from './test/harness.ts';

let t: TestApp;
let cookie: string;
let customerId: string;
let chatId: string;

beforeAll(async () => {
  t = await testApp();
  const supervisor = await makeStaff(t.db, { role: 'supervisor' });
  cookie = await signIn(t.app, supervisor.email);
  const customer = await makeCustomer(t.db, { name: 'Cursor Tester' });
  customerId = customer.id;
  chatId = (await makeChatOf(t.db, customer.id, 'live')).id;
});

const raw = (text: string) => Buffer.from(text).toString('base64url');

/** Cursors a client could forge: not JSON, not an object, wrong types, absurd values. */
const tampered: [string, string][] = [
  ['not base64 JSON', 'garbage!!'],
  ['JSON null', raw('null')],
  ['a JSON array', raw('[1,2]')],
  ['a JSON string', raw('"x"')],
  ['numbers where strings belong', raw('{"at":1,"id":2,"seq":"3"}')],
  ['strings that are no time or id', raw('{"at":"garbage","id":"x; drop table chats","seq":"x"}')],
  ['objects as values', raw('{"at":{"a":1},"id":[1],"seq":{"n":1}}')],
  ['a seq beyond any integer', raw('{"seq":1e300,"at":"2024-01-01T00:00:00.000Z","id":"x"}')],
  ['a seq that is not whole', raw('{"seq":1.5}')],
  ['a negative seq', raw('{"seq":-5}')],
  [
    'a huge year',
    raw('{"at":"+275760-09-13T00:00:00.000Z","id":"00000000-0000-0000-0000-000000000000"}'),
  ],
  ['an id that is too long', encodeCursor({ at: '2024-01-01T00:00:00.000Z', id: 'x'.repeat(100) })],
];

const listEndpoints = () => [
  '/api/chats?view=all',
  '/api/chats?view=all&sort=newest',
  `/api/chats/${chatId}/messages`,
  `/api/chats/${chatId}/timeline`,
  `/api/customers/${customerId}/notes`,
  `/api/customers/${customerId}/history`,
  `/api/customers/${customerId}/timeline`,
];

describe('tampered pagination cursors', () => {
  it.each(tampered)('answer 400, never 500, for %s on every list', async (_label, cursor) => {
    for (const path of listEndpoints()) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await t.app.inject({
        url: `${path}${sep}cursor=${encodeURIComponent(cursor)}`,
        headers: { cookie },
      });
      expect({ path, status: res.statusCode }).toEqual({ path, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'query.cursor' })]);
    }
  });

  it('answers 400 for a cursor longer than any this API gives out', async () => {
    for (const path of listEndpoints()) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await t.app.inject({
        url: `${path}${sep}cursor=${'A'.repeat(5000)}`,
        headers: { cookie },
      });
      expect({ path, status: res.statusCode }).toEqual({ path, status: 400 });
    }
  });

  it('still accepts the cursors it gave out', async () => {
    const ok = [
      encodeCursor({ seq: 10 }),
      encodeCursor({ at: new Date().toISOString(), id: '00000000-0000-0000-0000-000000000000' }),
    ];
    const res = await t.app.inject({
      url: `/api/chats/${chatId}/messages?cursor=${ok[0]}`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    for (const path of [
      '/api/chats?view=all',
      `/api/customers/${customerId}/notes`,
      `/api/customers/${customerId}/history`,
    ]) {
      const sep = path.includes('?') ? '&' : '?';
      const page = await t.app.inject({ url: `${path}${sep}cursor=${ok[1]}`, headers: { cookie } });
      expect({ path, status: page.statusCode }).toEqual({ path, status: 200 });
    }
  });
});
