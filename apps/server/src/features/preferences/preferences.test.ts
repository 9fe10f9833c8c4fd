import { beforeAll, describe, expect, it } from 'vitest';
import { makeStaff, signIn, testApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const allOn = {
  sound: true,
  desktop: true,
  titleCount: true,
  events: { newChat: true, transferOffer: true, mention: true, customerReply: true },
};

async function person() {
  const me = await makeStaff(t.db);
  return { me, cookie: await signIn(t.app, me.email) };
}

const get = (cookie: string) => t.app.inject({ url: '/api/me/preferences', headers: { cookie } });
const put = (cookie: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'PUT',
    url: '/api/me/preferences',
    headers: { cookie, 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(payload),
  });

describe('my alert preferences', () => {
  it('start with everything on', async () => {
    const { cookie } = await person();
    const res = await get(cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(allOn);
  });

  it('keep a change, for me only, and leave what the change does not name', async () => {
    const { me, cookie } = await person();
    const other = await person();
    const saved = await put(cookie, { sound: false, events: { customerReply: false } });
    expect(saved.statusCode).toBe(200);
    const expected = { ...allOn, sound: false, events: { ...allOn.events, customerReply: false } };
    expect(saved.json()).toEqual(expected);
    expect((await get(cookie)).json()).toEqual(expected);
    // A new sign-in (another browser) reads the same; a colleague's stay as they were.
    expect((await get(await signIn(t.app, me.email))).json()).toEqual(expected);
    expect((await get(other.cookie)).json()).toEqual(allOn);

    const full = {
      ...allOn,
      desktop: false,
      titleCount: false,
      events: { ...allOn.events, mention: false },
    };
    expect((await put(cookie, full)).json()).toEqual(full);
    expect((await get(cookie)).json()).toEqual(full);
  });

  it('refuse a bad body with problem+json and change nothing', async () => {
    const { cookie } = await person();
    await put(cookie, { titleCount: false });
    for (const bad of [
      { sound: 'no' },
      { events: { newChat: 1 } },
      { loud: true },
      { events: { everything: false } },
      [],
      'off',
    ]) {
      const res = await put(cookie, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const malformed = await t.app.inject({
      method: 'PUT',
      url: '/api/me/preferences',
      headers: { cookie, 'content-type': 'application/json' },
      payload: '{"sound": fal',
    });
    expect(malformed.statusCode).toBe(400);
    expect((await get(cookie)).json()).toEqual({ ...allOn, titleCount: false });
  });

  it('refuse a change from a foreign origin, and anyone not signed in', async () => {
    const { cookie } = await person();
    const foreign = await put(cookie, { sound: false }, { origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect((await get(cookie)).json()).toEqual(allOn);
    expect((await t.app.inject({ url: '/api/me/preferences' })).statusCode).toBe(401);
    const anonymous = await t.app.inject({
      method: 'PUT',
      url: '/api/me/preferences',
      payload: { sound: false },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
