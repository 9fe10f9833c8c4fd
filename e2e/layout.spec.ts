import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import {
  becomeAvailable,
  chatRow,
  conversation,
  demoStaff,
  expect,
  test,
  unique,
} from './fixtures.ts';
import type { DemoPerson, WebhookCustomer } from './fixtures.ts';

// The desk at the widths people use it: side by side from 1280 px, the sidebar as icons and the
// customer panel as a drawer from 960 px, one pane at a time below that.

const lerato = demoStaff.agent1;

test.describe.configure({ timeout: 60_000 });

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'unknown'}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box, 'the element is on screen').not.toBeNull();
  return box!;
}

/** Whether two boxes share more than a hairline (borders may touch). */
function overlap(a: Box, b: Box): boolean {
  return (
    a.x < b.x + b.width - 1 &&
    b.x < a.x + a.width - 1 &&
    a.y < b.y + b.height - 1 &&
    b.y < a.y + a.height - 1
  );
}

/** Every element the locator finds shows its whole text: nothing clipped or ellipsised. */
async function expectWholeText(locator: Locator) {
  const all = await locator.all();
  expect(all.length).toBeGreaterThan(0);
  for (const element of all) {
    const { scroll, client, text } = await element.evaluate((el) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
      text: el.textContent,
    }));
    expect(scroll, `"${text}" is cut off`).toBeLessThanOrEqual(client);
  }
}

const panel = (page: Page) => page.getByRole('complementary', { name: 'Customer context' });
const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });
const liveList = (page: Page) => page.getByRole('region', { name: 'Live', exact: true });
const panelButton = (page: Page) =>
  page.getByRole('button', { name: 'Customer details', exact: true });
const drawer = (page: Page) => page.getByRole('dialog', { name: 'Customer details' });

type AsStaff = (person: DemoPerson) => Promise<Page>;

/** Lerato at the given width with a new customer's chat (routed to her) open. */
async function chatOpenAt(asStaff: AsStaff, customer: WebhookCustomer, width: number) {
  const desk = await asStaff(lerato);
  await desk.setViewportSize({ width, height: 800 });
  await becomeAvailable(desk, lerato);
  await customer.write(unique('Hello, where is my parcel?'));
  await chatRow(desk, 'Live', customer.name).click();
  await expect(conversation(desk, customer.name)).toBeVisible();
  return desk;
}

