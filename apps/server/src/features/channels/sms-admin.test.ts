import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { departments } from '../../db/schema.ts';
import { testApp, type TestApp } from '../../test/harness.ts';
import { signedIn } from '../audit/admin.test-support.ts';
import { startFakeProvider } from './test-support.ts';
import { TWILIO_SID } from './sms.test-support.ts';

let t: TestApp;
let adminHeaders: Record<string, string>;
let agentHeaders: Record<string, string>;
let departmentId: string;

beforeAll(async () => {
  t = await testApp();
  adminHeaders = { cookie: (await signedIn(t, 'admin')).cookie, host: 'desk.example:3000' };
  agentHeaders = { cookie: (await signedIn(t, 'agent')).cookie };
  const [row] = await t.db
    .insert(departments)
    .values({ name: `SMS ${randomUUID().slice(0, 8)}` })
    .returning();
  departmentId = row!.id;
});

const call = (
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: object,
  headers = adminHeaders,
) => t.app.inject({ method, url, headers, payload });

const twilioBody = (extra: object = {}) => ({
  kind: 'sms',
  provider: 'twilio',
  name: 'SMS (Twilio)',
  departmentId,
  accountSid: TWILIO_SID,
  fromNumber: '+27870001111',
  authToken: 'tw-token',
  ...extra,
});
const clickatellBody = (extra: object = {}) => ({
  kind: 'sms',
  provider: 'clickatell',
  name: 'SMS (Clickatell)',
  departmentId,
  apiKey: 'ct-key',
  ...extra,
});

describe('SMS channels', () => {
  it('creates a Twilio channel with its URLs; the auth token is never shown', async () => {
    const res = await call('POST', '/api/admin/channels', twilioBody());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.id).toMatch(/^sms-[0-9a-f]{12}$/);
    expect(body).toMatchObject({
      kind: 'sms',
      inboundUrl: `http://desk.example:3000/api/inbound/${body.id}/twilio`,
      statusUrl: `http://desk.example:3000/api/inbound/${body.id}/twilio/status`,
      settings: {
        provider: 'twilio',
        accountSid: TWILIO_SID,
        fromNumber: '+27870001111',
        apiBaseUrl: 'https://api.twilio.com',
      },
      shownOnce: {},
    });
    expect(body.secrets).toEqual([expect.objectContaining({ name: 'authToken', set: true })]);
    expect(res.body).not.toContain('tw-token');
  });

  it('creates a Clickatell channel: its callback secret in the URLs, shown this once', async () => {
    const res = await call('POST', '/api/admin/channels', clickatellBody());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    const secret = body.shownOnce.callbackSecret as string;
    expect(secret).toMatch(/^cbsec_/);
    expect(body.inboundUrl).toBe(
      `http://desk.example:3000/api/inbound/${body.id}/clickatell/${secret}`,
    );
    expect(body.statusUrl).toBe(`${body.inboundUrl}/status`);
    expect(body.secrets.map((s: { name: string }) => s.name)).toEqual(['apiKey', 'callbackSecret']);
    const read = await call('GET', '/api/admin/channels');
    const listed = read.json().items.find((c: { id: string }) => c.id === body.id);
    expect(listed.inboundUrl).toContain('/clickatell/{callbackSecret}');
    expect(read.body).not.toContain(secret);
    expect(read.body).not.toContain('ct-key');
  });

  it('names each field a provider needs, and refuses the other provider’s fields', async () => {
    const twilio = await call(
      'POST',
      '/api/admin/channels',
      twilioBody({ accountSid: 'nope', fromNumber: undefined, authToken: ' ', apiKey: 'x' }),
    );
    expect(twilio.statusCode).toBe(422);
    expect(
      twilio
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['accountSid', 'apiKey', 'authToken', 'fromNumber'].sort());
    const clickatell = await call(
      'POST',
      '/api/admin/channels',
      clickatellBody({ apiKey: '', accountSid: TWILIO_SID, fromNumber: '12' }),
    );
    expect(clickatell.statusCode).toBe(422);
    expect(
      clickatell
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['accountSid', 'apiKey', 'fromNumber'].sort());
  });

  it('lets only admins create one', async () => {
    const res = await call('POST', '/api/admin/channels', twilioBody(), agentHeaders);
    expect(res.statusCode).toBe(403);
  });

  it('changes a Twilio sender to a messaging service, and keeps one of the two', async () => {
    const id = (await call('POST', '/api/admin/channels', twilioBody())).json().id;
    const service = `MG${'d'.repeat(32)}`;
    const res = await call('PATCH', `/api/admin/channels/${id}`, {
      messagingServiceSid: service,
      fromNumber: null,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().settings).toMatchObject({ messagingServiceSid: service, fromNumber: null });
    const neither = await call('PATCH', `/api/admin/channels/${id}`, { messagingServiceSid: null });
    expect(neither.statusCode).toBe(422);
    const wrongKind = await call('PATCH', `/api/admin/channels/${id}`, { greeting: 'hi' });
    expect(wrongKind.statusCode).toBe(422);
  });

  it('rotates the callback secret (the new URL shown once) and the provider’s token', async () => {
    const id = (await call('POST', '/api/admin/channels', clickatellBody())).json().id;
    const rotated = await call('POST', `/api/admin/channels/${id}/rotate-secret`, {
      name: 'callbackSecret',
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const value = rotated.json().value as string;
    expect(rotated.json().channel.inboundUrl).toContain(`/clickatell/${value}`);
    const key = await call('POST', `/api/admin/channels/${id}/rotate-secret`, {
      name: 'apiKey',
      value: 'ct-key-2',
    });
    expect(key.statusCode).toBe(200);
    const notHers = await call('POST', `/api/admin/channels/${id}/rotate-secret`, {
      name: 'authToken',
      value: 'x',
    });
    expect(notHers.statusCode).toBe(422);
  });

  it('tests a Twilio channel by reading its account with the token', async () => {
    const provider = await startFakeProvider(() => ({ status: 200, body: { sid: TWILIO_SID } }));
    try {
      const id = (
        await call('POST', '/api/admin/channels', twilioBody({ apiBaseUrl: provider.url }))
      ).json().id;
      const res = await call('POST', `/api/admin/channels/${id}/test`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ ok: true, status: 200 });
      expect(provider.requests[0]?.path).toBe(`/2010-04-01/Accounts/${TWILIO_SID}.json`);
      expect(provider.requests[0]?.headers.authorization).toMatch(/^Basic /);
    } finally {
      await provider.close();
    }
  });
});
