import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import type { Page } from '@playwright/test';
import {
  becomeAvailable,
  chatRow,
  composer,
  conversation,
  demoStaff,
  escapeRegExp,
  expect,
  messages,
  providerReplies,
  setAvailable,
  test as base,
  unique,
  uniqueCustomer,
  view,
  watchCsp,
  whileQueueing,
} from './fixtures.ts';

// The customer's side: the web-chat widget at /chat/demo-webchat, in a browser of its own.

const lerato = demoStaff.agent1;

const test = base.extend<{ widget: Page }>({
  /** A customer's browser (no staff session), on the demo web-chat channel's page. */
  widget: async ({ browser, baseURL, cspViolations }, use) => {
    const context = await browser.newContext({ baseURL });
    await watchCsp(context, cspViolations);
    const page = await context.newPage();
    await page.goto('/chat/demo-webchat');
    await use(page);
    await context.close();
  },
});

/** Fills the start form and waits for the conversation to begin. */
async function startChat(widget: Page, customer: { phone: string; name: string }) {
  await expect(widget.getByRole('heading', { name: 'Hi! How can we help?' })).toBeVisible();
  await widget.getByRole('textbox', { name: 'Your phone number' }).fill(customer.phone);
  await widget.getByRole('textbox', { name: 'Your name' }).fill(customer.name);
  await widget.getByRole('button', { name: 'Start chat' }).click();
  await expect(widget.getByText(`Hi ${customer.name}!`)).toBeVisible();
}

async function writeInWidget(widget: Page, text: string) {
  const box = widget.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  await expect(box).toHaveValue('');
}

/** Where the checks leave pictures of the widget and the desk to look at. */
const shots = path.resolve(import.meta.dirname, '../.tmp/shots');

/** Lines that belong to the desk only: routing, acceptance, the queue, staff closing. */
const staffOnlyLines = /Assigned to|by routing|Accepted by|Queued|Closed by|Ended by the customer/;

