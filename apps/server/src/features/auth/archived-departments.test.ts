import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { departments } from '../../db/schema.ts';
import { makeStaff, signIn, staffPrincipal, testApp, type TestApp } from '../../test/harness.ts';
import { signedIn } from '../audit/admin.test-support.ts';
import { createStaff } from './staff.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const uniqueName = (label: string) => `${label} ${Math.random().toString(36).slice(2, 8)}`;

describe('an archived department is no longer one of a person’s departments', () => {
  it('GET /api/me and the sign-in reply leave it out; restoring it brings it back', async () => {
    const admin = await signedIn(t, 'admin');
    const [open, old] = [uniqueName('Open'), uniqueName('Old')];
    const person = await makeStaff(t.db, { departments: [open, old] });
    const [oldRow] = await t.db.select().from(departments).where(eq(departments.name, old));
    const archive = (archived: boolean) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/admin/departments/${oldRow!.id}`,
        headers: { cookie: admin.cookie },
        payload: { archived },
      });
    expect((await archive(true)).statusCode).toBe(200);

    const cookie = await signIn(t.app, person.email);
    const me = await t.app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.json().departments.map((d: { name: string }) => d.name)).toEqual([open]);
    const reply = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: person.email, password: person.password },
    });
    expect(reply.json().user.departments.map((d: { name: string }) => d.name)).toEqual([open]);

    expect((await archive(false)).statusCode).toBe(200);
    const again = await t.app.inject({ url: '/api/me', headers: { cookie } });
    expect(
      again
        .json()
        .departments.map((d: { name: string }) => d.name)
        .sort(),
    ).toEqual([open, old].sort());
  });

  it('creating staff with an archived department’s name (any case) is refused with 422 naming it', async () => {
    const old = uniqueName('Gone');
    await t.db.insert(departments).values({ name: old, archivedAt: new Date() });
    const deps = { db: t.db, presence: t.presence, notifier: { wake: () => undefined } };
    const admin = await makeStaff(t.db, { role: 'admin' });
    const err = await createStaff(deps, staffPrincipal(admin.id, 'admin'), {
      email: `x-${Date.now()}@test.parley`,
      name: 'Xavier',
      role: 'agent',
      departments: ['Support', old.toUpperCase()],
      password: 'long enough password',
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      status: 422,
      errors: [{ field: 'departments.1', message: 'this department is archived' }],
    });
    expect((err as Error).message).toContain(`"${old.toUpperCase()}" is archived`);
  });
});
