import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { channels, departments } from '../../db/schema.ts';
import { testApp, type TestApp } from '../../test/harness.ts';
import { auditRowsOf, bearerOf, fromForeignPage, signedIn } from '../audit/admin.test-support.ts';
import { startFakeProvider } from './test-support.ts';

let t: TestApp;
let adminHeaders: Record<string, string>;
let departmentId: string;

beforeAll(async () => {
  t = await testApp();
  adminHeaders = { cookie: (await signedIn(t, 'admin')).cookie };
  departmentId = await newDepartment();
});

async function newDepartment(archived = false) {
  const [row] = await t.db
    .insert(departments)
    .values({ name: `Chan ${randomUUID().slice(0, 8)}`, archivedAt: archived ? new Date() : null })
    .returning();
  return row!.id;
}

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: object, payload?: object) =>
  t.app.inject({ method, url, headers: headers as Record<string, string>, payload });

const create = (payload: object, headers: object = adminHeaders) =>
  call('POST', '/api/admin/channels', headers, payload);

const webhookBody = () => ({ kind: 'webhook', name: 'Orders', departmentId, region: 'ZA' });
const whatsappBody = () => ({
  kind: 'whatsapp',
  name: 'WhatsApp Sales',
  departmentId,
  region: 'ZA',
  phoneNumberId: '100200300',
  accessToken: `EAAG-${randomUUID()}`,
  appSecret: `app-${randomUUID()}`,
});
const webchatBody = () => ({
  kind: 'webchat',
  name: 'Site chat',
  departmentId,
  region: 'ZA',
  allowedOrigins: ['https://shop.example'],
  greeting: 'Hello! How can we help?',
});