test.describe('web-chat widget', () => {
  test('a customer and an agent talk live both ways until the customer ends the chat', async ({
    asStaff,
    widget,
    openChats,
  }) => {
    const desk = await asStaff(lerato);
    await becomeAvailable(desk, lerato);
    const customer = uniqueCustomer();
    const talk = widget.getByRole('region', { name: 'Conversation' });

    await startChat(widget, customer);
    const question = unique('Hi, is the blue kettle back in stock?');
    await writeInWidget(widget, question);
    await expect(talk.getByText(question)).toBeVisible();

    // The agent hears of the new chat without reloading, and opens it.
    const row = chatRow(desk, 'Live', customer.name);
    await expect(row).toHaveAccessibleName(
      new RegExp(`^${escapeRegExp(customer.name)}, new, Web chat, `),
    );
    await row.click();
    await expect(desk).toHaveURL(/\/live\/[0-9a-f-]{36}$/);
    openChats.add(desk.url().split('/').at(-1) ?? '');
    const log = messages(desk, customer.name);
    await expect(log.getByText(question, { exact: true })).toBeVisible();

    const reply = unique('Yes, it arrived this morning.');
    await composer(desk, customer.name).fill(reply);
    await composer(desk, customer.name).press('Enter');
    // The customer sees the agent by first name only.
    await expect(talk.getByRole('listitem').filter({ hasText: reply })).toContainText(
      `Lerato: ${reply}`,
    );
    await expect(widget.getByText('Mokoena')).toHaveCount(0);

    const thanks = unique('Great, I will order one now.');
    await writeInWidget(widget, thanks);
    await expect(log.getByText(thanks, { exact: true })).toBeVisible();
    await expect(log.getByText(question, { exact: true })).toHaveCount(1);

    await widget.getByRole('button', { name: 'End chat' }).click();
    const confirm = widget.getByRole('alertdialog', { name: 'End this chat?' });
    await confirm.getByRole('button', { name: 'End chat' }).click();
    await expect(confirm).toBeHidden();
    await expect(
      widget.getByText('Chat ended. Write again any time to start a new one.'),
    ).toBeVisible();

    await expect(log.getByText(/^Ended by the customer · \d/)).toBeVisible();
    await expect(conversation(desk, customer.name)).toContainText(
      'This chat is closed. Reopen it to write.',
    );
    await expect(row).toHaveCount(0);

    // The desk's own lines (routing, the end) never reach the customer's page.
    await expect(widget.getByText(staffOnlyLines)).toHaveCount(0);
    await expect(talk.getByText(question)).toHaveCount(1);
  });

  test('the widget shows no staff-only lines when an agent accepts a queued chat', async ({
    asStaff,
    widget,
    openChats,
    playwright,
    baseURL,
  }) => {
    // Nobody available and queueing chosen over tickets: the chat waits, and accepting it
    // records staff-only events.
    await whileQueueing(playwright, baseURL, async () => {
      const desk = await asStaff(lerato);
      await setAvailable(desk, false);
      const customer = uniqueCustomer();
      await startChat(widget, customer);
      const question = unique('Do you deliver to Durban?');
      await writeInWidget(widget, question);

      await view(desk, 'Queue').click();
      const queued = chatRow(desk, 'Queue', customer.name);
      await queued.click();
      openChats.add(desk.url().split('/').at(-1) ?? '');
      await conversation(desk, customer.name).getByRole('button', { name: 'Accept' }).click();
      const log = messages(desk, customer.name);
      await expect(log.getByText(/^Accepted by Lerato Mokoena/)).toBeVisible();
      await expect(log.getByText(/^Queued/)).toBeVisible();

      const reply = unique('We do, within two days.');
      await composer(desk, customer.name).fill(reply);
      await composer(desk, customer.name).press('Enter');
      const talk = widget.getByRole('region', { name: 'Conversation' });
      await expect(talk.getByText(reply)).toBeVisible();

      await expect(widget.getByText(staffOnlyLines)).toHaveCount(0);
      // A fresh load of the page shows the same conversation, still without them.
      await widget.reload();
      await expect(talk.getByText(reply)).toBeVisible();
      await expect(talk.getByText(question)).toBeVisible();
      await expect(widget.getByText(staffOnlyLines)).toHaveCount(0);
    });
  });

  test('the desk marks a typed number as unverified until the visitor proves it with a code', async ({
    asStaff,
    browser,
    baseURL,
    request,
    openChats,
  }) => {
    const desk = await asStaff(lerato);
    await desk.setViewportSize({ width: 1280, height: 800 });
    await becomeAvailable(desk, lerato);
    const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 760 } });
    const widget = await context.newPage();
    await widget.goto('/chat/demo-webchat');
    const customer = uniqueCustomer();
    await startChat(widget, customer);
    const question = unique('Can you tell me my balance?');
    await writeInWidget(widget, question);

    // Staff are told, in words, on the row, the conversation and the panel.
    const row = chatRow(desk, 'Live', customer.name);
    await expect(row).toHaveAccessibleName(/, unverified number, /);
    await row.click();
    openChats.add(desk.url().split('/').at(-1) ?? '');
    const talk = conversation(desk, customer.name);
    await expect(talk.getByRole('note')).toContainText(
      'Unverified number. The visitor typed this number in the web chat and has not proved it is theirs. Do not disclose account details.',
    );
    await expect(desk.getByRole('tabpanel', { name: 'Profile' }).getByRole('note')).toContainText(
      'Unverified number.',
    );
    await desk.screenshot({ path: path.join(shots, 'desk-unverified.png') });

    // The visitor proves the number: a code reaches the phone through the demo SMS gateway.
    await widget.getByRole('button', { name: 'Verify your number' }).click();
    await widget.screenshot({ path: path.join(shots, 'widget-verify-offer.png') });
    await expect(widget.getByRole('textbox', { name: 'We’ll send a code to' })).toBeFocused();
    await widget.keyboard.press('Enter');
    const codeBox = widget.getByRole('textbox', { name: /^Code sent to/ });
    await expect(codeBox).toBeFocused();
    let code = '';
    await expect
      .poll(async () => {
        const sent = (await providerReplies(request)).filter((r) => r.to === customer.e164);
        code = /\b(\d{6})\b/.exec(sent.at(-1)?.text ?? '')?.[1] ?? '';
        return code;
      })
      .toMatch(/^\d{6}$/);
    // A wrong code is refused with a reason, and the form stays.
    await codeBox.fill(code === '000000' ? '111111' : '000000');
    await codeBox.press('Enter');
    await expect(
      widget.getByRole('alert').filter({ hasText: 'That code is not right' }),
    ).toBeVisible();
    await widget.screenshot({ path: path.join(shots, 'widget-code-wrong.png') });
    await codeBox.fill(code);
    await codeBox.press('Enter');
    await expect(
      widget.getByRole('status').filter({ hasText: 'Your number is verified.' }),
    ).toBeVisible();
    await widget.screenshot({ path: path.join(shots, 'widget-verified.png') });

    // The chat is now the customer's own: the warning goes, and replies still reach the page.
    await expect(talk.getByRole('note')).toHaveCount(0);
    await expect(row).not.toHaveAccessibleName(/unverified number/);
    const reply = unique('Thanks for verifying. Your balance is R 120.');
    await composer(desk, customer.name).fill(reply);
    await composer(desk, customer.name).press('Enter');
    await expect(
      widget.getByRole('region', { name: 'Conversation' }).getByText(reply),
    ).toBeVisible();
    await context.close();
  });

  test('a shop page on another origin frames the widget and signs its visitor in', async ({
    asStaff,
    browser,
    baseURL,
    openChats,
  }) => {
    const desk = await asStaff(lerato);
    await becomeAvailable(desk, lerato);
    const customer = uniqueCustomer();

    // The shop, at an origin the demo web chat allows (demo seed), served by this test with
    // the documented embed script; its server side signs the visitor with the demo secret.
    const expires = Math.floor(Date.now() / 1000) + 600;
    const identity = {
      phone: customer.e164,
      name: customer.name,
      expires,
      signature: createHmac('sha256', demoIdentitySecret)
        .update(`${customer.e164}.${expires}`)
        .digest('hex'),
    };
    const shopServer = await serveShop(`${baseURL}/chat/demo-webchat`, identity);
    try {
      const shop = await browser.newContext({ viewport: { width: 390, height: 760 } });
      const page = await shop.newPage();
      await page.goto(`${shopOrigin}/account`);
      const widget = page.frameLocator('iframe[title="Chat with us"]');

      // Signed in without the number form.
      await expect(
        widget.getByRole('status').filter({ hasText: /Signed in as \+27 82 99/ }),
      ).toBeVisible();
      await expect(widget.getByRole('textbox', { name: 'Your phone number' })).toHaveCount(0);
      await expect(widget.getByRole('button', { name: 'Verify your number' })).toHaveCount(0);
      const question = unique('Where is my order?');
      const box = widget.getByRole('textbox', { name: 'Message' });
      await box.fill(question);
      await box.press('Enter');
      await expect(
        widget.getByRole('region', { name: 'Conversation' }).getByText(question),
      ).toBeVisible();
      await page.screenshot({ path: path.join(shots, 'widget-embedded-390.png') });

      // The desk sees the customer's own chat: no unverified marker anywhere.
      const row = chatRow(desk, 'Live', customer.name);
      await expect(row).toBeVisible();
      await expect(row).not.toHaveAccessibleName(/unverified/i);
      await row.click();
      openChats.add(desk.url().split('/').at(-1) ?? '');
      await expect(
        messages(desk, customer.name).getByText(question, { exact: true }),
      ).toBeVisible();
      await expect(conversation(desk, customer.name).getByText(/unverified/i)).toHaveCount(0);
      await expect(
        desk.getByRole('tabpanel', { name: 'Profile' }).getByText(/unverified/i),
      ).toHaveCount(0);

      // A reply reaches the framed page.
      const reply = unique('It left the warehouse today.');
      await composer(desk, customer.name).fill(reply);
      await composer(desk, customer.name).press('Enter');
      await expect(
        widget.getByRole('region', { name: 'Conversation' }).getByText(reply),
      ).toBeVisible();
      await shop.close();
    } finally {
      await shopServer.close();
    }
  });
});

