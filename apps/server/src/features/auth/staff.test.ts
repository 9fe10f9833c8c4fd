import { beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../../principal.ts';
import { createLocalPresence } from '../../realtime/presence.ts';
import { makeStaff, signIn, staffPrincipal, testApp, type TestApp } from '../../test/harness.ts';
import { createStaff, listStaff, setAvailability } from './staff.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

describe('availability', () => {
  it('is stored and returned by /api/me', async () => {
    const person = await makeStaff(t.db);
    const cookie = await signIn(t.app, person.email);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      headers: { cookie },
      payload: { available: true },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().available).toBe(true);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).json().available).toBe(
      true,
    );
  });

  it('needs a signed-in staff member', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      payload: { available: true },
    });
    expect(res.statusCode).toBe(401);
    const deps = { db: t.db, notifier: { wake: () => undefined }, presence: createLocalPresence() };
    await expect(setAvailability(deps, systemPrincipal('x'), true)).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe('the staff list', () => {
  it('shows colleagues with availability and online state, and filters on online', async () => {
    const presence = createLocalPresence();
    const deps = { db: t.db, notifier: { wake: () => undefined }, presence };
    const online = await makeStaff(t.db, { name: 'Online Olwethu' });
    const offline = await makeStaff(t.db, { name: 'Offline Oscar' });
    await presence.connected(online.id);
    const viewer = staffPrincipal(offline.id);
    const all = await listStaff(deps, viewer, {});
    expect(all).toEqual(
      expect.arrayContaining([
        { id: online.id, name: 'Online Olwethu', role: 'agent', available: false, online: true },
        { id: offline.id, name: 'Offline Oscar', role: 'agent', available: false, online: false },
      ]),
    );
    const onlyOnline = await listStaff(deps, viewer, { online: true });
    expect(onlyOnline.map((s) => s.id)).toContain(online.id);
    expect(onlyOnline.map((s) => s.id)).not.toContain(offline.id);
  });

  it('is served at GET /api/staff to staff only', async () => {
    const person = await makeStaff(t.db);
    const cookie = await signIn(t.app, person.email);
    const res = await t.app.inject({ url: '/api/staff?online=false', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((s: { id: string }) => s.id)).toContain(person.id);
    expect((await t.app.inject({ url: '/api/staff' })).statusCode).toBe(401);
    const bad = await t.app.inject({ url: '/api/staff?online=maybe', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
  });
});

describe('creating staff', () => {
  const deps = () => ({
    db: t.db,
    notifier: { wake: () => undefined },
    presence: createLocalPresence(),
  });

  it('refuses anyone but an admin or the operator', async () => {
    const agent = await makeStaff(t.db);
    const principal = staffPrincipal(agent.id);
    await expect(
      createStaff(deps(), principal, {
        email: 'x@test.parley',
        name: 'X',
        role: 'admin',
        password: 'long enough pw',
      }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('validates every field and refuses a taken email', async () => {
    await expect(
      createStaff(deps(), systemPrincipal('t'), {
        email: 'nope',
        name: '',
        role: 'boss' as 'agent',
        password: 'short',
      }),
    ).rejects.toMatchObject({
      status: 422,
      errors: expect.arrayContaining([
        expect.objectContaining({ field: 'email' }),
        expect.objectContaining({ field: 'name' }),
        expect.objectContaining({ field: 'role' }),
        expect.objectContaining({ field: 'password' }),
      ]),
    });
    const taken = await makeStaff(t.db);
    await expect(
      createStaff(deps(), systemPrincipal('t'), {
        email: taken.email.toUpperCase(),
        name: 'Dup',
        role: 'agent',
        password: 'long enough pw',
      }),
    ).rejects.toMatchObject({ status: 422 });
  });
});
