import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  availabilitySwitch,
  becomeAvailable,
  chatRow,
  conversation,
  demoStaff,
  expect,
  nextAvailabilitySave,
  setAvailable,
  teammate,
  test,
} from './fixtures.ts';

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Violations as short lines, so a failure names the rule and the elements at once. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'unknown'}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

test.describe('accessibility', () => {
  test('the sign-in page has no axe violations', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Sign in to your desk' })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });

  test('the signed-in desk has no axe violations', async ({ asStaff }) => {
    // A colleague available, so the Team list shows more than the "Offline" style.
    const colleague = await asStaff(demoStaff.agent2);
    await setAvailable(colleague, true);
    const page = await asStaff(demoStaff.supervisor);
    await expect(page.getByRole('heading', { level: 1, name: 'Live' })).toBeVisible();
    await expect(teammate(page, demoStaff.agent2.name, 'Available')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });

  test('the supervisor desk has no axe violations', async ({ asStaff }) => {
    const page = await asStaff(demoStaff.supervisor);
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('link', { name: 'Supervisor' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Supervisor desk' })).toBeVisible();
    // Loaded: the department tiles and the team stand beside the chats or their empty state.
    await expect(page.getByRole('list', { name: 'Departments' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Team load' })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });

  test('an open chat and each tab of its panel have no axe violations, best practices too', async ({
    asStaff,
    newCustomer,
  }) => {
    const page = await asStaff(demoStaff.agent1);
    await becomeAvailable(page, demoStaff.agent1);
    const customer = newCustomer();
    await customer.write('Hello, is anyone there?');
    await chatRow(page, 'Live', customer.name).click();
    await expect(conversation(page, customer.name)).toBeVisible();
    const panel = page.getByRole('complementary', { name: 'Customer context' });
    for (const name of ['Profile', 'Notes', 'History', 'Comments']) {
      await panel.getByRole('tab', { name, exact: true }).click();
      await expect(panel.getByRole('tab', { name, exact: true })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      // Every rule axe has, not only the WCAG ones: aria-allowed-role is a best practice.
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.map((v) => `${name}: ${v.id} ${v.nodes.map((n) => n.target).join()}`),
      ).toEqual([]);
    }
  });

  test('? opens the keyboard shortcuts and Esc closes them', async ({ asStaff }) => {
    const page = await asStaff(demoStaff.supervisor);
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toHaveCount(0);

    await page.keyboard.press('?');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Single-key shortcuts');

    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });

  test('keys 1 to 4 switch the context panel tabs', async ({ asStaff }) => {
    const page = await asStaff(demoStaff.supervisor);
    const tabs = page.getByRole('tablist', { name: 'Customer context' });
    await expect(tabs.getByRole('tab', { name: 'Profile' })).toHaveAttribute(
      'aria-selected',
      'true',
    );

    for (const [key, name] of [
      ['2', 'Notes'],
      ['3', 'History'],
      ['4', 'Comments'],
      ['1', 'Profile'],
    ] as const) {
      await page.keyboard.press(key);
      await expect(tabs.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
      await expect(tabs.getByRole('tab', { selected: true })).toHaveCount(1);
      await expect(page.getByRole('tabpanel', { name })).toBeVisible();
    }
  });

  test('the Available switch is reachable with Tab and toggled with Space', async ({ asStaff }) => {
    const page = await asStaff(demoStaff.supervisor);
    await setAvailable(page, false);
    const toggle = availabilitySwitch(page);

    // Tab from the top of the page, as someone without a mouse would.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let presses = 0;
    while (!(await toggle.evaluate((el) => el === document.activeElement)) && presses < 40) {
      await page.keyboard.press('Tab');
      presses += 1;
    }
    await expect(toggle).toBeFocused();

    let saved = nextAvailabilitySave(page);
    await page.keyboard.press('Space');
    expect((await saved).status()).toBe(200);
    await expect(toggle).not.toHaveAttribute('aria-busy');
    await expect(toggle).toBeChecked();
    await expect(toggle).toBeFocused();

    saved = nextAvailabilitySave(page);
    await page.keyboard.press('Space');
    expect((await saved).status()).toBe(200);
    await expect(toggle).not.toHaveAttribute('aria-busy');
    await expect(toggle).toBeChecked({ checked: false });
  });
});