/** Allowed to frame the demo web chat (demo seed, DEMO_EMBED_ORIGINS); another site than the desk's. */
const shopPort = 8000;
const shopOrigin = `http://127.0.0.1:${shopPort}`;
/** The demo web chat's identity secret (demo seed, README). */
const demoIdentitySecret = 'demo-identity-secret';
/** The embed script the docs give sites (docs/widget-embed.md). */
const embedScript = readFileSync(
  path.resolve(import.meta.dirname, '../docs/widget-embed-example/embed.js'),
  'utf8',
);

/**
 * The shop's server, on loopback like the desk (Chromium refuses a page it thinks is public
 * framing a local address): its pages forbid inline scripts, so the embed must do without.
 */
async function serveShop(chatUrl: string, identity: Record<string, unknown>) {
  const server = createServer((request, response) => {
    if (request.url === '/embed.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      return response.end(embedScript);
    }
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'self'; style-src 'unsafe-inline'; frame-src *",
    });
    response.end(shopPage(chatUrl, identity));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(shopPort, '127.0.0.1', resolve);
  });
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A shop's account page framing the chat, with the signed identity its server wrote in. */
function shopPage(chatUrl: string, identity: Record<string, unknown>) {
  const attribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>
<script src="/embed.js" defer></script></head>
<body style="margin:0"><iframe title="Chat with us" src="${attribute(chatUrl)}"
data-parley-identity="${attribute(JSON.stringify(identity))}"
style="display:block;width:100%;height:100vh;border:0"></iframe></body></html>`;
}
