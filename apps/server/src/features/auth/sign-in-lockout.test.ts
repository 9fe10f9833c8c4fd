import { beforeAll, describe, expect, it } from 'vitest';
import { makeStaff, testApp, type TestApp } from '../../test/harness.ts';
import { THROTTLE } from './sign-in-throttle.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

let addressCounter = Math.floor(Math.random() * 60_000);
const uniqueIp = () => {
  addressCounter = (addressCounter + 1) % 65_000;
  return `100.${64 + (addressCounter >> 12)}.${(addressCounter >> 4) & 255}.${(addressCounter & 15) + 1}`;
};

const DEVICE_COOKIE = 'parley_device';

const postSession = (email: string, password: string, remoteAddress: string, device?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password },
    remoteAddress,
    headers: device ? { cookie: `${DEVICE_COOKIE}=${device}` } : {},
  });

/** Signs the person in from `address` and returns the device cookie their browser now holds. */
async function knownDevice(email: string, password: string, address: string) {
  const res = await postSession(email, password, address);
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === DEVICE_COOKIE);
  expect(cookie).toMatchObject({ httpOnly: true, path: '/api/session' });
  return cookie!.value;
}

/** An attacker's burst of wrong passwords for `email` from one address, all at once. */
const hammer = (email: string, address: string, n = 20) =>
  Promise.all(Array.from({ length: n }, (_, i) => postSession(email, `guess ${i}`, address)));

describe('an account held by someone else’s guesses', () => {
  it('still lets the colleague in from a browser that signed in before', async () => {
    const colleague = await makeStaff(t.db);
    const device = await knownDevice(colleague.email, colleague.password, uniqueIp());
    const burst = await hammer(colleague.email, uniqueIp());
    expect(burst.some((r) => r.statusCode === 429)).toBe(true);
    // A browser that never signed in to this account is held like the attacker…
    expect((await postSession(colleague.email, colleague.password, uniqueIp())).statusCode).toBe(
      429,
    );
    // …but the colleague's own browser gets in, from any address, while the guessing goes on.
    const [mine] = await Promise.all([
      postSession(colleague.email, colleague.password, uniqueIp(), device),
      hammer(colleague.email, uniqueIp(), 5),
    ]);
    expect(mine.statusCode).toBe(200);
  });

  it('holds guesses made with a known browser to that browser’s own limit', async () => {
    const person = await makeStaff(t.db);
    const device = await knownDevice(person.email, person.password, uniqueIp());
    const address = uniqueIp();
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => postSession(person.email, 'wrong', address, device)),
    );
    const failures = burst.filter((r) => r.statusCode === 401).length;
    expect(failures).toBeLessThanOrEqual(THROTTLE.perDevice);
    expect(burst.filter((r) => r.statusCode === 429).length).toBe(20 - failures);
  });

  it('gives no way past the hold with a browser known to another account, or a forged one', async () => {
    const attacker = await makeStaff(t.db);
    const colleague = await makeStaff(t.db);
    const attackersDevice = await knownDevice(attacker.email, attacker.password, uniqueIp());
    await hammer(colleague.email, uniqueIp());
    const [staffId, nonce, issued] = attackersDevice.split('.');
    const forged = [colleague.id, nonce, issued, 'A'.repeat(43)].join('.');
    for (const device of [attackersDevice, forged, `${colleague.id}.x.1.y`, 'junk']) {
      const res = await postSession(colleague.email, colleague.password, uniqueIp(), device);
      expect(res.statusCode, device).toBe(429);
    }
    expect(staffId).toBe(attacker.id);
  });

  it('keeps knowing the browser after the colleague signs out', async () => {
    const person = await makeStaff(t.db);
    const device = await knownDevice(person.email, person.password, uniqueIp());
    const again = await postSession(person.email, person.password, uniqueIp(), device);
    const session = again.cookies.find((c) => c.name === 'parley_session');
    await t.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: `parley_session=${session?.value}` },
    });
    await hammer(person.email, uniqueIp());
    expect((await postSession(person.email, person.password, uniqueIp(), device)).statusCode).toBe(
      200,
    );
  });
});
