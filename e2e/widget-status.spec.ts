import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import {
  becomeAvailable,
  demoStaff,
  expect,
  signInByApi,
  test as base,
  uniqueCustomer,
  watchCsp,
} from './fixtures.ts';

// What the web-chat widget tells a visitor happens next, on a phone-sized screen: the ticket
// form when nobody of Support is available, the place in the queue when an admin chose queueing
// instead, and who joined once an agent takes the chat.

const lerato = demoStaff.agent1;
const shots = path.resolve(import.meta.dirname, '../.tmp/shots');

const test = base.extend<{ widget: Page; admin: APIRequestContext }>({
  /** A visitor's phone (390 px wide, no staff session) on the demo web chat. */
  widget: async ({ browser, baseURL, cspViolations }, use) => {
    const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 780 } });
    await watchCsp(context, cspViolations);
    const page = await context.newPage();
    await page.goto('/chat/demo-webchat');
    await use(page);
    await context.close();
  },
  /** The admin's API, for the setting this spec changes and puts back. */
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

/** Starts a chat and writes once; answers the conversation's id. */
async function startAndWrite(widget: Page, text: string) {
  const customer = uniqueCustomer();
  await widget.getByRole('textbox', { name: 'Your phone number' }).fill(customer.phone);
  await widget.getByRole('textbox', { name: 'Your name' }).fill(customer.name);
  await widget.getByRole('button', { name: 'Start chat' }).click();
  const box = widget.getByRole('textbox', { name: 'Message' });
  await expect(box).toBeVisible();
  const sent = widget.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().endsWith('/messages'),
  );
  await box.fill(text);
  await box.press('Enter');
  return ((await (await sent).json()) as { chatId: string }).chatId;
}

const statusLine = (widget: Page) =>
  widget.getByRole('region', { name: 'What happens next' }).getByRole('status');

async function setTicketWhenNobodyAvailable(admin: APIRequestContext, on: boolean) {
  const saved = await admin.put('/api/admin/settings', { data: { ticketWhenNobodyAvailable: on } });
  expect(saved.status()).toBe(200);
}

test.beforeAll(() => mkdirSync(shots, { recursive: true }));

test('nobody of Support is available: the visitor leaves an email to be contacted', async ({
  widget,
}) => {
  await startAndWrite(widget, 'Is the blue kettle back in stock?');
  await expect(statusLine(widget)).toHaveText('Nobody is free right now.', { timeout: 10_000 });
  const field = widget.getByRole('textbox', {
    name: 'Leave an email or number and we’ll get back to you',
  });
  await field.fill('not an address');
  await widget.getByRole('button', { name: 'Save' }).click();
  await expect(widget.getByRole('alert').filter({ hasText: 'email' })).toBeVisible();
  await widget.screenshot({ path: path.join(shots, 'widget-status-ticket-390.png') });

  await field.fill('visitor@example.com');
  await widget.getByRole('button', { name: 'Save' }).click();
  const thanks = widget.getByText('Thanks, we’ll get back to you.', { exact: false });
  await expect(thanks).toBeVisible();
  await expect(thanks).toBeFocused();
  await widget.screenshot({ path: path.join(shots, 'widget-status-thanks-390.png') });
});

test('queued, the visitor sees their place; an agent takes it and the visitor sees who joined', async ({
  widget,
  admin,
  asStaff,
  openChats,
}) => {
  test.setTimeout(60_000);
  await setTicketWhenNobodyAvailable(admin, false);
  try {
    openChats.add(await startAndWrite(widget, 'Where is my order?'));
    await expect(statusLine(widget)).toHaveText(/^You are (next|number \d+) in the queue/, {
      timeout: 10_000,
    });
    await widget.screenshot({ path: path.join(shots, 'widget-status-queued-390.png') });

    // Lerato comes available: routing gives her the queue, and the visitor hears she joined.
    const desk = await asStaff(lerato);
    await becomeAvailable(desk, lerato);
    await expect(statusLine(widget)).toHaveText('Lerato joined', { timeout: 20_000 });
    await widget.screenshot({ path: path.join(shots, 'widget-status-joined-390.png') });
  } finally {
    await setTicketWhenNobodyAvailable(admin, true);
  }
});
