import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { demoStaff, expect, signIn, test } from './fixtures.ts';

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const shotsDir = path.resolve(import.meta.dirname, '../.tmp/shots/auto-replies');

/** Screenshots at the two desk widths the design is checked at, once animations settled. */
async function shoot(page: Page, name: string) {
  mkdirSync(shotsDir, { recursive: true });
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    await page.screenshot({ path: path.join(shotsDir, `${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** A language tag nobody else's chats use, so the text written here reaches no other test. */
const rareLanguage = () =>
  `q${Array.from({ length: 2 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')}`;

test('the admin writes "connecting" for a language of their own and sees it previewed', async ({
  page,
}) => {
  test.slow();
  await signIn(page, demoStaff.admin.email);
  await page.goto('/admin/auto-replies');
  await expect(page.getByRole('heading', { name: 'Auto-replies' })).toBeVisible();
  const row = (name: string) => page.getByRole('row').filter({ hasText: name });
  await expect(row('Connected to an agent')).toContainText("Built-in: You're chatting with");
  await expect(row('Directing to an agent')).toContainText('Not sent');

  const language = rareLanguage();
  await page.getByLabel('Customer’s language').fill(language);
  await page.getByRole('button', { name: 'Edit Connected to an agent' }).click();
  const sheet = page.getByRole('dialog', { name: 'Connected to an agent' });
  await expect(sheet).toContainText(`For every department, ${language}.`);
  const text = sheet.getByLabel('Text');
  await text.fill('Sawubona {customer}! ');
  await sheet.getByRole('button', { name: 'Insert {agent}' }).click();
  await text.press('End');
  await text.pressSequentially(' will help you.');
  await expect(text).toHaveValue('Sawubona {customer}! {agent} will help you.');
  const preview = sheet.getByTestId('auto-reply-preview');
  await expect(preview).toHaveText('Sawubona Thandi! Sam will help you.');

  // A placeholder this kind cannot fill is caught before saving.
  await text.fill('We open {opening}');
  await expect(sheet.getByText('{opening} cannot be filled here.', { exact: false })).toBeVisible();
  await text.fill('Sawubona {customer}! {agent} will help you.');
  await shoot(page, 'edit-sheet');
  expect((await new AxeBuilder({ page }).withTags(wcagTags).analyze()).violations).toEqual([]);

  await sheet.getByRole('button', { name: 'Save' }).click();
  await expect(sheet).toHaveCount(0);
  await expect(row('Connected to an agent')).toContainText(
    'Sawubona {customer}! {agent} will help you.',
  );
  await page.reload();
  await page.getByLabel('Customer’s language').fill(language);
  await expect(row('Connected to an agent')).toContainText(
    'Sawubona {customer}! {agent} will help you.',
  );
  await shoot(page, 'list');

  // And back to the built-in text, leaving the shared server as it was.
  await page.getByRole('button', { name: 'Edit Connected to an agent' }).click();
  await sheet.getByRole('button', { name: 'Use the built-in text' }).click();
  await expect(sheet).toHaveCount(0);
  await expect(row('Connected to an agent')).toContainText("Built-in: You're chatting with");
});
