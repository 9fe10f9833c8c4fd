import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import {
  becomeAvailable,
  chatRow,
  composer,
  conversation,
  demoStaff,
  expect,
  messages,
  test as base,
  unique,
  uniqueCustomer,
  watchCsp,
} from './fixtures.ts';
import { invoicePdf, parcelPng } from './sample-files.ts';

// Files both ways: an agent attaches a picture in the desk; a web-chat visitor sends a PDF.

const lerato = demoStaff.agent1;
const shots = path.resolve(import.meta.dirname, '../.tmp/shots');

const test = base.extend<{ widget: Page }>({
  /** A customer's browser at a phone's width, on the demo web-chat channel's page. */
  widget: async ({ browser, baseURL, cspViolations }, use) => {
    const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 780 } });
    await watchCsp(context, cspViolations);
    const page = await context.newPage();
    await page.goto('/chat/demo-webchat');
    await use(page);
    await context.close();
  },
});

/** Picks files through the paperclip's file chooser, as a person would. */
async function attach(
  page: Page,
  scope: ReturnType<Page['locator']> | Page,
  file: {
    name: string;
    mimeType: string;
    buffer: Buffer;
  },
) {
  const chooser = page.waitForEvent('filechooser');
  await scope.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles(file);
}

/** True once the browser has decoded the picture (it was served, and is an image). */
const decoded = (image: ReturnType<Page['locator']>) =>
  image.evaluate(
    (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
  );

test.describe('files both ways', () => {
  test('an agent attaches a picture in the desk; it shows in the chat and opens full size', async ({
    asStaff,
    newCustomer,
  }) => {
    const desk = await asStaff(lerato);
    await desk.setViewportSize({ width: 1280, height: 800 });
    await becomeAvailable(desk, lerato);
    const customer = newCustomer();
    await customer.write(unique('The box arrived crushed, can you see which one?'));
    await chatRow(desk, 'Live', customer.name).click();
    const pane = conversation(desk, customer.name);
    const log = messages(desk, customer.name);

    await attach(desk, pane, { name: 'parcel.png', mimeType: 'image/png', buffer: parcelPng() });
    const chips = pane.getByRole('list', { name: 'Files to send' });
    await expect(chips.getByText('parcel.png')).toBeVisible();
    await expect(pane.getByRole('progressbar')).toHaveCount(0);
    const caption = unique('Is this the one?');
    await composer(desk, customer.name).fill(caption);
    await composer(desk, customer.name).press('Enter');
    await expect(chips).toHaveCount(0);

    const bubble = log.getByRole('listitem').filter({ hasText: caption });
    const picture = bubble.getByRole('img').first();
    await expect(picture).toBeVisible();
    await expect.poll(() => decoded(picture)).toBe(true);

    // The thumbnail is a button: Enter opens the full picture, Esc brings the reader back.
    const open = bubble.getByRole('button', { name: /^Open the photo/ });
    await open.focus();
    await desk.keyboard.press('Enter');
    const lightbox = desk.getByRole('dialog', { name: /parcel/ });
    await expect(lightbox).toBeVisible();
    await expect(lightbox.getByRole('link', { name: 'Download' })).toHaveAttribute(
      'href',
      /^\/api\/attachments\//,
    );
    await desk.keyboard.press('Escape');
    await expect(lightbox).toBeHidden();
    await expect(open).toBeFocused();

    mkdirSync(shots, { recursive: true });
    await desk.mouse.move(0, 0);
    await desk.screenshot({ path: path.join(shots, 'media-desk.png') });
  });

  test('a web-chat visitor sends a PDF; the agent sees a download card', async ({
    asStaff,
    widget,
    openChats,
  }) => {
    const desk = await asStaff(lerato);
    await desk.setViewportSize({ width: 1280, height: 800 });
    await becomeAvailable(desk, lerato);
    const customer = uniqueCustomer();

    await expect(widget.getByRole('heading', { name: 'Hi! How can we help?' })).toBeVisible();
    await widget.getByRole('textbox', { name: 'Your phone number' }).fill(customer.phone);
    await widget.getByRole('textbox', { name: 'Your name' }).fill(customer.name);
    await widget.getByRole('button', { name: 'Start chat' }).click();
    await expect(widget.getByText(`Hi ${customer.name}!`)).toBeVisible();

    const question = unique('Here is the invoice for the kettle.');
    await attach(widget, widget, {
      name: 'invoice-4411.pdf',
      mimeType: 'application/pdf',
      buffer: invoicePdf(),
    });
    await expect(widget.getByRole('list', { name: 'Files to send' })).toContainText(
      'invoice-4411.pdf',
    );
    await expect(widget.getByRole('progressbar')).toHaveCount(0);
    const box = widget.getByRole('textbox', { name: 'Message' });
    await box.fill(question);
    await box.press('Enter');
    const talk = widget.getByRole('region', { name: 'Conversation' });
    await expect(talk.getByRole('link', { name: /invoice-4411\.pdf/ })).toBeVisible();

    const row = chatRow(desk, 'Live', customer.name);
    await row.click();
    openChats.add(desk.url().split('/').at(-1) ?? '');
    const log = messages(desk, customer.name);
    const card = log.getByRole('link', { name: /invoice-4411\.pdf/ });
    await expect(card).toBeVisible();
    await expect(card).toContainText('PDF');
    await expect(card).toHaveAttribute('href', /^\/api\/attachments\//);
    // The card downloads the very file the visitor sent.
    const download = await desk.request.get((await card.getAttribute('href')) ?? '');
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');

    mkdirSync(shots, { recursive: true });
    await widget.screenshot({ path: path.join(shots, 'media-widget.png') });
  });
});
