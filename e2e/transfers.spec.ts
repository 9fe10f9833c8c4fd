import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  becomeAvailable,
  chatRow,
  conversation,
  demoStaff,
  expect,
  setAvailable,
  test,
  unique,
} from './fixtures.ts';

// Lerato (agent1) hands a chat to Johan (agent2); both are in the demo's Support department.

const lerato = demoStaff.agent1;
const johan = demoStaff.agent2;

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axeViolations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).withTags(wcagTags).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'unknown'}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

const shotsDir = path.resolve(import.meta.dirname, '../.tmp/shots/transfers');

/** Screenshots at the two desk widths the design is checked at, once animations settled. */
async function shoot(page: Page, name: string) {
  mkdirSync(shotsDir, { recursive: true });
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    await page.screenshot({ path: path.join(shotsDir, `${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The transfer cards at the desk's top right. */
const cards = (page: Page) => page.getByRole('region', { name: 'Transfers' });

async function offerTo(page: Page, customer: string, name: RegExp, note: string) {
  const pane = conversation(page, customer);
  await pane.getByRole('button', { name: 'Transfer…' }).click();
  const dialog = page.getByRole('dialog', { name: `Transfer the chat with ${customer}` });
  await expect(dialog).toBeVisible();
  const choice = dialog.getByRole('radio', { name });
  await expect(choice).toBeVisible();
  await choice.check();
  await dialog.getByLabel(/^Note/).fill(note);
  return dialog;
}

test.describe('transfers', () => {
  test('an offer is rejected with a reason, acknowledged, offered again and accepted', async ({
    asStaff,
    newCustomer,
  }) => {
    // Johan away while the chat comes in, so routing hands it to Lerato.
    const johanDesk = await asStaff(johan);
    await setAvailable(johanDesk, false);
    const leratoDesk = await asStaff(lerato);
    await becomeAvailable(leratoDesk, lerato);
    const customer = newCustomer();
    const { chatId } = await customer.write(unique('I was charged twice'));
    await chatRow(leratoDesk, 'Live', customer.name).click();
    await becomeAvailable(johanDesk, johan);

    // Lerato offers it to Johan with a note; the dialog shows his load.
    const note = unique('Refund for order 4411; card ends 1234');
    const dialog = await offerTo(leratoDesk, customer.name, new RegExp(johan.name), note);
    await expect(
      dialog.getByRole('radio', { name: new RegExp(johan.name) }).locator('..'),
    ).toContainText(/\d+\/5/);
    expect(await axeViolations(leratoDesk, '[role="dialog"]')).toEqual([]);
    await shoot(leratoDesk, 'transfer-dialog');
    await dialog.getByRole('button', { name: 'Send offer' }).click();
    await expect(dialog).toHaveCount(0);
    const leratoPane = conversation(leratoDesk, customer.name);
    await expect(leratoPane.getByText(`Transferring to ${johan.name}`)).toBeVisible();

    // Johan gets the card: who, the customer, the note. He rejects with a reason.
    const offer = cards(johanDesk).getByRole('article', {
      name: `${lerato.name} offers you the chat with ${customer.name}`,
    });
    await expect(offer).toBeVisible();
    await expect(offer).toContainText(note);
    await expect(offer.getByRole('list', { name: 'Last messages' })).toContainText('charged twice');
    expect(await axeViolations(johanDesk, '[aria-label="Transfers"]')).toEqual([]);
    await shoot(johanDesk, 'offer-card');
    await offer.getByRole('button', { name: 'Reject…' }).click();
    await offer.getByLabel(/^Reason/).fill('In a long call, sorry');
    await offer.getByRole('button', { name: 'Reject offer' }).click();
    await expect(offer).toHaveCount(0);

    // Lerato reads the rejection and acknowledges it; the chat is hers, no longer transferring.
    const rejection = cards(leratoDesk).getByRole('article', {
      name: `${johan.name} rejected the transfer of the chat with ${customer.name}: In a long call, sorry`,
    });
    await expect(rejection).toBeVisible();
    await shoot(leratoDesk, 'rejected-card');
    await rejection.getByRole('button', { name: 'OK' }).click();
    await expect(rejection).toHaveCount(0);
    await expect(leratoPane.getByText(/Transferring to/)).toHaveCount(0);

    // Offered again, Johan accepts: the chat opens on his desk and leaves Lerato's Live.
    const again = await offerTo(leratoDesk, customer.name, new RegExp(johan.name), 'Second try');
    await again.getByRole('button', { name: 'Send offer' }).click();
    await expect(again).toHaveCount(0);
    const second = cards(johanDesk).getByRole('article', {
      name: `${lerato.name} offers you the chat with ${customer.name}`,
    });
    await second.getByRole('button', { name: 'Accept' }).click();
    await expect(johanDesk).toHaveURL(new RegExp(`/live/${chatId}$`));
    await expect(chatRow(johanDesk, 'Live', customer.name)).toBeVisible();
    await expect(conversation(johanDesk, customer.name).getByText('With you')).toBeVisible();
    await expect(chatRow(leratoDesk, 'Live', customer.name)).toHaveCount(0);
    await expect(leratoPane.getByText(`With ${johan.name}`)).toBeVisible();
  });

  test('a flagged chat cannot be closed or transferred; "Un-flag and close" closes it', async ({
    asStaff,
    newCustomer,
  }) => {
    const johanDesk = await asStaff(johan);
    await setAvailable(johanDesk, false);
    const desk = await asStaff(lerato);
    await becomeAvailable(desk, lerato);
    const customer = newCustomer();
    await customer.write(unique('Please escalate this'));
    await chatRow(desk, 'Live', customer.name).click();
    const pane = conversation(desk, customer.name);
    await pane.getByRole('button', { name: 'Flag' }).click();
    await expect(pane.getByRole('button', { name: 'Unflag' })).toBeVisible();

    const close = pane.getByRole('button', { name: 'Close…', exact: true });
    await expect(close).toBeDisabled();
    await expect(pane.getByRole('button', { name: 'Transfer…' })).toBeDisabled();
    // The reason shows on hover and on keyboard focus of the dimmed button's wrapper.
    await close.locator('..').hover();
    await expect(
      desk.getByRole('tooltip', { name: 'A flagged chat cannot be closed. Un-flag it first.' }),
    ).toBeVisible();
    await shoot(desk, 'flagged-actions');

    await pane.getByRole('button', { name: 'Un-flag and close…' }).click();
    const wrapUp = desk.getByRole('dialog', { name: `Close the chat with ${customer.name}` });
    await expect(wrapUp).toBeVisible();
    const references = wrapUp.getByRole('textbox', { name: /^References/ });
    // A reference the server cannot read is refused on the field, and the chat stays open.
    await references.fill('ftp://old-system/4411');
    await references.press('Enter');
    await wrapUp.getByRole('button', { name: 'Close chat' }).click();
    await expect(references).toHaveAttribute('aria-invalid', 'true');
    await expect(wrapUp.getByText(/"ftp:\/\/old-system\/4411" is not a link/)).toBeVisible();
    await wrapUp.getByRole('button', { name: 'Remove ftp://old-system/4411' }).click();
    await references.fill('SUP-1234');
    await references.press('Enter');
    await references.fill('https://tickets.example.com/4411');
    await shoot(desk, 'wrap-up-references');
    await wrapUp.getByRole('button', { name: 'Close chat' }).click();
    await expect(wrapUp).toHaveCount(0);
    await expect(pane.getByText('Closed', { exact: true })).toBeVisible();
  });
});
