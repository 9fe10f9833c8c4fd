import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  becomeAvailable,
  chatRow,
  conversation,
  demoStaff,
  expect,
  expectOnline,
  messages,
  setAvailable,
  test,
  unique,
  view,
} from './fixtures.ts';
import type { DemoPerson, WebhookCustomer } from './fixtures.ts';

// Controls that say no before the work: a closed chat offers no Comments tab and its row says who
// closed it; a mention opens on its comment; web addresses in messages are safe links.

const lerato = demoStaff.agent1;
const johan = demoStaff.agent2;
type AsStaff = (person: DemoPerson) => Promise<Page>;

test.describe.configure({ timeout: 60_000 });

const panel = (page: Page) => page.getByRole('complementary', { name: 'Customer context' });
const panelTab = (page: Page, name: string) => panel(page).getByRole('tab', { name, exact: true });

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Lerato, available and online, with a new customer's chat (routed to her) open. */
async function leratoWithNewChat(asStaff: AsStaff, customer: WebhookCustomer, text: string) {
  const desk = await asStaff(lerato);
  await becomeAvailable(desk, lerato);
  const { chatId } = await customer.write(text);
  await chatRow(desk, 'Live', customer.name).click();
  await expect(conversation(desk, customer.name)).toBeVisible();
  return { desk, chatId };
}

test.describe('controls that say no before the work', () => {
  test('links in a customer message are safe; a closed chat says who closed it and has no Comments tab', async ({
    asStaff,
    newCustomer,
  }) => {
    const customer = newCustomer();
    const marker = unique('Parcel');
    const { desk, chatId } = await leratoWithNewChat(
      asStaff,
      customer,
      `${marker}: see https://example.com/track?id=42). Or javascript:alert(1)`,
    );
    const log = messages(desk, customer.name);
    const link = log.getByRole('link', { name: 'https://example.com/track?id=42', exact: true });
    await expect(link).toHaveAttribute('href', 'https://example.com/track?id=42');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    // The javascript: address is text as written, never a link.
    await expect(log.getByText(/Or javascript:alert\(1\)$/)).toBeVisible();
    await expect(log.getByRole('link', { name: /javascript/ })).toHaveCount(0);
    await expect(log.locator('a[href^="javascript"]')).toHaveCount(0);

    // An open chat offers all four tabs.
    await expect(panelTab(desk, 'Comments')).toBeVisible();
    await panelTab(desk, 'Comments').click();

    await conversation(desk, customer.name).getByRole('button', { name: 'Close…' }).click();
    const wrapUp = desk.getByRole('dialog', { name: `Close the chat with ${customer.name}` });
    await wrapUp.getByRole('radio', { name: 'Positive' }).check();
    await wrapUp.getByRole('button', { name: 'Close chat' }).click();
    await expect(wrapUp).toBeHidden();

    // The panel falls back to Profile and says why Comments went.
    await expect(panelTab(desk, 'Comments')).toHaveCount(0);
    await expect(panelTab(desk, 'Profile')).toHaveAttribute('aria-selected', 'true');
    await expect(
      panel(desk).getByText('Comments end with the chat. Notes and history stay.'),
    ).toBeVisible();
    await desk.keyboard.press('4');
    await expect(panelTab(desk, 'Profile')).toHaveAttribute('aria-selected', 'true');

    await view(desk, 'Closed').click();
    const row = chatRow(desk, 'Closed', customer.name);
    await expect(row).toContainText('Closed by Lerato Mokoena · positive');
    await row.click();
    await expect(desk).toHaveURL(new RegExp(`/closed/${chatId}$`));
    await expect(panelTab(desk, 'Comments')).toHaveCount(0);
    expect(await axeViolations(desk)).toEqual([]);
  });

  test('a mention from the bell opens the chat on Comments with the comment highlighted', async ({
    asStaff,
    newCustomer,
  }) => {
    const customer = newCustomer();
    const helper = await asStaff(johan);
    await setAvailable(helper, false);
    await expectOnline(helper, johan);
    const { desk } = await leratoWithNewChat(asStaff, customer, unique('Where is my order?'));

    // Lerato tags Johan in a comment.
    await panelTab(desk, 'Comments').click();
    const field = panel(desk).getByRole('textbox', { name: 'Comment for staff' });
    await field.click();
    await field.pressSequentially(`Hi @${johan.name.slice(0, 3)}`);
    await panel(desk)
      .getByRole('listbox', { name: 'Colleagues online now' })
      .getByRole('option', { name: new RegExp(johan.name) })
      .click();
    const words = unique('can you check the courier?');
    await field.pressSequentially(words);
    await field.press('Enter');
    await expect(field).toHaveValue('');

    // Johan opens it from the bell: Comments, the comment in view, focused and current.
    await helper.getByRole('button', { name: /^Notifications, [1-9]\d* unread$/ }).click();
    const bell = helper.getByRole('dialog', { name: 'Notifications' });
    // Newest first: the mention just made.
    await bell
      .getByRole('link', { name: /Lerato Mokoena tagged you/ })
      .first()
      .click();
    await expect(helper).toHaveURL(/\/tagged\/[^?]+\?comment=/);
    await expect(panelTab(helper, 'Comments')).toHaveAttribute('aria-selected', 'true');
    const comment = panel(helper).getByRole('listitem').filter({ hasText: words });
    await expect(comment).toHaveAttribute('aria-current', 'true');
    await expect(comment).toBeFocused();
    await expect(comment).toBeInViewport();
    expect(await axeViolations(helper)).toEqual([]);
  });
});
