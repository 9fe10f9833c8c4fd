import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A Parley installed for real, beside the suite's demo server: its own empty embedded database
 * with `PARLEY_DEMO=0`, its first admin made with the operator command line as the README says,
 * then the server started on its own port.
 */
export type FreshInstall = {
  baseURL: string;
  admin: { email: string; name: string; password: string };
  /** The running server's output so far (what an operator reads in the terminal). */
  output(): string;
  /** Stops the server, runs `staff create --role admin` as the README says, starts it again. */
  createFirstAdmin(): Promise<string>;
  stop(): Promise<void>;
};

const root = path.resolve(import.meta.dirname, '..');

/**
 * A Parley installed for real, beside the suite's demo server: its own empty embedded database
 * with `PARLEY_DEMO=0`, started on its own port with no staff at all.
 */
export async function installFresh(port: number): Promise<FreshInstall> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-fresh-'));
  const env = {
    ...process.env,
    PORT: String(port),
    PARLEY_DATA_DIR: dataDir,
    PARLEY_DEMO: '0',
    DATABASE_URL: '',
    REDIS_URL: '',
    PARLEY_ORIGINS: '',
    LOG_LEVEL: 'warn',
  };
  const admin = {
    email: 'owner@example.com',
    name: 'Olive Owner',
    password: 'a long first password',
  };
  const baseURL = `http://localhost:${port}`;
  let output = '';
  let server: ChildProcess | undefined;

  async function start() {
    output = '';
    const started = spawn('node', ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = started;
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`the server stopped at start:\n${output}`);
      const ready = await fetch(`${baseURL}/readyz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`the server did not become ready:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function stopServer() {
    const running = server;
    if (running && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    }
  }

  await start();
  return {
    baseURL,
    admin,
    output: () => output,
    async createFirstAdmin() {
      // The embedded database allows one process at a time, so the server stops meanwhile.
      await stopServer();
      const created = spawnSync(
        'node',
        [
          '--import',
          'tsx',
          'apps/server/src/cli/main.ts',
          'staff',
          'create',
          '--role',
          'admin',
          '--name',
          admin.name,
          '--email',
          admin.email,
          '--password-stdin',
        ],
        { cwd: root, env, input: `${admin.password}\n`, encoding: 'utf8' },
      );
      if (created.status !== 0)
        throw new Error(`staff create failed: ${created.stdout}\n${created.stderr}`);
      await start();
      return created.stdout;
    },
    async stop() {
      await stopServer();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
