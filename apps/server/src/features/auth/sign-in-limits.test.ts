import { beforeAll, describe, expect, it } from 'vitest';
import { makeStaff, testApp, type TestApp, uniqueEmail } from '../../test/harness.ts';
import { THROTTLE } from './sign-in-throttle.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

let addressCounter = Math.floor(Math.random() * 60_000);
/** A fresh address per call, so tests never share an address's count. */
const uniqueIp = () => {
  addressCounter = (addressCounter + 1) % 65_000;
  return `172.${16 + (addressCounter >> 12)}.${(addressCounter >> 4) & 255}.${(addressCounter & 15) + 1}`;
};

const postSession = (email: string, password: string, remoteAddress: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password },
    remoteAddress,
  });

const statuses = (responses: { statusCode: number }[]) =>
  responses.map((r) => r.statusCode).sort((a, b) => a - b);

describe('sign-in limits under parallel requests', () => {
  it('answers at most the per-account number of 401s to 60 parallel guesses, the rest 429', async () => {
    const person = await makeStaff(t.db);
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => postSession(person.email, `wrong ${i}`, uniqueIp())),
    );
    const codes = statuses(responses);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(THROTTLE.perAccount);
    expect(codes.filter((c) => c === 401).length).toBeGreaterThan(0);
    expect(codes.every((c) => c === 401 || c === 429)).toBe(true);
    for (const res of responses.filter((r) => r.statusCode === 429))
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers at most the per-address number of 401s to parallel guesses across accounts', async () => {
    const ip = uniqueIp();
    const responses = await Promise.all(
      Array.from({ length: THROTTLE.perAddress * 2 }, () =>
        postSession(uniqueEmail('spray'), 'wrong', ip),
      ),
    );
    const codes = statuses(responses);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(THROTTLE.perAddress);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(THROTTLE.perAddress);
    for (const res of responses.filter((r) => r.statusCode === 429))
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets the right password in alongside parallel attempts, and clears the account’s failures', async () => {
    const person = await makeStaff(t.db);
    const ip = uniqueIp();
    const [good, ...bad] = await Promise.all([
      postSession(person.email, person.password, ip),
      postSession(person.email, 'wrong', uniqueIp()),
      postSession(person.email, 'wrong', uniqueIp()),
    ]);
    expect(good?.statusCode).toBe(200);
    expect(bad.every((r) => r.statusCode === 401)).toBe(true);
  });
});
