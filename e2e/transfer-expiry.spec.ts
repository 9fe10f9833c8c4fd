import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import {
  chatRow,
  conversation,
  demoStaff,
  type DemoPerson,
  expect,
  expectOnline,
  postInbound,
  setAvailable,
  signIn,
  signInByApi,
  test,
  uniqueCustomer,
} from './fixtures.ts';

// An offer nobody answers goes back to its sender. The offer lasts 20 minutes; this server runs
// its timers 600 times faster, so it lapses in 2 seconds.

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.E2E_PORT ?? 3210) + 19;
const baseURL = `http://localhost:${port}`;
const lerato = demoStaff.agent1;
const johan = demoStaff.agent2;

let server: ChildProcess | undefined;
let dataDir = '';
let output = '';

/** The demo server of this file: its own folder and port, time running 600 times faster. */
async function startFastServer() {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-expiry-'));
  const started = spawn('node', ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      PARLEY_DATA_DIR: dataDir,
      PARLEY_DEMO: '1',
      PARLEY_TIME_SCALE: '600',
      PARLEY_TIMER_INTERVAL_MS: '250',
      DATABASE_URL: '',
      REDIS_URL: '',
      PARLEY_ORIGINS: '',
      LOG_LEVEL: 'warn',
    },
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

test.beforeAll(async () => {
  test.setTimeout(90_000);
  await startFastServer();
});

test.afterAll(async () => {
  const running = server;
  if (running && running.exitCode === null) {
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function deskOf(browser: Browser, person: DemoPerson): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signIn(page, person.email);
  return page;
}

async function writeIn(request: APIRequestContext, customer: ReturnType<typeof uniqueCustomer>) {
  const response = await postInbound(request, {
    messageId: randomUUID(),
    from: customer.phone,
    text: 'Can someone from billing help?',
    name: customer.name,
  });
  expect(response.status()).toBe(200);
}

test('an offer nobody answers returns to its sender, who sees it and acknowledges', async ({
  browser,
  playwright,
}) => {
  test.setTimeout(60_000);
  const johanDesk = await deskOf(browser, johan);
  await setAvailable(johanDesk, false);
  const leratoDesk = await deskOf(browser, lerato);
  await setAvailable(leratoDesk, true);
  await expectOnline(leratoDesk, lerato);

  const request = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Origin: baseURL },
  });
  // Only the offer may lapse here: at 600 times the speed, the agent reply timeout's 30 minutes
  // would take the chat back to the queue (withdrawing the offer) a second after it.
  await signInByApi(request, demoStaff.admin);
  const saved = await request.put('/api/admin/settings', {
    data: { agentReplyTimeoutMinutes: 1440, transferOfferMinutes: 20 },
  });
  expect(saved.status()).toBe(200);
  const customer = uniqueCustomer();
  await writeIn(request, customer);
  await request.dispose();
  await chatRow(leratoDesk, 'Live', customer.name).click();
  await setAvailable(johanDesk, true);
  await expectOnline(johanDesk, johan);

  const pane = conversation(leratoDesk, customer.name);
  await pane.getByRole('button', { name: 'Transfer…' }).click();
  const dialog = leratoDesk.getByRole('dialog', {
    name: `Transfer the chat with ${customer.name}`,
  });
  await dialog.getByRole('radio', { name: new RegExp(johan.name) }).check();
  await dialog.getByRole('button', { name: 'Send offer' }).click();
  await expect(dialog).toHaveCount(0);

  // Johan sees the offer, then it lapses and leaves his desk.
  const offer = johanDesk
    .getByRole('region', { name: 'Transfers' })
    .getByRole('article', { name: `${lerato.name} offers you the chat with ${customer.name}` });
  await expect(offer).toBeVisible();
  await expect(offer).toHaveCount(0, { timeout: 15_000 });

  // Lerato is told; the chat is still hers and no longer transferring.
  const returned = leratoDesk.getByRole('region', { name: 'Transfers' }).getByRole('article', {
    // 20 minutes at 600 times the speed: the card says the offer lapsed "in time".
    name: `Nobody accepted the transfer of the chat with ${customer.name} in time; the chat is still yours.`,
  });
  await expect(returned).toBeVisible();
  await expect(pane.getByText(/Transferring to/)).toHaveCount(0);
  await expect(pane.getByText('With you')).toBeVisible();
  await returned.getByRole('button', { name: 'OK' }).click();
  await expect(returned).toHaveCount(0);
});
