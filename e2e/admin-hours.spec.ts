import AxeBuilder from '@axe-core/playwright';
import { demoStaff, expect, signIn, test, unique } from './fixtures.ts';

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/*
 * Business hours on a department of the test's own: the other specs expect Support to answer
 * around the clock, so it is never changed here.
 */
test.describe('business hours in the Admin area', () => {
  test('the admin sets a department’s week and a holiday; the list shows them', async ({
    page,
  }, testInfo) => {
    test.slow();
    await signIn(page, demoStaff.admin.email);
    await page.goto('/admin/departments');
    const department = unique('Night desk');
    await page.getByRole('button', { name: 'New department' }).click();
    const create = page.getByRole('dialog', { name: 'New department' });
    await create.getByLabel('Name').fill(department);
    await create.getByRole('button', { name: 'Create department' }).click();
    await expect(create).toHaveCount(0);

    await page
      .getByRole('navigation', { name: 'Admin pages' })
      .getByRole('link', { name: 'Business hours' })
      .click();
    const row = page.getByRole('row', { name: new RegExp(department.replace(/[()]/g, '\\$&')) });
    await expect(row).toContainText('Always open');
    await expect(row).toContainText('Not set');
    await expect(page.getByRole('row', { name: /^Support\b/ })).toContainText('Always open');

    await page.getByRole('button', { name: `Edit hours of ${department}` }).click();
    const sheet = page.getByRole('dialog', { name: `Hours of ${department}` });
    await sheet.getByLabel('Time zone').selectOption('Africa/Johannesburg');
    await sheet.getByRole('switch', { name: 'Open around the clock' }).click();

    // An overlapping range is refused before anything is sent.
    await sheet.getByRole('button', { name: 'Add a range on Monday' }).click();
    await sheet.getByRole('textbox', { name: 'Monday range 2 opens' }).fill('16:00');
    await sheet.getByRole('textbox', { name: 'Monday range 2 closes' }).fill('20:00');
    await sheet.getByRole('button', { name: 'Save hours' }).click();
    await expect(sheet.getByText('Overlaps 09:00–17:00 on the same day.')).toBeVisible();
    await expect(sheet.getByRole('textbox', { name: 'Monday range 2 opens' })).toBeFocused();
    await sheet.getByRole('textbox', { name: 'Monday range 2 opens' }).fill('18:00');
    await sheet.getByRole('button', { name: 'Copy Monday to weekdays' }).click();
    await expect(sheet.getByRole('textbox', { name: 'Friday range 2 closes' })).toHaveValue(
      '20:00',
    );

    await sheet.getByRole('button', { name: 'Add holiday' }).click();
    await sheet.getByLabel('Holiday 1 date').fill('2026-12-25');
    await sheet.getByLabel('Holiday 1 name').fill('Christmas Day');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: testInfo.outputPath('hours-sheet-1280.png') });
    expect((await new AxeBuilder({ page }).withTags(wcagTags).analyze()).violations).toEqual([]);
    await sheet.getByRole('button', { name: 'Save hours' }).click();
    await expect(sheet).toHaveCount(0);

    await expect(row).toContainText('Mon–Fri 09:00–17:00, 18:00–20:00');
    await expect(row).toContainText('1 holiday');
    await expect(row).toContainText('Africa/Johannesburg');
    await expect(row).toContainText(/Open now · closes \S+|Closed · opens \S+/);
    await page.screenshot({ path: testInfo.outputPath('hours-list-1280.png') });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: testInfo.outputPath('hours-list-1024.png') });

    // It is kept: a reload reads it back from the server.
    await page.reload();
    await expect(row).toContainText('Mon–Fri 09:00–17:00, 18:00–20:00');
    await page.getByRole('button', { name: `Edit hours of ${department}` }).click();
    await expect(sheet.getByLabel('Time zone')).toHaveValue('Africa/Johannesburg');
    await expect(sheet.getByLabel('Holiday 1 name')).toHaveValue('Christmas Day');
    await page.screenshot({ path: testInfo.outputPath('hours-sheet-1024.png') });
  });

  test('a supervisor reads the hours with editing disabled', async ({ page }) => {
    await signIn(page, demoStaff.supervisor.email);
    await page.goto('/admin/business-hours');
    await expect(page.getByRole('row', { name: /^Support\b/ })).toContainText('Always open');
    await expect(page.getByRole('button', { name: 'Edit hours of Support' })).toBeDisabled();
    expect((await new AxeBuilder({ page }).withTags(wcagTags).analyze()).violations).toEqual([]);
  });
});
