// Pictures of the Staff page, its sheets and dialogs, and the set-password page, at three widths
// in both themes: `npx tsx e2e/staff-screenshots.ts` against a running server (BASE_URL) with the
// demo data. It creates a staff member per picture set. Starts nothing itself.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { chromiumLaunchOptions, demoPassword, demoStaff } from './demo.ts';

const baseURL = process.env.BASE_URL ?? 'http://localhost:3000';
const output = path.resolve(process.env.SCREENSHOT_DIR ?? 'staff-screenshots');
const widths = [1024, 1280, 1440];

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(output, `${name}.png`) });
}

async function staffPictures(browser: Browser, width: number, scheme: 'light' | 'dark') {
  const tag = `${width}-${scheme}`;
  const viewport = { width, height: 800 };
  const context = await browser.newContext({ baseURL, viewport, colorScheme: scheme });
  const page = await context.newPage();
  await page.goto('/admin/staff');
  await page.getByLabel('Email').fill(demoStaff.admin.email);
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('table').waitFor();
  await shoot(page, `staff-page-${tag}`);

  // The reason on a control that would be refused, shown on focus.
  await page
    .getByRole('button', { name: `Deactivate ${demoStaff.admin.name}` })
    .locator('..')
    .focus();
  await page.locator('[data-radix-popper-content-wrapper]').waitFor();
  await shoot(page, `staff-locked-${tag}`);

  await page.getByRole('button', { name: 'New staff member' }).click();
  const sheet = page.getByRole('dialog', { name: 'New staff member' });
  await sheet.getByRole('button', { name: 'Create staff member' }).click();
  await sheet.getByText('Give their name.').waitFor();
  await shoot(page, `staff-new-invalid-${tag}`);

  const id = randomUUID().slice(0, 6);
  await sheet.getByLabel('Name').fill(`Nomsa Dlamini ${id}`);
  await sheet.getByLabel('Email').fill(`nomsa.${id}@example.com`);
  await sheet.getByRole('checkbox', { name: 'Support' }).check();
  await sheet.getByRole('button', { name: 'Create staff member' }).click();
  const dialog = page.getByRole('dialog', { name: /can now set a password/ });
  await dialog.waitFor();
  await shoot(page, `staff-link-${tag}`);
  const link = await dialog.getByLabel('Set-password link').inputValue();
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: `Edit ${demoStaff.admin.name}` }).click();
  await page.getByRole('dialog', { name: `Edit ${demoStaff.admin.name}` }).waitFor();
  await shoot(page, `staff-edit-self-${tag}`);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: `Edit ${demoStaff.agent1.name}` }).click();
  await page.getByRole('dialog', { name: `Edit ${demoStaff.agent1.name}` }).waitFor();
  await shoot(page, `staff-edit-${tag}`);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: `Deactivate ${demoStaff.agent2.name}` }).click();
  await page.getByRole('alertdialog').waitFor();
  await shoot(page, `staff-deactivate-${tag}`);
  await page.keyboard.press('Escape');

  // The set-password page, in a browser without a session.
  const visitor = await browser.newContext({ baseURL, viewport, colorScheme: scheme });
  const newcomer = await visitor.newPage();
  await newcomer.goto(new URL(link).pathname);
  await newcomer.getByRole('heading', { name: 'Choose your password' }).waitFor();
  await shoot(newcomer, `set-password-${tag}`);
  await newcomer.getByLabel('New password').fill('long enough password');
  await newcomer.getByLabel('Repeat the password').fill('long enough passw0rd');
  await newcomer.getByRole('button', { name: 'Set password' }).click();
  await newcomer.getByText("The two passwords don't match.").waitFor();
  await shoot(newcomer, `set-password-mismatch-${tag}`);
  await newcomer.getByLabel('Repeat the password').fill('long enough password');
  await newcomer.getByRole('button', { name: 'Set password' }).click();
  await newcomer.getByRole('heading', { name: 'Your password is set' }).waitFor();
  await shoot(newcomer, `set-password-done-${tag}`);
  await newcomer.goto(new URL(link).pathname);
  await newcomer.getByRole('heading', { name: "This link can't be used" }).waitFor();
  await shoot(newcomer, `set-password-used-${tag}`);
  await visitor.close();
  await context.close();
}

async function main() {
  mkdirSync(output, { recursive: true });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    for (const scheme of ['light', 'dark'] as const)
      for (const width of widths) await staffPictures(browser, width, scheme);
  } finally {
    await browser.close();
  }
  console.log(`Saved to ${output}`);
}

await main();