test.describe('layout', () => {
  test('at 1024 px the sidebar is icons and the panel a drawer, opened by its button and i', async ({
    asStaff,
    newCustomer,
  }) => {
    const customer = newCustomer();
    const desk = await chatOpenAt(asStaff, customer, 1024);

    // The conversation keeps its room; the panel is not beside it.
    const talk = conversation(desk, customer.name);
    expect((await boxOf(talk)).width).toBeGreaterThanOrEqual(480);
    await expect(panel(desk)).toBeHidden();
    expect(overlap(await boxOf(liveList(desk)), await boxOf(talk))).toBe(false);
    expect(overlap(await boxOf(views(desk)), await boxOf(liveList(desk)))).toBe(false);

    // The rail: icons whose names are still there for screen readers and as tooltips.
    const live = views(desk).getByRole('link', { name: /^Live/ });
    expect((await boxOf(views(desk))).width).toBeLessThan(80);
    await live.hover();
    await expect(desk.getByRole('tooltip', { name: 'Live' })).toBeVisible();
    await expect(live.locator('.nav__count')).toBeVisible();

    // The header button opens the drawer; focus moves in, Esc closes it and focus returns.
    await panelButton(desk).click();
    await expect(drawer(desk)).toBeVisible();
    await expect(panel(desk).getByRole('heading', { level: 2, name: customer.name })).toBeVisible();
    await expect(drawer(desk).locator(':focus')).toHaveCount(1);
    expect(await axeViolations(desk)).toEqual([]);
    await desk.keyboard.press('Escape');
    await expect(drawer(desk)).toBeHidden();
    await expect(panelButton(desk)).toBeFocused();
    await expect(panelButton(desk)).toHaveAttribute('aria-expanded', 'false');

    // The key opens it too, and the drawer's own button closes it.
    await desk.keyboard.press('i');
    await expect(drawer(desk)).toBeVisible();
    // Behind the open drawer the page is hidden from the accessibility tree: find it by its key.
    await expect(desk.locator('button[aria-keyshortcuts="i"]')).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await desk.keyboard.press('i');
    await expect(drawer(desk)).toBeHidden();
    await desk.keyboard.press('i');
    await drawer(desk).getByRole('button', { name: 'Close customer details' }).click();
    await expect(drawer(desk)).toBeHidden();

    // Typing an i into the reply is just a letter.
    const reply = desk.getByRole('textbox', { name: `Reply to ${customer.name}` });
    await reply.fill('hi');
    await reply.press('i');
    await expect(drawer(desk)).toBeHidden();

    // The ? sheet lists the key.
    await desk.locator('body').click({ position: { x: 700, y: 300 } });
    await desk.keyboard.press('?');
    const sheet = desk.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet.getByText('Customer details')).toBeVisible();
    await desk.keyboard.press('Escape');

    expect(await axeViolations(desk)).toEqual([]);
  });

  for (const width of [1280, 1440]) {
    test(`at ${width} px list, conversation and panel sit side by side, nothing cut off`, async ({
      asStaff,
      newCustomer,
    }) => {
      const customer = newCustomer();
      const desk = await chatOpenAt(asStaff, customer, width);
      const talk = conversation(desk, customer.name);
      await expect(
        panel(desk).getByRole('heading', { level: 2, name: customer.name }),
      ).toBeVisible();
      await expect(panelButton(desk)).toHaveCount(0);

      const boxes = [
        await boxOf(views(desk)),
        await boxOf(liveList(desk)),
        await boxOf(talk),
        await boxOf(panel(desk)),
      ];
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1)) expect(overlap(a, b)).toBe(false);
      for (const box of boxes) expect(box.x + box.width).toBeLessThanOrEqual(width + 0.5);

      // The header's name, status line and actions do not cover each other.
      const facts = talk.locator('.conversation__facts');
      const actions = talk.getByRole('button', { name: 'Close…' });
      expect(overlap(await boxOf(facts), await boxOf(actions))).toBe(false);

      await expectWholeText(liveList(desk).getByRole('combobox', { name: 'Sort chats' }));
      await expectWholeText(facts);
      await expectWholeText(facts.locator('> *'));
      await expectWholeText(desk.locator('.team__name'));
      await expectWholeText(views(desk).locator('.nav__label'));

      expect(await axeViolations(desk)).toEqual([]);
    });
  }

  test('at 800 px one pane at a time, with Back from the conversation to the list', async ({
    asStaff,
    newCustomer,
  }) => {
    const customer = newCustomer();
    const desk = await chatOpenAt(asStaff, customer, 800);
    const talk = conversation(desk, customer.name);

    // The conversation alone, as wide as the desk beside the rail.
    await expect(liveList(desk)).toHaveCount(0);
    expect((await boxOf(talk)).width).toBeGreaterThan(700);
    expect(await axeViolations(desk)).toEqual([]);

    // The panel is a full-width drawer.
    await panelButton(desk).click();
    await expect(drawer(desk)).toBeVisible();
    expect((await boxOf(drawer(desk))).width).toBeGreaterThanOrEqual(799);
    await desk.keyboard.press('Escape');
    await expect(drawer(desk)).toBeHidden();

    await talk.getByRole('link', { name: 'Back to Live' }).click();
    await expect(desk).toHaveURL(/\/live$/);
    await expect(talk).toHaveCount(0);
    await expect(chatRow(desk, 'Live', customer.name)).toBeVisible();
    expect((await boxOf(liveList(desk))).width).toBeGreaterThan(700);
    expect(await axeViolations(desk)).toEqual([]);

    await chatRow(desk, 'Live', customer.name).click();
    await expect(talk).toBeVisible();
    await expect(liveList(desk)).toHaveCount(0);
  });
});
