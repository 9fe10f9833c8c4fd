import { beforeAll, describe, expect, it } from 'vitest';
import { emptyDatabase, engine, makeStaff, testApp, type TestApp } from '../../test/harness.ts';
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

// One engine is enough: the start-up runs on its own embedded database either way.
describe.runIf(engine === 'pglite')('npm start on an empty database without demo data', () => {
  it('prints how to create the first admin', async () => {
    const { spawn } = await import('node:child_process');
    const { mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const main = fileURLToPath(new URL('../../main.ts', import.meta.url));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-first-run-'));
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: {
        ...process.env,
        PARLEY_DEMO: '0',
        PARLEY_DATA_DIR: dir,
        DATABASE_URL: '',
        REDIS_URL: '',
        PORT: '0',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner in: ${out}`)), 90_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes(FIRST_ADMIN_COMMAND)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(out).toContain('Parley has no staff accounts yet');
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});
