import AxeBuilder from '@axe-core/playwright';
import {
  becomeAvailable,
  chatRow,
  demoStaff,
  escapeRegExp,
  expect,
  messages,
  signIn,
  test,
  unique,
  uniqueCustomer,
} from './fixtures.ts';

const lerato = demoStaff.agent1;
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

test.describe('channel administration', () => {
  test('an admin creates a web chat, copies its snippet, and its first chat reaches an available agent', async ({
    page,
    context,
    browser,
    baseURL,
    asStaff,
    openChats,
  }) => {
    test.slow();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, demoStaff.admin.email);
    await page.goto('/admin/channels');
    await expect(page.getByRole('rowheader', { name: /Demo web chat/ })).toBeVisible();

    const name = unique('Shop chat');
    await page.getByRole('button', { name: 'New channel' }).click();
    const sheet = page.getByRole('dialog', { name: 'New channel' });
    await sheet.getByRole('radio', { name: /Web chat/ }).check();
    await sheet.getByLabel('Name').fill(name);
    await sheet.getByLabel('Department').selectOption({ label: 'Support' });
    await sheet.getByLabel('Greeting').fill('Welcome to the shop!');
    expect((await new AxeBuilder({ page }).withTags(wcagTags).analyze()).violations).toEqual([]);
    await sheet.getByRole('button', { name: 'Create channel' }).click();

    // The identity secret and the snippet, this once.
    const shown = page.getByRole('dialog', { name: `Copy the secrets of “${name}”` });
    await expect(shown.getByText(/You won't see this again/)).toBeVisible();
    await expect(shown.getByRole('textbox', { name: 'Identity secret' })).toHaveValue(/^idsec_/);
    await shown.getByRole('button', { name: 'Copy embed snippet' }).click();
    await expect(shown.getByRole('button', { name: 'Copy embed snippet' })).toHaveText('Copied');
    const snippet = await page.evaluate(() => navigator.clipboard.readText());
    const widgetUrl = /src="([^"]+)"/.exec(snippet)?.[1] ?? '';
    expect(widgetUrl).toMatch(new RegExp(`^${escapeRegExp(baseURL ?? '')}/chat/wc-[0-9a-f]{12}$`));
    await shown.getByRole('button', { name: "I've stored them" }).click();
    await expect(
      page.getByRole('rowheader', { name: new RegExp(escapeRegExp(name)) }),
    ).toBeVisible();

    // An agent of Support is available; a visitor opens the new widget and writes.
    const desk = await asStaff(lerato);
    await becomeAvailable(desk, lerato);
    const visitor = await browser.newContext({ baseURL });
    try {
      const widget = await visitor.newPage();
      await widget.goto(widgetUrl);
      await expect(widget.getByText('Welcome to the shop!')).toBeVisible();
      const customer = uniqueCustomer();
      await widget.getByRole('textbox', { name: 'Your phone number' }).fill(customer.phone);
      await widget.getByRole('textbox', { name: 'Your name' }).fill(customer.name);
      await widget.getByRole('button', { name: 'Start chat' }).click();
      const question = unique('Do you deliver to Durban?');
      const box = widget.getByRole('textbox', { name: 'Message' });
      await box.fill(question);
      await box.press('Enter');

      const row = chatRow(desk, 'Live', customer.name);
      await expect(row).toBeVisible();
      await row.click();
      await expect(desk).toHaveURL(/\/live\/[0-9a-f-]{36}$/);
      openChats.add(desk.url().split('/').at(-1) ?? '');
      await expect(
        messages(desk, customer.name).getByText(question, { exact: true }),
      ).toBeVisible();
    } finally {
      await visitor.close();
    }
  });
});
