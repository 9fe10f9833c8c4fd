import { beforeAll, describe, expect, it } from 'vitest';
import { makeChannel, testApp, type TestApp, uniquePhone } from '../../test/harness.ts';
import { signIdentity } from './widget-identity.ts';
import { nextAddress } from './widget.test-support.ts';

/*
 * The widget framed by the business's site: what the page may learn before any session (which
 * embedding origins it may take a signed identity from; public, so nothing secret), and a
 * session cookie that still works inside a frame on another site.
 */

let t: TestApp;
const SECRET = 'config-test-identity-secret';

beforeAll(async () => {
  t = await testApp();
});

const config = (channelId: string) => t.app.inject({ url: `/api/widget/${channelId}/config` });

describe('the widget configuration', () => {
  it('names the origins allowed to embed the chat, and never the identity secret', async () => {
    const origins = ['https://shop.example', 'http://127.0.0.1:4321'];
    const { channel } = await makeChannel(t.db, {
      kind: 'webchat',
      settings: {
        // Written by an admin with a slash or twice: the page compares browser origins exactly.
        allowedOrigins: [...origins, 'https://shop.example/'],
        identitySecret: SECRET,
        verifyChannelId: 'sms-x',
      },
    });
    const res = await config(channel.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      allowedOrigins: origins,
      acceptsIdentity: true,
      canVerify: true,
      greeting: null,
    });
    expect(res.body).not.toContain(SECRET);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('says when a chat takes no identities and sends no codes', async () => {
    const { channel } = await makeChannel(t.db, { kind: 'webchat' });
    const res = await config(channel.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      allowedOrigins: [],
      acceptsIdentity: false,
      canVerify: false,
      greeting: null,
    });
  });

  it('is 404 for an unknown channel and for a channel that is not a web chat', async () => {
    const { channel: webhook } = await makeChannel(t.db, { kind: 'webhook' });
    for (const id of ['no-such-channel', webhook.id]) {
      const res = await config(id);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('the session’s number', () => {
  it('comes back with the conversation, so a reloaded page knows who is signed in', async () => {
    const { channel } = await makeChannel(t.db, {
      kind: 'webchat',
      settings: { identitySecret: SECRET },
    });
    const phone = uniquePhone();
    const expires = Math.floor(Date.now() / 1000) + 600;
    const start = await t.app.inject({
      method: 'POST',
      url: `/api/widget/${channel.id}/session`,
      payload: { identity: { phone, expires, signature: signIdentity(SECRET, phone, expires) } },
      remoteAddress: nextAddress(),
    });
    expect(start.statusCode).toBe(201);
    const cookie = start.cookies.find((c) => c.name === 'parley_widget');
    const list = await t.app.inject({
      url: `/api/widget/${channel.id}/messages`,
      headers: { cookie: `parley_widget=${cookie?.value ?? ''}` },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ verified: true, phone: start.json().customer.phone });
  });
});

describe('the session cookie', () => {
  const startOn = async (host: string) => {
    const { channel } = await makeChannel(t.db, { kind: 'webchat' });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/widget/${channel.id}/session`,
      headers: { host },
      payload: { phone: uniquePhone(), name: 'Naledi' },
      remoteAddress: nextAddress(),
    });
    expect(res.statusCode).toBe(201);
    return { channel, res, raw: res.headers['set-cookie'] };
  };

  it('is sent back from inside a frame on another site, and kept apart per embedding site', async () => {
    // Browsers take a Secure cookie over HTTPS and from a loopback host (development).
    const { channel, raw } = await startOn('localhost:3000');
    expect(raw).toMatch(/^parley_widget=[\w-]+;/);
    expect(raw).toContain(`Path=/api/widget/${channel.id}`);
    expect(raw).toContain('HttpOnly');
    expect(raw).toContain('SameSite=None');
    expect(raw).toContain('Secure');
    expect(raw).toContain('Partitioned');
  });

  it('stays Lax over plain HTTP elsewhere, where a Secure cookie would never come back', async () => {
    const { raw } = await startOn('chat.example.test');
    expect(raw).toContain('SameSite=Lax');
    expect(raw).not.toContain('Secure');
    expect(raw).not.toContain('Partitioned');
  });
});
