import { beforeAll, describe, expect, it } from 'vitest';
import { emptyDatabase, makeStaff, testApp, type TestApp } from '../../test/harness.ts';
import { FIRST_ADMIN_COMMAND, firstAdminBanner } from './first-run.service.ts';

/** A database of its own: nobody exists until the test makes someone. */
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ database: await emptyDatabase() });
});

const setup = () => t.app.inject({ url: '/api/setup' });

describe('first run, without demo data', () => {
  it('GET /api/setup tells anyone that the first admin is missing and how to create one, until someone exists', async () => {
    const before = await setup();
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ needed: true, command: FIRST_ADMIN_COMMAND });
    // Even a deactivated account means the desk was set up: only "is anyone there" is answered.
    const first = await makeStaff(t.db, { role: 'admin' });
    const after = await setup();
    expect(after.json()).toEqual({ needed: false });
    expect(JSON.stringify(after.json())).not.toContain(first.email);
  });

  it('the start-up banner names the real command, its flags and the password step', () => {
    const banner = firstAdminBanner();
    expect(FIRST_ADMIN_COMMAND).toBe(
      'npm run parley -- staff create --role admin --name "Your Name" --email you@example.com',
    );
    expect(banner).toContain(FIRST_ADMIN_COMMAND);
    expect(banner).toMatch(/prints a first password once/);
    expect(banner).toContain('--password-stdin');
    expect(banner).toMatch(/Admin area/);
  });
});
