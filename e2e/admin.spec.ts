import AxeBuilder from '@axe-core/playwright';
import { demoStaff, expect, signIn, test, unique } from './fixtures.ts';

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

test.describe('the Admin area', () => {
  test('the admin creates a department and a wrap-up tag and changes a setting', async ({
    page,
  }) => {
    // It walks through four pages and reloads one, each a round of requests on a shared server.
    test.slow();
    await signIn(page, demoStaff.admin.email);
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('link', { name: 'Admin' })
      .click();
    const pages = page.getByRole('navigation', { name: 'Admin pages' });
    await expect(page).toHaveURL(/\/admin\/departments$/);

    // Departments: create one in the side sheet; it joins the table.
    const department = unique('Returns');
    await page.getByRole('button', { name: 'New department' }).click();
    const sheet = page.getByRole('dialog', { name: 'New department' });
    await sheet.getByLabel('Name').fill(department);
    await sheet.getByRole('button', { name: 'Create department' }).click();
    await expect(sheet).toHaveCount(0);
    await expect(page.getByRole('rowheader', { name: department })).toBeVisible();

    // Wrap-up tags: add one inline.
    await pages.getByRole('link', { name: 'Wrap-up tags' }).click();
    const tag = unique('Refund');
    await page.getByLabel('New tag').fill(tag);
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect(page.getByRole('rowheader', { name: tag })).toBeVisible();
    await expect(page.getByLabel('New tag')).toHaveValue('');

    // Settings: out of range is caught before submit; a valid value saves.
    await pages.getByRole('link', { name: 'Settings' }).click();
    const offer = page.getByLabel('Transfer offer stays open for');
    const before = await offer.inputValue();
    const save = page.getByRole('button', { name: 'Save settings' });
    await expect(save).toBeDisabled();
    await offer.fill('500');
    await expect(page.getByText('Must be a whole number from 1 to 120.')).toBeVisible();
    const changed = before === '25' ? '26' : '25';
    await offer.fill(changed);
    await save.click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await expect(save).toBeDisabled();

    await page.reload();
    await expect(page.getByLabel('Transfer offer stays open for')).toHaveValue(changed);

    // The audit log has recorded all three.
    await pages.getByRole('link', { name: 'Audit log' }).click();
    const log = page.getByRole('table');
    await expect(log.getByText(department).first()).toBeVisible();
    await expect(log.getByText(tag).first()).toBeVisible();
    await expect(log.getByText('changed the settings').first()).toBeVisible();

    // Leave the shared server's settings as they were for the tests after this one.
    await pages.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Transfer offer stays open for').fill(before);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  });

  test('a supervisor reads departments and settings with changes disabled, and axe finds nothing', async ({
    page,
  }) => {
    test.slow();
    await signIn(page, demoStaff.supervisor.email);
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('link', { name: 'Admin' })
      .click();
    const pages = page.getByRole('navigation', { name: 'Admin pages' });
    await expect(pages.getByRole('link')).toHaveText([
      'Departments',
      'Channels',
      'Settings',
      'Business hours',
      'Auto-replies',
    ]);

    await expect(page.getByRole('rowheader', { name: 'Support' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'New department' })).toBeDisabled();
    await page.getByRole('button', { name: 'Edit Support' }).locator('..').focus();
    await expect(page.getByRole('tooltip')).toHaveText('Only admins can change this');
    expect((await new AxeBuilder({ page }).withTags(wcagTags).analyze()).violations).toEqual([]);

    await pages.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByLabel('Agent reply timeout')).toBeDisabled();
    expect((await new AxeBuilder({ page }).withTags(wcagTags).analyze()).violations).toEqual([]);

    await pages.getByRole('link', { name: 'Channels' }).click();
    await expect(page.getByRole('rowheader', { name: /Demo web chat/ })).toBeVisible();
    await expect(
      page.getByRole('button', { name: 'Rotate a secret of Demo web chat' }),
    ).toBeDisabled();
    expect((await new AxeBuilder({ page }).withTags(wcagTags).analyze()).violations).toEqual([]);
  });
});
