import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../../principal.ts';
import { staffPrincipal, testApp, type TestApp } from '../../test/harness.ts';
import { auditRowsOf, bearerOf, signedIn } from './admin.test-support.ts';
import { recordAudit } from './index.ts';
import { REDACTED, redactSecrets } from './audit.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const audit = (headers: Record<string, string>, query = '') =>
  t.app.inject({ url: `/api/admin/audit${query}`, headers });

/** Three changes to objects of a kind no other test uses, oldest first. */
async function threeChanges(actorId: string) {
  const kind = `probe-${randomUUID().slice(0, 8)}`;
  const ids = [randomUUID(), randomUUID(), randomUUID()];
  for (const [i, id] of ids.entries()) {
    // Changes in the same microsecond have no order between them: keep these apart.
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 2));
    await recordAudit(t.db, {
      actor: i === 1 ? systemPrincipal('command line') : staffPrincipal(actorId, 'admin'),
      action: `${kind}.changed`,
      object: { kind, id },
      before: { n: i },
      after: { n: i + 1 },
    });
  }
  return { kind, ids };
}

describe('recordAudit', () => {
  it('never writes a secret: fields named like secret, token or password are redacted, however deep', async () => {
    const id = randomUUID();
    await recordAudit(t.db, {
      actor: systemPrincipal('test'),
      action: 'channel.created',
      object: { kind: 'channel', id },
      before: null,
      after: {
        name: 'Web',
        secret: 'hunter2-secret',
        settings: { verifyToken: 'tok-1', nested: [{ identitySecret: 's', password: 'p' }] },
      },
    });
    const [row] = await auditRowsOf(t.db, id);
    expect(row?.after).toEqual({
      name: 'Web',
      secret: REDACTED,
      settings: {
        verifyToken: REDACTED,
        nested: [{ identitySecret: REDACTED, password: REDACTED }],
      },
    });
    expect(JSON.stringify(row)).not.toMatch(/hunter2|tok-1/);
    expect(row?.actorStaffId).toBeNull();
    expect(redactSecrets(undefined)).toBeNull();
  });

  it('is part of the change’s transaction: a change that rolls back leaves no record', async () => {
    const id = randomUUID();
    await expect(
      t.db.transaction(async (tx) => {
        await recordAudit(tx, {
          actor: systemPrincipal('test'),
          action: 'department.created',
          object: { kind: 'department', id },
          before: null,
          after: { name: 'Gone' },
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await auditRowsOf(t.db, id)).toEqual([]);
  });
});

describe('GET /api/admin/audit', () => {
  it('shows admins the changes newest first, a page at a time, with who made them', async () => {
    const admin = await signedIn(t, 'admin');
    const { kind, ids } = await threeChanges(admin.id);
    const first = await audit({ cookie: admin.cookie }, `?objectKind=${kind}&limit=2`);
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items.map((i: { object: { id: string } }) => i.object.id)).toEqual([
      ids[2],
      ids[1],
    ]);
    expect(page.items[0]).toMatchObject({
      actor: { id: admin.id, name: admin.name, role: 'admin' },
      action: `${kind}.changed`,
      object: { kind, id: ids[2] },
      before: { n: 2 },
      after: { n: 3 },
    });
    // The system says why it acted, when it was told.
    expect(page.items[1].actor).toEqual({ kind: 'system', reason: 'command line' });
    expect(Date.parse(page.items[0].at)).not.toBeNaN();
    const second = await audit(
      { cookie: admin.cookie },
      `?objectKind=${kind}&limit=2&cursor=${page.nextCursor}`,
    );
    expect(second.json().items.map((i: { object: { id: string } }) => i.object.id)).toEqual([
      ids[0],
    ]);
    expect(second.json().nextCursor).toBeNull();
  });

  it('lists every kind without the filter', async () => {
    const admin = await signedIn(t, 'admin');
    const { ids } = await threeChanges(admin.id);
    const all = await audit({ cookie: admin.cookie }, '?limit=100');
    const seen = all.json().items.map((i: { object: { id: string } }) => i.object.id);
    expect(seen).toEqual(expect.arrayContaining(ids));
  });

  it('is for admins only: agents and supervisors 403, signed out 401, a token needs the admin scope', async () => {
    const agent = await signedIn(t, 'agent');
    const supervisor = await signedIn(t, 'supervisor');
    const admin = await signedIn(t, 'admin');
    expect((await audit({ cookie: agent.cookie })).statusCode).toBe(403);
    expect((await audit({ cookie: supervisor.cookie })).statusCode).toBe(403);
    expect((await audit({})).statusCode).toBe(401);
    expect((await audit(await bearerOf(t.db, admin.id, ['read']))).statusCode).toBe(403);
    expect((await audit(await bearerOf(t.db, admin.id, ['read', 'admin']))).statusCode).toBe(200);
    // The scope is not the role: an agent's admin-scoped token is still an agent's.
    expect((await audit(await bearerOf(t.db, agent.id, ['read', 'admin']))).statusCode).toBe(403);
  });

  it('answers 400 with errors to a cursor it did not give out or a limit out of range', async () => {
    const admin = await signedIn(t, 'admin');
    for (const query of ['?cursor=bm9wZQ', '?limit=0', '?limit=101']) {
      const res = await audit({ cookie: admin.cookie }, query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().errors, query).toEqual([
        expect.objectContaining({ field: expect.any(String) }),
      ]);
    }
  });
});

describe('the admin area in the OpenAPI document', () => {
  it('describes each new admin route under the admin tag, with the settings’ ranges', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    for (const [path, methods] of Object.entries({
      '/api/admin/audit': ['get'],
      '/api/admin/departments': ['get', 'post'],
      '/api/admin/departments/{id}': ['patch'],
      '/api/admin/tags': ['get', 'post'],
      '/api/admin/tags/{id}': ['delete'],
      '/api/admin/settings': ['get', 'put'],
    }))
      for (const method of methods)
        expect(doc.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['admin']);
    const settings = doc.components.schemas.Settings;
    expect(settings.properties.transferOfferMinutes).toMatchObject({ minimum: 1, maximum: 120 });
  });
});
