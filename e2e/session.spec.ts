import { randomUUID } from 'node:crypto';
import { demoStaff, expect, signIn, test } from './fixtures.ts';

const rejected = 'Email or password is incorrect.';

test.describe('signing in and out', () => {
  test('a wrong password shows the error under the form and stays on the sign-in page', async ({
    page,
  }) => {
    // One failed attempt only: admin.spec.ts signs in as the admin too, and one failure holds nobody.
    await page.goto('/');
    await page.getByLabel('Email').fill(demoStaff.admin.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByRole('alert')).toHaveText(rejected);
    await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('heading', { name: 'Sign in to your desk' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Views' })).toHaveCount(0);
    expect((await page.request.get('/api/me')).status()).toBe(401);
  });

  test('an unknown email gets the same answer as a wrong password', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Email').fill(`nobody-${randomUUID()}@example.test`);
    await page.getByLabel('Password').fill('demo-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByRole('alert')).toHaveText(rejected);
    await expect(page.getByRole('heading', { name: 'Sign in to your desk' })).toBeVisible();
  });

  test('an agent signs in and sees their desk', async ({ page }) => {
    await signIn(page, demoStaff.agent1.email);

    await expect(page.getByRole('heading', { level: 1, name: 'Live' })).toBeVisible();
    await expect(page).toHaveURL(/\/live$/);
    const views = page.getByRole('navigation', { name: 'Views' });
    for (const view of ['Live', 'Pending', 'Tagged', 'Closed', 'Tickets']) {
      await expect(views.getByRole('link', { name: view })).toBeVisible();
    }
    await expect(page.getByRole('region', { name: 'You' })).toContainText(demoStaff.agent1.name);
    await expect(page.getByRole('heading', { name: 'Sign in to your desk' })).toHaveCount(0);
  });

  test('signing out returns to the sign-in page, and a reload stays signed out', async ({
    page,
  }) => {
    await signIn(page, demoStaff.agent1.email);
    expect((await page.request.get('/api/me')).status()).toBe(200);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to your desk' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in to your desk' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Views' })).toHaveCount(0);
    const me = await page.request.get('/api/me');
    expect(me.status()).toBe(401);
  });

  test('only supervisors see the Supervisor view', async ({ asStaff }) => {
    const agent = await asStaff(demoStaff.agent1);
    const supervisor = await asStaff(demoStaff.supervisor);

    const agentViews = agent.getByRole('navigation', { name: 'Views' });
    await expect(agentViews.getByRole('link', { name: 'Tickets' })).toBeVisible();
    await expect(agentViews.getByRole('link', { name: 'Supervisor' })).toHaveCount(0);

    const supervisorViews = supervisor.getByRole('navigation', { name: 'Views' });
    await supervisorViews.getByRole('link', { name: 'Supervisor' }).click();
    await expect(
      supervisor.getByRole('heading', { level: 1, name: 'Supervisor desk' }),
    ).toBeVisible();

    // Typing the address does not open it for an agent either: the desk falls back to Live.
    await agent.goto('/supervisor');
    await expect(agent.getByRole('heading', { level: 1, name: 'Live' })).toBeVisible();
    await expect(agent).toHaveURL(/\/live$/);
  });
});
