import type { Page, WebSocketRoute } from '@playwright/test';
import {
  becomeAvailable,
  chatRow,
  demoStaff,
  escapeRegExp,
  expect,
  messages,
  signIn,
  test as base,
  unique,
  watchCsp,
} from './fixtures.ts';

const lerato = demoStaff.agent1;

type Desk = {
  page: Page;
  /** Drops the desk's live socket and keeps new ones from connecting; HTTP fails too. */
  goOffline(): Promise<void>;
  goOnline(): Promise<void>;
};

/**
 * Lerato's desk on a network that can be pulled. Chromium's offline emulation only holds an
 * open WebSocket's frames back, without closing it, so the socket runs through a route that can
 * cut it; offline emulation makes HTTP fail meanwhile, as a real outage would.
 */
const test = base.extend<{ desk: Desk }>({
  desk: async ({ browser, baseURL, cspViolations }, use) => {
    const context = await browser.newContext({ baseURL });
    await watchCsp(context, cspViolations);
    let offline = false;
    const sockets: WebSocketRoute[] = [];
    // In place before the desk opens its socket.
    await context.routeWebSocket(/\/api\/realtime$/, (socket) => {
      if (offline) return void socket.close({ code: 1001, reason: 'offline' });
      socket.connectToServer();
      sockets.push(socket);
    });
    const page = await context.newPage();
    await signIn(page, lerato.email);
    await use({
      page,
      async goOffline() {
        offline = true;
        await context.setOffline(true);
        await Promise.all(sockets.splice(0).map((socket) => socket.close({ code: 1001 })));
      },
      async goOnline() {
        offline = false;
        await context.setOffline(false);
      },
    });
    await context.close();
  },
});

test.describe('reconnecting', () => {
  test('after a dropped connection the open chat catches up, in order and once each, without a reload', async ({
    desk: { page: desk, goOffline, goOnline },
    newCustomer,
  }) => {
    await becomeAvailable(desk, lerato);
    const customer = newCustomer();
    const hello = unique('Hello, are you there?');
    await customer.write(hello);
    await chatRow(desk, 'Live', customer.name).click();
    const log = messages(desk, customer.name);
    await expect(log.getByText(hello, { exact: true })).toBeVisible();
    // Survives only as long as the page is not loaded again.
    await desk.evaluate(() => Object.assign(window, { parleyNotReloaded: true }));

    const reconnecting = desk.getByRole('status').getByText('Reconnecting…');
    await goOffline();
    await expect(reconnecting).toBeVisible();

    const first = unique('First while you were away.');
    const second = unique('Second while you were away.');
    await customer.write(first);
    await customer.write(second);
    const missed = log.getByRole('listitem').filter({ hasText: 'while you were away' });
    await expect(missed).toHaveCount(0);

    await goOnline();
    await expect(reconnecting).toBeHidden();
    await expect(missed).toHaveText([
      new RegExp(escapeRegExp(first)),
      new RegExp(escapeRegExp(second)),
    ]);
    await expect(log.getByText(hello, { exact: true })).toHaveCount(1);
    expect(await desk.evaluate(() => 'parleyNotReloaded' in window)).toBe(true);
  });
});
