import { test as base, expect } from '@playwright/test';
import type { APIRequestContext, BrowserContext, Locator, Page } from '@playwright/test';
import { demoPassword, demoStaff } from './demo.ts';
import type { DemoPerson } from './demo.ts';

export { demoPassword, demoStaff, expect };
export type { DemoPerson };

/** Signs in through the sign-in page and waits until the desk is showing. */
export async function signIn(page: Page, email: string, password = demoPassword) {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to your desk' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
}

export const availabilitySwitch = (page: Page): Locator =>
  page.getByRole('switch', { name: 'Available' });

/** Resolves with the answer to the next availability change this page sends. */
export const nextAvailabilitySave = (page: Page) =>
  page.waitForResponse(
    (response) =>
      response.url().endsWith('/api/me/availability') && response.request().method() === 'PUT',
  );

/** Sets one's own availability through the switch and waits for the server to confirm it. */
export async function setAvailable(page: Page, available: boolean) {
  const toggle = availabilitySwitch(page);
  await expect(toggle).not.toHaveAttribute('aria-busy');
  if ((await toggle.isChecked()) !== available) {
    const saved = nextAvailabilitySave(page);
    // Not setChecked: the switch re-renders a tick after the click (the mutation's state reaches
    // React asynchronously), and setChecked reads the state right after clicking.
    await toggle.click();
    expect((await saved).status()).toBe(200);
  }
  await expect(toggle).not.toHaveAttribute('aria-busy');
  await expect(toggle).toBeChecked({ checked: available });
}

/** A colleague's entry in the sidebar's Team list, e.g. "Lerato Mokoena, Available". */
export const teammate = (page: Page, name: string, status: 'Available' | 'Away' | 'Offline') =>
  page
    .getByRole('list', { name: 'Team' })
    .getByRole('listitem', { name: `${name}, ${status}`, exact: true });

/** Signs in through the API; the returned context carries the session cookie. */
export async function signInByApi(request: APIRequestContext, person: DemoPerson) {
  const response = await request.post('/api/session', {
    data: { email: person.email, password: demoPassword },
  });
  expect(response.status()).toBe(200);
}

type Fixtures = {
  /** Signs a person in, in a browser context of their own (closed after the test). */
  asStaff: (person: DemoPerson) => Promise<Page>;
};

export const test = base.extend<Fixtures>({
  asStaff: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (person) => {
      const context = await browser.newContext({ baseURL });
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, person.email);
      return page;
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});
