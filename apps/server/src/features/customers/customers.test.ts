import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { events, customers as customersTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { systemPrincipal } from '../../principal.ts';
import { makeStaff, signIn, staffPrincipal, testApp, type TestApp } from '../../test/harness.ts';
import { makeCustomer, socketsFor, withCustomerRoutes } from './customers.test-support.ts';
import { getCustomer, StaleProfileError, updateProfile } from './customers.service.ts';
import { rooms } from '../../realtime/rooms.ts';

let t: TestApp;
let deps: Awaited<ReturnType<typeof withCustomerRoutes>>;
let connect: Awaited<ReturnType<typeof socketsFor>>;
let agent: Awaited<ReturnType<typeof makeStaff>>;
let cookie: string;

beforeAll(async () => {
  t = await testApp();
  deps = await withCustomerRoutes(t);
  connect = await socketsFor(t);
  agent = await makeStaff(t.db, { name: 'Lerato Mokoena' });
  cookie = await signIn(t.app, agent.email);
});

const get = (url: string, as = cookie) => t.app.inject({ url, headers: { cookie: as } });
const patch = (id: string, payload: unknown, ifMatch?: string, as = cookie) =>
  t.app.inject({
    method: 'PATCH',
    url: `/api/customers/${id}`,
    headers: { cookie: as, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
    payload: payload as Record<string, unknown>,
  });

const eventsOf = (customerId: string, type: string) =>
  t.db
    .select()
    .from(events)
    .where(and(eq(events.customerId, customerId), eq(events.type, type)));

async function serviceError(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('GET /api/customers/:id', () => {
  it('answers the profile with the number formatted and the version as a quoted ETag', async () => {
    const c = await makeCustomer(t.db, {
      phone: '+27821230001',
      name: 'Thandi Nkosi',
      customFields: { Tier: 'Gold' },
    });
    const res = await get(`/api/customers/${c.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({
      id: c.id,
      phone: '+27821230001',
      phoneDisplay: '+27 82 123 0001',
      name: 'Thandi Nkosi',
      email: null,
      customFields: { Tier: 'Gold' },
      version: 1,
      optedOut: false,
    });
  });

  it('is 404 for unknown and malformed ids, 401 without a session', async () => {
    expect((await get('/api/customers/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/api/customers/not-an-id')).statusCode).toBe(404);
    const c = await makeCustomer(t.db);
    expect((await t.app.inject({ url: `/api/customers/${c.id}` })).statusCode).toBe(401);
  });

  it('lets any staff member read any customer', async () => {
    const c = await makeCustomer(t.db);
    const other = await makeStaff(t.db, { departments: ['Elsewhere Customers'] });
    expect((await get(`/api/customers/${c.id}`, await signIn(t.app, other.email))).statusCode).toBe(
      200,
    );
    expect((await getCustomer(deps, systemPrincipal('export'), c.id)).id).toBe(c.id);
  });
});

describe('GET /api/customers?q=', () => {
  it('finds by name and email case-insensitively and by number in any spelling', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const c = await makeCustomer(t.db, {
      name: `Sipho ${tag}`,
      email: `sipho.${tag}@example.com`,
    });
    const ids = async (q: string) =>
      (await get(`/api/customers?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await ids(`SIPHO ${tag.toUpperCase()}`)).toContain(c.id);
    expect(await ids(`${tag}@EXAMPLE`)).toContain(c.id);
    const national = `0${c.phone.slice(3)}`; // +27821234567 → 0821234567
    expect(await ids(national.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3'))).toContain(c.id);
    expect(await ids(c.phone.slice(1))).toContain(c.id);
    expect(await ids(c.phone.slice(-7))).toContain(c.id);
    expect(await ids(`zz-${tag}-nobody`)).toEqual([]);
    const item = (await get(`/api/customers?q=${tag}`)).json().items[0];
    expect(item).toMatchObject({ id: c.id, phone: c.phone, name: `Sipho ${tag}` });
  });

  it('treats % and _ as plain characters and answers at most 20', async () => {
    const res = await get('/api/customers?q=%25');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeLessThanOrEqual(20);
    expect((await t.app.inject({ url: '/api/customers?q=x' })).statusCode).toBe(401);
  });
});

describe('PATCH /api/customers/:id', () => {
  it('saves with a matching If-Match, bumps the version and the ETag', async () => {
    const c = await makeCustomer(t.db);
    const res = await patch(c.id, { name: 'Thandi', email: 'thandi@example.com' }, '"1"');
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({ name: 'Thandi', email: 'thandi@example.com', version: 2 });
    expect((await get(`/api/customers/${c.id}`)).json().name).toBe('Thandi');
  });

  it('is 428 without If-Match', async () => {
    const c = await makeCustomer(t.db);
    const missing = await patch(c.id, { name: 'X' });
    expect(missing.statusCode).toBe(428);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect((await patch(c.id, { name: 'X' }, '  ')).statusCode).toBe(428);
    expect((await get(`/api/customers/${c.id}`)).json().name).toBeNull();
  });

  it.each([
    ['a list of versions', '"1", "2"', /exactly one/],
    ['a list naming the current version twice', '"1","1"', /exactly one/],
    ['*', '*', /exactly one/],
    ['a weak ETag', 'W/"1"', /ETag/],
    ['an unquoted version', '1', /ETag/],
    ['a version past any integer', '"99999999999999999999"', /ETag/],
    ['text', '"abc"', /ETag/],
  ])('is 400 for %s, naming the header, and saves nothing', async (_label, ifMatch, detail) => {
    const c = await makeCustomer(t.db);
    const res = await patch(c.id, { name: 'X' }, ifMatch);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      detail: expect.stringMatching(detail),
      errors: [expect.objectContaining({ field: 'headers.if-match' })],
    });
    expect((await get(`/api/customers/${c.id}`)).json()).toMatchObject({ name: null, version: 1 });
  });

  it('is 412 when stale, with the current profile so the form can show it', async () => {
    const c = await makeCustomer(t.db);
    expect((await patch(c.id, { company: 'Acme' }, '"1"')).statusCode).toBe(200);
    const stale = await patch(c.id, { company: 'Globex' }, '"1"');
    expect(stale.statusCode).toBe(412);
    expect(stale.headers.etag).toBe('"2"');
    expect(stale.json()).toMatchObject({
      status: 412,
      current: { id: c.id, company: 'Acme', version: 2 },
    });
    expect((await get(`/api/customers/${c.id}`)).json().company).toBe('Acme');
  });

  it('answers 422 naming each invalid field, and changes nothing', async () => {
    const c = await makeCustomer(t.db);
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'nope' }, 'email'],
      [{ language: 'english' }, 'language'],
      [{ name: 'n'.repeat(101) }, 'name'],
      [{ company: 'c'.repeat(101) }, 'company'],
      [{ location: 'l'.repeat(101) }, 'location'],
      [{ customFields: { 'bad!': 'x' } }, 'customFields'],
      [{ customFields: { Note: 'v'.repeat(501) } }, 'customFields.Note'],
      [
        {
          customFields: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`F${i}`, 'x'])),
        },
        'customFields',
      ],
      [{ phone: '+27820000000' }, 'phone'],
    ];
    for (const [body, field] of cases) {
      const res = await patch(c.id, body, '"1"');
      expect(res.statusCode, field).toBe(422);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const after = (await get(`/api/customers/${c.id}`)).json();
    expect(after).toMatchObject({ version: 1, phone: c.phone, email: null });
  });

  it('clears a field with an empty string', async () => {
    const c = await makeCustomer(t.db, { company: 'Acme', customFields: { Tier: 'Gold' } });
    const res = await patch(c.id, { company: '', customFields: { Tier: '' } }, '"1"');
    expect(res.json()).toMatchObject({ company: null, customFields: {} });
    const [row] = await t.db.select().from(customersTable).where(eq(customersTable.id, c.id));
    expect(row?.company).toBeNull();
  });

  it('is 404 for unknown customers and 401 without a session', async () => {
    expect(
      (await patch('00000000-0000-4000-8000-000000000000', { name: 'x' }, '"1"')).statusCode,
    ).toBe(404);
    const c = await makeCustomer(t.db);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/customers/${c.id}`,
      headers: { 'if-match': '"1"' },
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('lets exactly one of two concurrent saves from the same version win', async () => {
    const other = await signIn(t.app, (await makeStaff(t.db)).email);
    const race = async () => {
      const c = await makeCustomer(t.db);
      const results = await Promise.all([
        patch(c.id, { name: 'First' }, '"1"'),
        patch(c.id, { name: 'Second' }, '"1"', other),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
      const winner = results.find((r) => r.statusCode === 200)?.json().name;
      const loser = results.find((r) => r.statusCode === 412)?.json();
      expect(loser.current).toMatchObject({ name: winner, version: 2 });
      expect(await eventsOf(c.id, 'profile_changed')).toHaveLength(1);
    };
    await Promise.all(Array.from({ length: 5 }, race));
  });

  it('records who changed which fields, old and new values, and only those', async () => {
    const c = await makeCustomer(t.db, { name: 'Thandi', customFields: { Tier: 'Gold' } });
    await patch(
      c.id,
      { name: 'Thandi', location: 'Durban', customFields: { Tier: 'Platinum' } },
      '"1"',
    );
    const [event] = await eventsOf(c.id, 'profile_changed');
    expect(event).toMatchObject({
      chatId: null,
      actorKind: 'staff',
      actorStaffId: agent.id,
      data: {
        fields: [
          { field: 'location', from: null, to: 'Durban' },
          { field: 'customFields.Tier', from: 'Gold', to: 'Platinum' },
        ],
      },
    });
  });

  it('writes nothing for a save that changes nothing: no event, same version', async () => {
    const c = await makeCustomer(t.db, { name: 'Same' });
    const res = await patch(c.id, { name: ' Same ', customFields: {} }, '"1"');
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(1);
    expect(res.headers.etag).toBe('"1"');
    expect(await eventsOf(c.id, 'profile_changed')).toHaveLength(0);
  });
});

describe('updateProfile (service)', () => {
  it('checks the principal first: the system may not edit a profile', async () => {
    const c = await makeCustomer(t.db);
    const err = await serviceError(() =>
      updateProfile(deps, systemPrincipal('test'), c.id, '"1"', { name: 'x' }),
    );
    expect(err.status).toBe(403);
  });

  it('refuses a stale version with the current profile', async () => {
    const c = await makeCustomer(t.db);
    const me = staffPrincipal(agent.id);
    await updateProfile(deps, me, c.id, '"1"', { name: 'A' });
    const err = await serviceError(() => updateProfile(deps, me, c.id, '"1"', { name: 'B' }));
    expect(err).toBeInstanceOf(StaleProfileError);
    expect((err as StaleProfileError).current).toMatchObject({ name: 'A', version: 2 });
  });
});

describe('realtime: customer:<id>', () => {
  it('sends the saved profile and its event to a colleague who has the customer open', async () => {
    const c = await makeCustomer(t.db);
    const watcher = await makeStaff(t.db);
    const socket = connect(await signIn(t.app, watcher.email));
    const ack = await socket.subscribe(rooms.customer(c.id));
    expect(ack.type).toBe('subscribed');
    await patch(c.id, { name: 'Live Name' }, '"1"');
    const updated = await socket.next((f) => f.type === 'customer.updated');
    expect(updated.data).toMatchObject({ id: c.id, name: 'Live Name', version: 2 });
    const event = await socket.next((f) => f.type === 'event.created');
    expect(event.data).toMatchObject({
      type: 'profile_changed',
      customerId: c.id,
      actor: { kind: 'staff', id: agent.id, name: 'Lerato Mokoena' },
    });
  });

  it('refuses a room for a customer that does not exist', async () => {
    const socket = connect(cookie);
    const ack = await socket.subscribe(rooms.customer('00000000-0000-4000-8000-000000000000'));
    expect(ack.type).toBe('error');
    expect((await socket.subscribe(rooms.customer('nope'))).type).toBe('error');
  });
});

describe('OpenAPI', () => {
  it('describes the customer and note routes', async () => {
    const res = await get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/customers',
        '/api/customers/{id}',
        '/api/customers/{id}/notes',
        '/api/notes/{id}',
      ]),
    );
    expect(paths['/api/customers/{id}'].patch.responses).toHaveProperty('412');
  });
});
