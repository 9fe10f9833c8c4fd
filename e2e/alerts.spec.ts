import type { Browser, BrowserContext, Page } from '@playwright/test';
import {
  becomeAvailable,
  chatRow,
  demoStaff,
  expect,
  signIn,
  test,
  unique,
  view,
  watchCsp,
} from './fixtures.ts';

// Never miss a customer: what needs the agent rings (a desktop notification while the tab is
// hidden, a count in the title) until it is read, and what they read follows them to any browser.

const lerato = demoStaff.agent1;

type Recorded = { title: string; body: string };

/**
 * A browser where notifications are allowed, every `new Notification(...)` is recorded, and the
 * test decides whether the tab counts as hidden (headless tabs are always "visible").
 */
async function alertingContext(browser: Browser, baseURL: string | undefined, csp: string[]) {
  const context = await browser.newContext({ baseURL });
  await watchCsp(context, csp);
  await context.grantPermissions(['notifications']);
  await context.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    const created: { onclick: (() => void) | null }[] = [];
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body ?? '' });
        created.push(this);
      }
      close() {}
    }
    let hidden = false;
    Object.defineProperty(window, 'Notification', { value: RecordingNotification });
    Object.defineProperty(document, 'visibilityState', {
      get: () => (hidden ? 'hidden' : 'visible'),
    });
    Object.defineProperty(document, 'hidden', { get: () => hidden });
    Object.assign(window, {
      shownNotifications: shown,
      clickLastNotification: () => created.at(-1)?.onclick?.(),
      setTabHidden: (value: boolean) => {
        hidden = value;
        document.dispatchEvent(new Event('visibilitychange'));
      },
    });
  });
  return context;
}

type AlertWindow = {
  shownNotifications: Recorded[];
  clickLastNotification(): void;
  setTabHidden(hidden: boolean): void;
};

const shown = (page: Page) =>
  page.evaluate(() => (window as unknown as AlertWindow).shownNotifications.map((n) => n.title));
const setHidden = (page: Page, hidden: boolean) =>
  page.evaluate((value) => (window as unknown as AlertWindow).setTabHidden(value), hidden);

async function deskOf(context: BrowserContext) {
  const page = await context.newPage();
  await signIn(page, lerato.email);
  return page;
}

async function setReplies(page: Page, on: boolean) {
  await page.getByRole('button', { name: 'Alerts' }).click();
  const dialog = page.getByRole('dialog', { name: 'Alerts' });
  const toggle = dialog.getByRole('switch', { name: 'Customer replies' });
  await expect(toggle).toHaveAttribute('data-state', /checked|unchecked/);
  if ((await toggle.getAttribute('aria-checked')) !== String(on)) {
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/me/preferences') && r.request().method() === 'PUT',
    );
    await toggle.click();
    expect((await saved).status()).toBe(200);
  }
  await expect(toggle).toHaveAttribute('aria-checked', String(on));
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
}

test('a customer writing while the desk is hidden rings, counts in the title, and clears once read', async ({
  browser,
  baseURL,
  cspViolations,
  newCustomer,
}) => {
  const context = await alertingContext(browser, baseURL, cspViolations);
  const second = await alertingContext(browser, baseURL, cspViolations);
  try {
    const desk = await deskOf(context);
    await becomeAvailable(desk, lerato);
    await expect(desk).toHaveTitle(/^Live · Parley$/);

    // A new chat routed to me while the tab is in the background.
    await setHidden(desk, true);
    const customer = newCustomer();
    const { chatId } = await customer.write(unique('Hello, is anyone there?'));
    await expect.poll(() => shown(desk)).toContain(`${customer.name} started a chat`);
    await expect(desk).toHaveTitle(/^\(1\) Live · Parley$/);
    const row = chatRow(desk, 'Live', customer.name);
    await expect(row).toHaveAccessibleName(new RegExp(`^${customer.name}, new,`));

    // Clicking the notification brings the desk back on that chat; looking at it reads it.
    await desk.evaluate(() => (window as unknown as AlertWindow).clickLastNotification());
    await expect(desk).toHaveURL(new RegExp(`/live/${chatId}$`));
    await setHidden(desk, false);
    await expect(desk).toHaveTitle(/^Live · Parley$/);

    // Back on the list, the customer writes again: the chat is unread and counts.
    await view(desk, 'Live').click();
    await expect(desk).toHaveURL(/\/live$/);
    await customer.write(unique('Still waiting on my refund'));
    await expect(row).toHaveAccessibleName(new RegExp(`^${customer.name}, unread,`));
    await expect(desk).toHaveTitle(/^\(1\) Live · Parley$/);

    // What I read is the server's: a reload and another browser show the same marker.
    await desk.reload();
    await expect(row).toHaveAccessibleName(new RegExp(`^${customer.name}, unread,`));
    const elsewhere = await deskOf(second);
    const rowElsewhere = chatRow(elsewhere, 'Live', customer.name);
    await expect(rowElsewhere).toHaveAccessibleName(new RegExp(`^${customer.name}, unread,`));

    // Read in the second browser: the first one's marker clears at once.
    await rowElsewhere.click();
    await expect(elsewhere).toHaveURL(new RegExp(`/live/${chatId}$`));
    await expect(row).toHaveAccessibleName(new RegExp(`^${customer.name}, (?!unread|new)`));

    // The second browser stops looking, so only the first one's switches count from here.
    await second.close();

    // Customer replies switched off: the next one marks the row, but nothing rings.
    await setReplies(desk, false);
    try {
      await setHidden(desk, true);
      const before = (await shown(desk)).length;
      await customer.write(unique('Hello again'));
      await expect(row).toHaveAccessibleName(new RegExp(`^${customer.name}, unread,`));
      expect(await shown(desk)).toHaveLength(before);
      await expect(desk).toHaveTitle(/^Live · Parley$/);
      await setHidden(desk, false);
    } finally {
      await setReplies(desk, true);
    }
  } finally {
    await context.close();
    await second.close();
  }
});
