import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import {
  becomeAvailable,
  chatRow,
  composer,
  demoStaff,
  demoWebhook,
  expect,
  fakeProviderURL,
  messages,
  providerReplies,
  signInByApi,
  test as base,
  unique,
  uniqueCustomer,
  watchCsp,
} from './fixtures.ts';

// Both sides feel the other: the desk and the widget see each other typing, the widget's reading
// shows as Seen in the desk, a reply the channel refused shows in red with a Retry that sends it
// once, and the widget's first load logs nothing in the console.

const lerato = demoStaff.agent1;
const shots = path.resolve(import.meta.dirname, '../.tmp/shots');

const test = base.extend<{ widget: Page; consoleErrors: string[]; admin: APIRequestContext }>({
  consoleErrors: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture uses from this pattern
    async ({}, use) => {
      await use([]);
    },
    { scope: 'test' },
  ],
  /** A visitor's phone (390 px wide, no session yet) on the demo web chat, its console watched. */
  widget: async ({ browser, baseURL, cspViolations, consoleErrors }, use) => {
    const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 780 } });
    await watchCsp(context, cspViolations);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto('/chat/demo-webchat');
    await use(page);
    await context.close();
  },
  admin: async ({ playwright, baseURL }, use) => {
    const request = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Origin: baseURL ?? '' },
    });
    await signInByApi(request, demoStaff.admin);
    await use(request);
    await request.dispose();
  },
});

test.beforeAll(() => mkdirSync(shots, { recursive: true }));

test('the desk and the widget see each other type, and the desk sees what was seen', async ({
  widget,
  consoleErrors,
  asStaff,
  openChats,
}) => {
  // The first load, without a session: the form, and nothing failed on the way.
  await expect(widget.getByRole('textbox', { name: 'Your phone number' })).toBeVisible();
  await expect(widget.getByText('You’re chatting with a person from our team')).toBeVisible();
  await widget.waitForLoadState('networkidle');
  expect(consoleErrors).toEqual([]);

  const desk = await asStaff(lerato);
  await desk.setViewportSize({ width: 1280, height: 800 });
  await becomeAvailable(desk, lerato);
  const customer = uniqueCustomer();
  await widget.getByRole('textbox', { name: 'Your phone number' }).fill(customer.phone);
  await widget.getByRole('textbox', { name: 'Your name' }).fill(customer.name);
  await widget.getByRole('button', { name: 'Start chat' }).click();
  const box = widget.getByRole('textbox', { name: 'Message' });
  const question = unique('Is the blue kettle back?');
  await box.fill(question);
  await box.press('Enter');
  await expect(box).toHaveValue('');

  await chatRow(desk, 'Live', customer.name).click();
  await expect(desk).toHaveURL(/\/live\/[0-9a-f-]{36}$/);
  openChats.add(desk.url().split('/').at(-1) ?? '');
  const log = messages(desk, customer.name);
  await expect(log.getByText(question, { exact: true })).toBeVisible();

  // The visitor types: the desk sees it under the conversation.
  await box.pressSequentially('Also, do you');
  const deskTyping = desk.locator('.conversation__typing');
  await expect(deskTyping).toHaveText(`${customer.name} is typing…`);
  await desk.screenshot({ path: path.join(shots, 'typing-desk-1280.png') });

  // The agent types: the widget sees her first name.
  await composer(desk, customer.name).pressSequentially('Yes, it');
  const widgetTyping = widget.locator('.widget-typing');
  await expect(widgetTyping).toHaveText('Lerato is typing…');
  await widget.screenshot({ path: path.join(shots, 'typing-widget-390.png') });

  // Her message arrives: the indicator goes, and the visitor's widget (focused) marks it seen.
  const reply = unique('Yes, it arrived this morning.');
  await composer(desk, customer.name).fill(reply);
  await composer(desk, customer.name).press('Enter');
  await expect(widget.getByText(reply, { exact: true })).toBeVisible();
  await expect(widgetTyping).toHaveText('');
  const bubble = log.getByRole('listitem').filter({ hasText: reply });
  await expect(bubble.getByRole('img', { name: 'Seen' })).toBeVisible({ timeout: 10_000 });
  // Seen is stored: it survives a reload of the desk.
  await desk.reload();
  await expect(
    messages(desk, customer.name)
      .getByRole('listitem')
      .filter({ hasText: reply })
      .getByRole('img', { name: 'Seen' }),
  ).toBeVisible();
  await desk.screenshot({ path: path.join(shots, 'seen-desk-1280.png') });
  expect(consoleErrors).toEqual([]);
});

test('a reply the channel refused shows in red with its reason, and Retry sends it once', async ({
  asStaff,
  admin,
  newCustomer,
  request,
}) => {
  const desk = await asStaff(lerato);
  await desk.setViewportSize({ width: 1280, height: 800 });
  await becomeAvailable(desk, lerato);
  const customer = newCustomer();
  await customer.write(unique('Where is my parcel?'));
  await chatRow(desk, 'Live', customer.name).click();
  await expect(desk).toHaveURL(/\/live\/[0-9a-f-]{36}$/);

  // The provider refuses the reply: the channel's address answers 404.
  const point = (url: string) =>
    admin.patch(`/api/admin/channels/${demoWebhook.id}`, { data: { outboundUrl: url } });
  expect((await point(`${fakeProviderURL}/refuses`)).status()).toBe(200);
  const reply = unique('It left our warehouse today.');
  try {
    await composer(desk, customer.name).fill(reply);
    await composer(desk, customer.name).press('Enter');
    const bubble = messages(desk, customer.name).getByRole('listitem').filter({ hasText: reply });
    await expect(bubble.getByText(/Not delivered: .*404/)).toBeVisible({ timeout: 15_000 });
    await expect(bubble.locator('.delivery--failed')).toHaveCSS('color', /rgb\(/);
    await desk.screenshot({ path: path.join(shots, 'failed-desk-1280.png') });
  } finally {
    expect((await point(`${fakeProviderURL}/webhook`)).status()).toBe(200);
  }

  // The provider is back: Retry (clicked twice) sends it once.
  const bubble = messages(desk, customer.name).getByRole('listitem').filter({ hasText: reply });
  const retry = bubble.getByRole('button', { name: 'Retry' });
  await retry.dblclick();
  await expect(bubble.getByText(/Not delivered/)).toHaveCount(0, { timeout: 15_000 });
  await expect
    .poll(async () => (await providerReplies(request)).filter((r) => r.text === reply).length, {
      timeout: 15_000,
    })
    .toBe(1);
  await expect(bubble.getByRole('img', { name: /Sent|Delivered|Seen/ })).toBeVisible();
  // A reply written after the retry leaves the outbox after anything the double click could have
  // queued (rows are claimed oldest first): once it has arrived, the retried one is still one.
  const after = unique('Tracking number to follow.');
  await composer(desk, customer.name).fill(after);
  await composer(desk, customer.name).press('Enter');
  await expect
    .poll(async () => (await providerReplies(request)).some((r) => r.text === after), {
      timeout: 15_000,
    })
    .toBe(true);
  expect((await providerReplies(request)).filter((r) => r.text === reply)).toHaveLength(1);
});
