// Refreshes the README's picture of the desk: `npx tsx e2e/screenshot.ts` against a running
// server (BASE_URL, default http://localhost:3000) that has the demo data. Starts nothing itself.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { chromiumLaunchOptions, demoPassword, demoStaff } from './demo.ts';
import type { DemoPerson } from './demo.ts';

const baseURL = process.env.BASE_URL ?? 'http://localhost:3000';
const output = path.resolve(
  process.env.SCREENSHOT_PATH ?? fileURLToPath(new URL('../docs/screenshot.png', import.meta.url)),
);
const viewport = { width: 1440, height: 900 };

async function openDesk(browser: Browser, person: DemoPerson): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport, colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Views' }).waitFor();
  return page;
}

async function makeAvailable(page: Page) {
  const toggle = page.getByRole('switch', { name: 'Available' });
  if (await toggle.isChecked()) return;
  const saved = page.waitForResponse(
    (response) =>
      response.url().endsWith('/api/me/availability') && response.request().method() === 'PUT',
  );
  await toggle.click();
  if (!(await saved).ok()) throw new Error(`${demoStaff.agent2.email} could not become available.`);
}

async function main() {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    // A colleague online and available, so the Team list shows a live status, not only Offline.
    const colleague = await openDesk(browser, demoStaff.agent2);
    await makeAvailable(colleague);

    const page = await openDesk(browser, demoStaff.agent1);
    await page
      .getByRole('list', { name: 'Team' })
      .getByRole('listitem', { name: `${demoStaff.agent2.name}, Available`, exact: true })
      .waitFor();
    await page.getByRole('heading', { level: 1, name: 'Live' }).waitFor();
    // Open the demo's live chat, so the picture shows a conversation and its customer.
    const firstChat = page.getByRole('link', { name: /^Thandi Nkosi/ }).first();
    if (await firstChat.count()) {
      await firstChat.click();
      // The conversation and the profile have loaded, not their skeletons.
      await page.getByText('Hello again! My order 4411').waitFor();
      await page.getByText('thandi.nkosi@example.co.za').waitFor();
    }
    // The sign-in button had focus; a focus ring in the picture would look like a glitch.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    mkdirSync(path.dirname(output), { recursive: true });
    await page.screenshot({ path: output, animations: 'disabled' });
    console.log(`Wrote ${output} from ${baseURL}.`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
