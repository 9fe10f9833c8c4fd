import type { Locator, Page } from '@playwright/test';
import {
  becomeAvailable,
  chatRow,
  conversation,
  demoStaff,
  escapeRegExp,
  expect,
  messages,
  test,
  unique,
  view,
} from './fixtures.ts';

// The supervisor (Sam) watches the floor while Lerato (agent1) serves a customer of the demo
// webhook channel: the desk shows the chat, the filters narrow it, and opening it observes it.

const sam = demoStaff.supervisor;
const lerato = demoStaff.agent1;
const johan = demoStaff.agent2;

/** A chat's row in the desk's table, found by its customer's name. */
const deskRow = (page: Page, customer: string): Locator =>
  page.getByRole('table').getByRole('row').filter({ hasText: customer });

const filter = (page: Page, name: 'Department' | 'Agent' | 'Status') =>
  page.getByRole('group', { name: 'Filters' }).getByLabel(name);

const flaggedOnly = (page: Page) => page.getByRole('button', { name: 'Flagged only' });

/** Opens the Supervisor desk from the sidebar and waits for its table or its empty state. */
async function openDesk(page: Page) {
  await view(page, 'Supervisor').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Supervisor desk' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Departments' })).toBeVisible();
}

test.describe('supervisor desk', () => {
  test('shows a waiting chat with its agent, narrows by agent and flag, and observing it leaves an observed line', async ({
    asStaff,
    newCustomer,
  }) => {
    const agentDesk = await asStaff(lerato);
    await becomeAvailable(agentDesk, lerato);
    const customer = newCustomer();
    const question = unique('Is anyone there?');
    const { chatId } = await customer.write(question);
    // Routed to Lerato, who has not answered yet: the customer is waiting.
    await expect(chatRow(agentDesk, 'Live', customer.name)).toBeVisible();

    const desk = await asStaff(sam);
    await openDesk(desk);
    const row = deskRow(desk, customer.name);
    await expect(row).toBeVisible();
    await expect(row).toContainText(lerato.name);
    await expect(row).toContainText('Live');
    await expect(row.getByRole('cell').last()).toHaveText(/^(<1|\d+) min$/);

    // By agent: Lerato keeps the chat on the desk, Johan does not; the URL keeps the choice.
    await filter(desk, 'Agent').selectOption({ label: johan.name });
    await expect(row).toHaveCount(0);
    await filter(desk, 'Agent').selectOption({ label: lerato.name });
    await expect(row).toBeVisible();
    await expect(desk).toHaveURL(/[?&]agentId=/);

    // Flagged only: gone until Lerato flags it, then back without a reload.
    await flaggedOnly(desk).click();
    await expect(flaggedOnly(desk)).toHaveAttribute('aria-pressed', 'true');
    await expect(desk).toHaveURL(/[?&]flagged=true/);
    await expect(row).toHaveCount(0);
    await chatRow(agentDesk, 'Live', customer.name).click();
    await conversation(agentDesk, customer.name).getByRole('button', { name: 'Flag' }).click();
    await expect(
      conversation(agentDesk, customer.name).getByRole('button', { name: 'Unflag' }),
    ).toBeVisible();
    await expect(row).toBeVisible();
    await expect(row.getByText('Flagged')).toBeAttached();

    // A reload keeps the filters.
    await desk.reload();
    await expect(flaggedOnly(desk)).toHaveAttribute('aria-pressed', 'true');
    await expect(filter(desk, 'Agent').locator('option:checked')).toHaveText(lerato.name);
    await expect(row).toBeVisible();

    // Enter on the focused row opens the chat: read-only, with the banner, and watched.
    const monitorStarted = desk.waitForResponse(
      (response) =>
        response.url().endsWith(`/api/chats/${chatId}/monitor`) &&
        response.request().method() === 'POST',
    );
    await row.focus();
    await desk.keyboard.press('Enter');
    await expect(desk).toHaveURL(new RegExp(`/supervisor/${chatId}\\?`));
    const pane = conversation(desk, customer.name);
    await expect(messages(desk, customer.name).getByText(question, { exact: true })).toBeVisible();
    await expect(
      pane.getByText(
        `You are observing ${lerato.name}’s chat. Only its agent writes to the customer.`,
      ),
    ).toBeVisible();
    await expect(desk.getByRole('textbox', { name: `Reply to ${customer.name}` })).toHaveCount(0);
    await expect(pane.getByRole('button', { name: 'Assign…' })).toBeVisible();
    expect((await monitorStarted).status()).toBe(201);

    // Leaving the chat ends the session.
    const monitorEnded = desk.waitForResponse((response) =>
      /\/api\/monitors\/[^/]+\/end$/.test(response.url()),
    );
    await desk.getByRole('link', { name: 'Whole desk' }).click();
    await expect(desk).toHaveURL(/\/supervisor\?/);
    expect((await monitorEnded).status()).toBe(204);

    // Reopened, the timeline shows the visit as a grey line, which only supervisors see
    // ("Sam Sibiya observed from 10:02 to 10:09"; "Observed by Sam Sibiya" where the desk's
    // event wording predates the event).
    await deskRow(desk, customer.name).click();
    const name = escapeRegExp(sam.name);
    await expect(
      messages(desk, customer.name).getByText(
        new RegExp(`^(${name} observed|Observed by ${name})`),
      ),
    ).toBeVisible();
    const samTimeline = await desk.request.get(`/api/chats/${chatId}/timeline?limit=50`);
    const samTypes = ((await samTimeline.json()) as { items: { type?: string }[] }).items.map(
      (item) => item.type,
    );
    expect(samTypes).toContain('observed');
    const leratoTimeline = await agentDesk.request.get(`/api/chats/${chatId}/timeline?limit=50`);
    const leratoTypes = ((await leratoTimeline.json()) as { items: { type?: string }[] }).items.map(
      (item) => item.type,
    );
    expect(leratoTypes).not.toContain('observed');
  });

  test('is not offered to agents, and /supervisor sends them to Live', async ({ asStaff }) => {
    const page = await asStaff(johan);
    await expect(view(page, 'Supervisor')).toHaveCount(0);
    await page.goto('/supervisor');
    await expect(page).toHaveURL(/\/live$/);
    expect((await page.request.get('/api/supervisor/desk')).status()).toBe(403);
  });

  test('fits at 1024, 1280 and 1440 px wide without cutting anything off', async ({
    asStaff,
    newCustomer,
  }, testInfo) => {
    const agentDesk = await asStaff(lerato);
    await becomeAvailable(agentDesk, lerato);
    const customer = newCustomer();
    await customer.write(unique('A long question about a parcel that went to the wrong address'));
    const desk = await asStaff(sam);
    await openDesk(desk);
    await expect(deskRow(desk, customer.name)).toBeVisible();

    for (const width of [1024, 1280, 1440]) {
      await desk.setViewportSize({ width, height: 800 });
      const page = desk.locator('.sup-page');
      // Nothing scrolls sideways: columns give way instead.
      const overflow = await page.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, `the desk scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
      await expect(desk.getByRole('region', { name: 'Team load' })).toBeVisible();
      await expect(desk.getByRole('columnheader', { name: 'Department' })).toBeVisible({
        visible: width >= 1280,
      });
      await desk.screenshot({ path: testInfo.outputPath(`supervisor-desk-${width}.png`) });
    }
  });
});
