// Pictures of the customer context panel for the docs: `npx tsx e2e/panel-screenshots.ts` against
// a running server (BASE_URL, default http://localhost:3000) that has the demo data. Lerato has
// the demo's live chat with Thandi Nkosi open; each tab is pictured in turn. Starts nothing itself.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { chromiumLaunchOptions, demoPassword, demoStaff } from './demo.ts';
import type { DemoPerson } from './demo.ts';

const baseURL = process.env.BASE_URL ?? 'http://localhost:3000';
const docs = fileURLToPath(new URL('../docs/', import.meta.url));
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

const panel = (page: Page) => page.getByRole('complementary', { name: 'Customer context' });

async function openTab(page: Page, name: string) {
  await panel(page).getByRole('tab', { name, exact: true }).click();
  await panel(page).getByRole('tab', { name, exact: true, selected: true }).waitFor();
}

async function shoot(page: Page, name: string) {
  // A focus ring left on the last control clicked would look like a glitch.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const file = path.join(docs, name);
  await page.screenshot({ path: file, animations: 'disabled' });
  console.log(`Wrote ${file}`);
}

async function main() {
  mkdirSync(docs, { recursive: true });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    // Johan signed in and so online: only colleagues online can be tagged.
    const colleague = await openDesk(browser, demoStaff.agent2);
    const page = await openDesk(browser, demoStaff.agent1);
    await page
      .getByRole('list', { name: 'Team' })
      .getByRole('listitem', { name: new RegExp(`^${demoStaff.agent2.name}, (Available|Away)$`) })
      .waitFor();

    await page.getByRole('heading', { level: 1, name: 'Live' }).waitFor();
    await page
      .getByRole('link', { name: /^Thandi Nkosi, / })
      .first()
      .click();
    await page.getByText('Hello again! My order 4411').waitFor();

    // Profile
    await panel(page).getByText('thandi.nkosi@example.co.za').waitFor();
    await shoot(page, 'panel-profile.png');

    // Notes
    await openTab(page, 'Notes');
    await panel(page)
      .getByText('Double charge on order 4411 reversed.', { exact: false })
      .waitFor();
    await shoot(page, 'panel-notes.png');

    // History, then the earlier chat's transcript
    await openTab(page, 'History');
    const open = panel(page).getByRole('button', { name: /^Open the / });
    await open.first().waitFor();
    await shoot(page, 'panel-history.png');
    await open.first().click();
    const transcript = page.getByRole('dialog', { name: /^The / });
    await transcript.getByText('Great, thank you!').waitFor();
    await page.screenshot({
      path: path.join(docs, 'panel-history-transcript.png'),
      animations: 'disabled',
    });
    console.log(`Wrote ${path.join(docs, 'panel-history-transcript.png')}`);
    await transcript.getByRole('button', { name: 'Close' }).click();
    await transcript.waitFor({ state: 'hidden' });

    // Comments, with Johan tagged from the @ list
    await openTab(page, 'Comments');
    const field = panel(page).getByRole('textbox', { name: 'Comment for staff' });
    await field.click();
    await field.pressSequentially('Courier is late again @Joh');
    await panel(page)
      .getByRole('listbox', { name: 'Colleagues online now' })
      .getByRole('option', { name: new RegExp(demoStaff.agent2.name) })
      .click();
    await field.pressSequentially('can you chase the depot for order 4411?');
    await field.press('Enter');
    await panel(page)
      .getByRole('log', { name: 'Comments, oldest first' })
      .getByText('can you chase the depot for order 4411?')
      .last()
      .waitFor();
    await colleague.getByRole('button', { name: /^Notifications, [1-9]\d* unread$/ }).waitFor();
    await shoot(page, 'panel-comments.png');
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
