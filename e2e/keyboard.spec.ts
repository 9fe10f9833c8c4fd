import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  becomeAvailable,
  chatRow,
  composer,
  conversation,
  demoStaff,
  expect,
  test,
} from './fixtures.ts';

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });

test.describe('keyboard first', () => {
  test('opening a chat focuses its reply field; f flags, c says why a flagged chat cannot close, ? lists the keys', async ({
    asStaff,
    newCustomer,
  }) => {
    const page = await asStaff(demoStaff.agent1);
    await becomeAvailable(page, demoStaff.agent1);
    const customer = newCustomer();
    await customer.write('Where is my parcel?');

    await chatRow(page, 'Live', customer.name).click();
    const chat = conversation(page, customer.name);
    await expect(composer(page, customer.name)).toBeFocused();

    // While typing, a letter is a letter.
    await page.keyboard.type('f');
    await expect(composer(page, customer.name)).toHaveValue('f');
    await expect(chat.getByRole('button', { name: 'Flag', exact: true })).toBeVisible();

    await page.keyboard.press('Escape');
    await expect(composer(page, customer.name)).not.toBeFocused();
    await page.keyboard.press('f');
    await expect(chat.getByRole('button', { name: 'Unflag', exact: true })).toBeVisible();
    await expect(chat.getByText('Flagged', { exact: true })).toBeVisible();

    await page.keyboard.press('c');
    await expect(chat.getByRole('alert')).toHaveText(
      'A flagged chat cannot be closed. Un-flag it first.',
    );
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.keyboard.press('f');
    await expect(chat.getByRole('button', { name: 'Flag', exact: true })).toBeVisible();
    await page.keyboard.press('c');
    await expect(page.getByRole('dialog', { name: /Close the chat/ })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet).toContainText('Flag or unflag');
    await expect(sheet).toContainText('Open the next unread chat');
    await expect(sheet).toContainText('Command palette');
  });

  test('Ctrl+K finds a customer by name and Enter opens the chat, with the reply field focused', async ({
    asStaff,
    newCustomer,
  }) => {
    const page = await asStaff(demoStaff.agent1);
    await becomeAvailable(page, demoStaff.agent1);
    const customer = newCustomer();
    await customer.write('Hello from the palette test');
    await expect(chatRow(page, 'Live', customer.name)).toBeVisible();

    await page.keyboard.press('Control+k');
    await expect(palette(page)).toBeVisible();
    await page.keyboard.type(customer.name);
    await expect(
      palette(page)
        .getByRole('option', { name: new RegExp(customer.name) })
        .first(),
    ).toBeVisible();
    await page.keyboard.press('Enter');

    await expect(palette(page)).toHaveCount(0);
    await expect(conversation(page, customer.name)).toBeVisible();
    await expect(composer(page, customer.name)).toBeFocused();
  });

  test('the palette jumps to a view, lists the open chat’s actions and has no axe violations', async ({
    asStaff,
    newCustomer,
  }) => {
    const page = await asStaff(demoStaff.agent1);
    await becomeAvailable(page, demoStaff.agent1);
    const customer = newCustomer();
    await customer.write('Palette actions, please');
    await chatRow(page, 'Live', customer.name).click();
    await expect(composer(page, customer.name)).toBeFocused();

    // Ctrl+K works from inside the reply field too.
    await page.keyboard.press('Control+k');
    await expect(palette(page)).toBeVisible();
    await expect(palette(page).getByRole('combobox')).toBeFocused();
    await expect(palette(page).getByRole('option', { name: /Flag/ })).toBeVisible();
    await expect(palette(page).getByRole('option', { name: /Transfer/ })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join()}`),
    ).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('palette-1280.png') });

    // Esc closes and gives the focus back.
    await page.keyboard.press('Escape');
    await expect(palette(page)).toHaveCount(0);
    await expect(composer(page, customer.name)).toBeFocused();

    await page.keyboard.press('Control+k');
    await page.keyboard.type('tagged');
    await expect(palette(page).getByRole('option', { name: /Tagged/ })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Tagged' })).toBeVisible();
  });
});