async function created(payload: object) {
  const res = await create(payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('creating channels', () => {
  it('creates a signed webhook: its secret shown once, its inbound URL on this server, audited', async () => {
    const res = await create(webhookBody(), { ...adminHeaders, host: 'desk.example:3000' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.id).toMatch(/^wh-[0-9a-f]{12}$/);
    expect(body).toMatchObject({
      kind: 'webhook',
      name: 'Orders',
      department: { id: departmentId },
      region: 'ZA',
      enabled: true,
      inboundUrl: `http://desk.example:3000/api/inbound/${body.id}`,
      widgetUrl: null,
      secrets: [{ name: 'secret', set: true, rotatedAt: null, previousValidUntil: null }],
    });
    expect(body.shownOnce.secret).toMatch(/^whsec_/);
    const listed = (await call('GET', '/api/admin/channels', adminHeaders)).json().items;
    const again = listed.find((c: { id: string }) => c.id === body.id);
    expect(again).toBeDefined();
    expect(JSON.stringify(again)).not.toContain(body.shownOnce.secret);
    const [audit] = await auditRowsOf(t.db, body.id);
    expect(audit).toMatchObject({ action: 'channel.created' });
    expect(JSON.stringify(audit)).not.toContain(body.shownOnce.secret);
  });

  it('creates a WhatsApp channel: the verify token is generated, the provider secrets never shown back', async () => {
    const input = whatsappBody();
    const body = await created(input);
    expect(body.id).toMatch(/^wa-/);
    expect(body.inboundUrl).toMatch(new RegExp(`/api/inbound/${body.id}/whatsapp$`));
    expect(Object.keys(body.shownOnce)).toEqual(['verifyToken']);
    expect(body.settings).toMatchObject({ phoneNumberId: '100200300' });
    expect(JSON.stringify(body)).not.toContain(input.accessToken);
    expect(JSON.stringify(body)).not.toContain(input.appSecret);
    expect(body.secrets.map((s: { name: string }) => s.name).sort()).toEqual([
      'accessToken',
      'appSecret',
      'verifyToken',
    ]);
  });

  it('creates a web chat with its widget URL and embed snippet and an identity secret', async () => {
    const body = await created(webchatBody());
    expect(body.id).toMatch(/^wc-/);
    expect(body.widgetUrl).toMatch(new RegExp(`/chat/${body.id}$`));
    expect(body.embedSnippet).toContain(`src="${body.widgetUrl}"`);
    expect(body.shownOnce.identitySecret).toMatch(/^idsec_/);
    expect(body.settings.greeting).toBe('Hello! How can we help?');
    const config = await t.app.inject({ url: `/api/widget/${body.id}/config` });
    expect(config.json()).toMatchObject({
      greeting: 'Hello! How can we help?',
      acceptsIdentity: true,
    });
  });

  it('answers 422 naming each field that breaks a rule, and stores nothing', async () => {
    const before = (await t.db.select({ id: channels.id }).from(channels)).length;
    const cases: [object, string][] = [
      [{ ...webhookBody(), name: '   ' }, 'name'],
      [{ ...webhookBody(), name: 'x'.repeat(101) }, 'name'],
      [{ ...webhookBody(), departmentId: randomUUID() }, 'departmentId'],
      [{ ...webhookBody(), departmentId: 'not-a-uuid' }, 'departmentId'],
      [{ ...webhookBody(), departmentId: await newDepartment(true) }, 'departmentId'],
      [{ ...webhookBody(), region: 'XX' }, 'region'],
      [{ ...webhookBody(), outboundUrl: 'ftp://files.example' }, 'outboundUrl'],
      [{ ...whatsappBody(), apiBaseUrl: 'graph' }, 'apiBaseUrl'],
      [{ ...whatsappBody(), phoneNumberId: 'abc' }, 'phoneNumberId'],
      [{ ...whatsappBody(), accessToken: ' ' }, 'accessToken'],
      [{ ...whatsappBody(), appSecret: '' }, 'appSecret'],
      [{ ...webchatBody(), allowedOrigins: ['https://shop.example/path'] }, 'allowedOrigins.0'],
      [{ ...webchatBody(), greeting: 'g'.repeat(501) }, 'greeting'],
      [{ ...webchatBody(), verifyChannelId: 'nope' }, 'verifyChannelId'],
    ];
    for (const [payload, field] of cases) {
      const res = await create(payload);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await t.db.select({ id: channels.id }).from(channels)).length).toBe(before);
  });

  it('takes a verify channel only when it is an enabled WhatsApp channel', async () => {
    const wa = await created(whatsappBody());
    const hook = await created(webhookBody());
    expect((await create({ ...webchatBody(), verifyChannelId: hook.id })).statusCode).toBe(422);
    await call('POST', `/api/admin/channels/${wa.id}/disable`, adminHeaders);
    expect((await create({ ...webchatBody(), verifyChannelId: wa.id })).statusCode).toBe(422);
    await call('POST', `/api/admin/channels/${wa.id}/enable`, adminHeaders);
    const ok = await create({ ...webchatBody(), verifyChannelId: wa.id });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().settings.verifyChannelId).toBe(wa.id);
  });

  it('refuses another kind’s fields at creation (400) and an unknown kind', async () => {
    expect((await create({ ...webhookBody(), greeting: 'hi' })).statusCode).toBe(400);
    expect((await create({ ...webhookBody(), kind: 'sms' })).statusCode).toBe(400);
  });
});

describe('who may manage channels', () => {
  it('lets supervisors read the list, and only admins change anything', async () => {
    const channel = await created(webhookBody());
    const supervisor = await signedIn(t, 'supervisor');
    const agent = await signedIn(t, 'agent');
    const adminPerson = await signedIn(t, 'admin');
    const adminToken = await bearerOf(t.db, adminPerson.id, ['admin']);
    const readToken = await bearerOf(t.db, adminPerson.id, ['read', 'chats:write']);
    const id = channel.id;
    const changes: [string, string, object | undefined][] = [
      ['POST', '/api/admin/channels', webhookBody()],
      ['PATCH', `/api/admin/channels/${id}`, { name: 'Renamed' }],
      ['POST', `/api/admin/channels/${id}/rotate-secret`, {}],
      ['POST', `/api/admin/channels/${id}/disable`, undefined],
      ['POST', `/api/admin/channels/${id}/enable`, undefined],
      ['POST', `/api/admin/channels/${id}/test`, undefined],
    ];
    expect(
      (await call('GET', '/api/admin/channels', { cookie: supervisor.cookie })).statusCode,
    ).toBe(200);
    expect((await call('GET', '/api/admin/channels', { cookie: agent.cookie })).statusCode).toBe(
      403,
    );
    expect((await call('GET', '/api/admin/channels', {})).statusCode).toBe(401);
    expect((await call('GET', '/api/admin/channels', readToken)).statusCode).toBe(403);
    expect((await call('GET', '/api/admin/channels', adminToken)).statusCode).toBe(200);
    for (const [method, url, payload] of changes) {
      const as = (headers: object) => call(method as 'POST', url, headers, payload);
      expect((await as({ cookie: supervisor.cookie })).statusCode, `${method} ${url}`).toBe(403);
      expect((await as({ cookie: agent.cookie })).statusCode, `${method} ${url}`).toBe(403);
      expect((await as({})).statusCode, `${method} ${url}`).toBe(401);
      expect((await as(readToken)).statusCode, `${method} ${url}`).toBe(403);
      expect((await as(fromForeignPage(adminPerson.cookie))).statusCode).toBe(403);
    }
    const renamed = await call('PATCH', `/api/admin/channels/${id}`, adminToken, {
      name: 'By token',
    });
    expect(renamed.statusCode).toBe(200);
    const [row] = await t.db.select().from(channels).where(eq(channels.id, id));
    expect(row?.name).toBe('By token');
    expect(row?.enabled).toBe(true);
  });

  it('answers 404 for a channel that does not exist', async () => {
    for (const url of ['rotate-secret', 'disable', 'enable', 'test'])
      expect(
        (await call('POST', `/api/admin/channels/nope/${url}`, adminHeaders, {})).statusCode,
      ).toBe(404);
    expect(
      (await call('PATCH', '/api/admin/channels/nope', adminHeaders, { name: 'x' })).statusCode,
    ).toBe(404);
  });
});

describe('editing a channel', () => {
  it('changes non-secret fields and audits before and after', async () => {
    const channel = await created(webchatBody());
    const other = await newDepartment();
    const res = await call('PATCH', `/api/admin/channels/${channel.id}`, adminHeaders, {
      name: 'Shop chat',
      departmentId: other,
      region: 'gb',
      allowedOrigins: ['https://a.example', 'http://localhost:8000'],
      greeting: null,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Shop chat',
      department: { id: other },
      region: 'GB',
      settings: { allowedOrigins: ['https://a.example', 'http://localhost:8000'], greeting: null },
    });
    const [audit] = await auditRowsOf(t.db, channel.id);
    expect(audit).toMatchObject({
      action: 'channel.updated',
      before: { name: 'Site chat', region: 'ZA' },
      after: { name: 'Shop chat', region: 'GB' },
    });
  });

  it('refuses another kind’s fields with 422 naming them, and changes nothing', async () => {
    const channel = await created(webhookBody());
    const res = await call('PATCH', `/api/admin/channels/${channel.id}`, adminHeaders, {
      name: 'Changed',
      greeting: 'hi',
      phoneNumberId: '1',
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['greeting', 'phoneNumberId']);
    const [row] = await t.db.select().from(channels).where(eq(channels.id, channel.id));
    expect(row?.name).toBe('Orders');
  });

  it('applies parallel edits one after another, each audited', async () => {
    const channel = await created(webhookBody());
    const names = ['One', 'Two', 'Three', 'Four'];
    const results = await Promise.all(
      names.map((name) =>
        call('PATCH', `/api/admin/channels/${channel.id}`, adminHeaders, { name }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const audits = await auditRowsOf(t.db, channel.id);
    expect(audits.filter((a) => a.action === 'channel.updated')).toHaveLength(4);
  });
});

describe('rotating secrets', () => {
  it('rotates a generated secret: the new value once, the old one valid 24 hours, audited by name', async () => {
    const channel = await created(webhookBody());
    const res = await call(
      'POST',
      `/api/admin/channels/${channel.id}/rotate-secret`,
      adminHeaders,
      {},
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.name).toBe('secret');
    expect(body.value).toMatch(/^whsec_/);
    expect(body.value).not.toBe(channel.shownOnce.secret);
    const hours = (Date.parse(body.previousValidUntil) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    expect(body.channel.secrets[0]).toMatchObject({ name: 'secret', set: true });
    expect(body.channel.secrets[0].rotatedAt).not.toBeNull();
    const [audit] = await auditRowsOf(t.db, channel.id);
    expect(audit).toMatchObject({ action: 'channel.secret_rotated', after: { rotated: 'secret' } });
    expect(JSON.stringify(audit)).not.toContain(body.value);
  });

  it('takes a provider secret’s new value in the body and never answers it', async () => {
    const channel = await created(whatsappBody());
    const rotate = (payload: object) =>
      call('POST', `/api/admin/channels/${channel.id}/rotate-secret`, adminHeaders, payload);
    expect((await rotate({ name: 'accessToken' })).statusCode).toBe(422);
    expect((await rotate({ name: 'verifyToken', value: 'mine' })).statusCode).toBe(422);
    expect((await rotate({ name: 'identitySecret' })).statusCode).toBe(422);
    const res = await rotate({ name: 'accessToken', value: 'EAAG-new-token' });
    expect(res.statusCode).toBe(200);
    expect(res.json().value).toBeNull();
    expect(res.body).not.toContain('EAAG-new-token');
    const verify = await rotate({ name: 'verifyToken' });
    expect(verify.json().value).toMatch(/^vtok_/);
  });
});

describe('disabling and enabling', () => {
  it('disables and enables, each audited once', async () => {
    const channel = await created(webhookBody());
    const off = await call('POST', `/api/admin/channels/${channel.id}/disable`, adminHeaders);
    expect(off.json().enabled).toBe(false);
    await call('POST', `/api/admin/channels/${channel.id}/disable`, adminHeaders);
    const on = await call('POST', `/api/admin/channels/${channel.id}/enable`, adminHeaders);
    expect(on.json().enabled).toBe(true);
    const actions = (await auditRowsOf(t.db, channel.id)).map((a) => a.action);
    expect(actions).toEqual(['channel.enabled', 'channel.disabled', 'channel.created']);
  });
});

describe('the Test button', () => {
  it('POSTs a signed sample to a webhook’s outbound URL and reports status and latency', async () => {
    const provider = await startFakeProvider((n) => ({ status: n === 0 ? 200 : 503 }));
    try {
      const channel = await created({ ...webhookBody(), outboundUrl: `${provider.url}/hook` });
      const ok = (
        await call('POST', `/api/admin/channels/${channel.id}/test`, adminHeaders)
      ).json();
      expect(ok).toMatchObject({ ok: true, status: 200 });
      expect(ok.latencyMs).toBeGreaterThanOrEqual(0);
      const sent = provider.requests[0]!;
      expect(JSON.parse(sent.body)).toMatchObject({ type: 'test', channelId: channel.id });
      expect(sent.headers['x-parley-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      const failing = (
        await call('POST', `/api/admin/channels/${channel.id}/test`, adminHeaders)
      ).json();
      expect(failing).toMatchObject({ ok: false, status: 503 });
    } finally {
      await provider.close();
    }
  });

  it('says why when a webhook has no outbound URL', async () => {
    const channel = await created(webhookBody());
    const res = (await call('POST', `/api/admin/channels/${channel.id}/test`, adminHeaders)).json();
    expect(res).toMatchObject({ ok: false, status: null });
    expect(res.detail).toMatch(/no outbound URL/);
  });

  it('asks the Graph API for the phone number with the access token', async () => {
    const provider = await startFakeProvider(() => ({ status: 200, body: { id: '100200300' } }));
    try {
      const input = { ...whatsappBody(), apiBaseUrl: `${provider.url}/v21.0` };
      const channel = await created(input);
      const res = (
        await call('POST', `/api/admin/channels/${channel.id}/test`, adminHeaders)
      ).json();
      expect(res).toMatchObject({ ok: true, status: 200 });
      expect(provider.requests[0]!.path).toBe('/v21.0/100200300');
      expect(provider.requests[0]!.headers.authorization).toBe(`Bearer ${input.accessToken}`);
    } finally {
      await provider.close();
    }
  });

  it('checks a web chat and says where its widget is', async () => {
    const channel = await created(webchatBody());
    const res = (await call('POST', `/api/admin/channels/${channel.id}/test`, adminHeaders)).json();
    expect(res.ok).toBe(true);
    expect(res.detail).toContain(`/chat/${channel.id}`);
    await call('POST', `/api/admin/channels/${channel.id}/disable`, adminHeaders);
    const off = (await call('POST', `/api/admin/channels/${channel.id}/test`, adminHeaders)).json();
    expect(off.ok).toBe(false);
  });
});
