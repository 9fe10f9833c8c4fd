import AxeBuilder from '@axe-core/playwright';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  becomeAvailable,
  chatRow,
  conversation,
  demoStaff,
  expect,
  messages,
  test,
} from './fixtures.ts';

/** A made-up word only this run's message holds. */
const rareWord = () =>
  `parcel${[...randomBytes(5)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;

test.describe('search', () => {
  test('an agent presses /, finds a word from a message and opens the chat at that message', async ({
    asStaff,
    newCustomer,
  }) => {
    const page = await asStaff(demoStaff.agent1);
    await becomeAvailable(page, demoStaff.agent1);
    const customer = newCustomer();
    const word = rareWord();
    await customer.write(`Hello, my order ${word} has not arrived yet.`);
    // Enough later messages that the one found starts out of view.
    for (let i = 1; i <= 24; i++) await customer.write(`Follow-up number ${i}: still waiting.`);
    await expect(chatRow(page, 'Live', customer.name)).toBeVisible();

    await page.getByRole('heading', { level: 1, name: 'Live' }).click();
    await page.keyboard.press('/');
    const dialog = page.getByRole('dialog', { name: 'Search' });
    await expect(dialog).toBeVisible();
    const box = dialog.getByRole('combobox', { name: 'Search' });
    await expect(box).toBeFocused();
    await box.fill(word);
    const result = dialog.getByRole('option', { name: new RegExp(word) });
    await expect(result).toBeVisible();
    await expect(result.locator('mark')).toHaveText(word);
    await expect(result).toHaveAttribute('aria-selected', 'true');
    expect(
      (await new AxeBuilder({ page }).include('[role="dialog"]').analyze()).violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);

    for (const width of [1024, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: test.info().outputPath(`search-${width}.png`) });
    }
    // SEARCH_SCREENSHOT=1 refreshes the README's picture (at 1280 px).
    if (process.env.SEARCH_SCREENSHOT)
      await page.screenshot({
        path: fileURLToPath(new URL('../docs/search.png', import.meta.url)),
      });

    await box.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/live\/[0-9a-f-]+\?message=[0-9a-f-]+$/);
    await expect(conversation(page, customer.name)).toBeVisible();
    const found = messages(page, customer.name).locator('[aria-current="true"]');
    await expect(found).toHaveCount(1);
    await expect(found).toContainText(word);
    await expect(found).toBeInViewport();
    await page.screenshot({ path: test.info().outputPath('search-opened.png') });
  });

  test('finds a customer by a number typed nationally', async ({ asStaff, newCustomer }) => {
    const page = await asStaff(demoStaff.agent1);
    await becomeAvailable(page, demoStaff.agent1);
    const customer = newCustomer();
    await customer.write('Hi there');
    await expect(chatRow(page, 'Live', customer.name)).toBeVisible();
    await page.getByRole('heading', { level: 1, name: 'Live' }).click();
    await page.keyboard.press('/');
    const dialog = page.getByRole('dialog', { name: 'Search' });
    await dialog.getByRole('tab', { name: 'Customers' }).click();
    const spaced = `${customer.phone.slice(0, 3)} ${customer.phone.slice(3, 6)} ${customer.phone.slice(6)}`;
    await dialog.getByRole('combobox', { name: 'Search' }).fill(spaced);
    const result = dialog.getByRole('option', { name: new RegExp(customer.name) });
    await expect(result).toBeVisible();
    await result.click();
    await expect(conversation(page, customer.name)).toBeVisible();
  });
});
