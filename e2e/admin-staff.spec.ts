import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { demoStaff, expect, setAvailable, signIn, test } from './fixtures.ts';

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axeViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(wcagTags).analyze()).violations;

test.describe('the Staff page', () => {
  test('an admin adds an agent who sets a password and signs in; deactivating them signs them out', async ({
    page,
    browser,
  }) => {
    // Two browsers, a password hash per step and a sign-out that travels over the socket.
    test.slow();
    const id = randomUUID().slice(0, 8);
    const name = `Nomsa Dlamini ${id}`;
    const email = `nomsa.${id}@example.com`;
    const password = `correct horse ${id}`;

    // The admin creates the agent in Support and reads the one-time link from the dialog.
    await signIn(page, demoStaff.admin.email);
    await page.goto('/admin/staff');
    await page.getByRole('button', { name: 'New staff member' }).click();
    const sheet = page.getByRole('dialog', { name: 'New staff member' });
    await sheet.getByLabel('Name').fill(name);
    await sheet.getByLabel('Email').fill(email);
    await sheet.getByLabel('Role').selectOption('agent');
    await sheet.getByRole('checkbox', { name: 'Support' }).check();
    await sheet.getByRole('button', { name: 'Create staff member' }).click();
    const dialog = page.getByRole('dialog', { name: `${name} can now set a password` });
    await expect(dialog.getByText(/Valid 72 hours, usable once/)).toBeVisible();
    const link = await dialog.getByLabel('Set-password link').inputValue();
    expect(await axeViolations(page)).toEqual([]);
    expect(link).toMatch(/\/set-password\/[\w-]+$/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row.getByText('Offline')).toBeVisible();

    // In a browser of their own, the agent opens the link and chooses a password.
    const agentContext = await browser.newContext();
    const agent = await agentContext.newPage();
    await agent.goto(new URL(link).pathname);
    await expect(agent.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
    await expect(agent.getByText('At least 10 characters.', { exact: false })).toBeVisible();
    expect(await axeViolations(agent)).toEqual([]);
    await agent.getByLabel('New password').fill(password);
    await agent.getByLabel('Repeat the password').fill(password);
    await agent.getByRole('button', { name: 'Set password' }).click();
    await expect(agent.getByRole('heading', { name: 'Your password is set' })).toBeVisible();
    await agent.getByRole('button', { name: 'Sign in' }).click();

    // The sign-in page has their email; they sign in and go available.
    await expect(agent.getByRole('heading', { name: 'Sign in to your desk' })).toBeVisible();
    await expect(agent.getByLabel('Email')).toHaveValue(email);
    await agent.getByLabel('Password').fill(password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await expect(agent.getByRole('navigation', { name: 'Views' })).toBeVisible();
    await setAvailable(agent, true);

    // The link worked once: opened again, it says to ask for a new one.
    const again = await agentContext.newPage();
    await again.goto(new URL(link).pathname);
    await expect(again.getByRole('alert')).toContainText('Ask an admin for a new one');
    await again.close();

    // The admin deactivates them; their open desk falls back to the sign-in page by itself.
    await page.reload();
    await expect(row.getByText('Available')).toBeVisible({ timeout: 10_000 });
    await page.getByRole('button', { name: `Deactivate ${name}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Deactivate ${name}?` });
    await expect(confirm).toContainText('signed out everywhere');
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await expect(confirm).toHaveCount(0);
    await expect(row.getByText('Deactivated')).toBeVisible();
    await expect(agent.getByRole('heading', { name: 'Sign in to your desk' })).toBeVisible({
      timeout: 8_000,
    });

    // Their password no longer opens the desk.
    await agent.getByLabel('Email').fill(email);
    await agent.getByLabel('Password').fill(password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await expect(agent.getByRole('alert')).not.toBeEmpty();
    await expect(agent.getByRole('navigation', { name: 'Views' })).toHaveCount(0);
    await agentContext.close();
  });

  test('the controls that would be refused say why on your own row, and axe finds nothing', async ({
    page,
  }) => {
    await signIn(page, demoStaff.admin.email);
    await page.goto('/admin/staff');
    const own = page.getByRole('button', { name: `Deactivate ${demoStaff.admin.name}` });
    await expect(own).toBeDisabled();
    await own.locator('..').focus();
    await expect(page.getByRole('tooltip')).toHaveText('You cannot deactivate yourself');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: `Edit ${demoStaff.admin.name}` }).click();
    const sheet = page.getByRole('dialog', { name: `Edit ${demoStaff.admin.name}` });
    await expect(sheet.getByLabel('Role')).toBeDisabled();
    await expect(sheet.getByText('You cannot change your own role.')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
});
