import { createHmac, randomInt, randomUUID } from 'node:crypto';
import { test as base, expect } from '@playwright/test';
import type {
  APIRequestContext,
  BrowserContext,
  Locator,
  Page,
  PlaywrightWorkerArgs,
} from '@playwright/test';
import { demoPassword, demoStaff } from './demo.ts';
import type { DemoPerson } from './demo.ts';

export { demoPassword, demoStaff, expect };
export type { DemoPerson };

/** Signs in through the sign-in page and waits until the desk is showing. */
export async function signIn(page: Page, email: string, password = demoPassword) {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to your desk' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
}

export const availabilitySwitch = (page: Page): Locator =>
  page.getByRole('switch', { name: 'Available' });

/** Resolves with the answer to the next availability change this page sends. */
export const nextAvailabilitySave = (page: Page) =>
  page.waitForResponse(
    (response) =>
      response.url().endsWith('/api/me/availability') && response.request().method() === 'PUT',
  );

/** Sets one's own availability through the switch and waits for the server to confirm it. */
export async function setAvailable(page: Page, available: boolean) {
  const toggle = availabilitySwitch(page);
  await expect(toggle).not.toHaveAttribute('aria-busy');
  if ((await toggle.isChecked()) !== available) {
    const saved = nextAvailabilitySave(page);
    // Not setChecked: the switch re-renders a tick after the click (the mutation's state reaches
    // React asynchronously), and setChecked reads the state right after clicking.
    await toggle.click();
    expect((await saved).status()).toBe(200);
  }
  await expect(toggle).not.toHaveAttribute('aria-busy');
  await expect(toggle).toBeChecked({ checked: available });
}

/** A colleague's entry in the sidebar's Team list, e.g. "Lerato Mokoena, Available". */
export const teammate = (page: Page, name: string, status: 'Available' | 'Away' | 'Offline') =>
  page
    .getByRole('list', { name: 'Team' })
    .getByRole('listitem', { name: `${name}, ${status}`, exact: true });

/** A text of its own, so it is found only where this test put it. */
export const unique = (text: string) => `${text} (${randomUUID().slice(0, 8)})`;

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A view's link in the sidebar ("Live", "Queue", "Closed", …). */
export const view = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name });

/** A chat's row in the list of a view; its accessible name starts with the customer's name. */
export const chatRow = (page: Page, list: string, customer: string) =>
  page
    .getByRole('list', { name: list })
    .getByRole('link', { name: new RegExp(`^${escapeRegExp(customer)}, `) });

/** The open chat: its header, actions, messages and composer. */
export const conversation = (page: Page, customer: string) =>
  page.getByRole('region', { name: `Conversation with ${customer}` });

/** The open chat's messages and event lines, oldest first. */
export const messages = (page: Page, customer: string) =>
  page.getByRole('log', { name: `Messages with ${customer}` });

export const composer = (page: Page, customer: string) =>
  page.getByRole('textbox', { name: `Reply to ${customer}` });

/** Signs in through the API; the returned context carries the session cookie. */
export async function signInByApi(request: APIRequestContext, person: DemoPerson) {
  const response = await request.post('/api/session', {
    data: { email: person.email, password: demoPassword },
  });
  expect(response.status()).toBe(200);
}

/**
 * Waits until the server counts the person as online, i.e. a desk of theirs has its live socket.
 * Routing offers new chats only to agents who are available and online.
 */
export async function expectOnline(page: Page, person: DemoPerson) {
  await expect
    .poll(async () => {
      const response = await page.request.get('/api/staff?online=true');
      if (!response.ok()) return `GET /api/staff answered ${response.status()}`;
      const { items } = (await response.json()) as { items: { name: string }[] };
      return items.some((staff) => staff.name === person.name);
    })
    .toBe(true);
}

/** Turns the person available and waits until they are online: new chats are routed to them. */
export async function becomeAvailable(page: Page, person: DemoPerson) {
  await setAvailable(page, true);
  await expectOnline(page, person);
}

/** The fake provider (scripts/fake-provider.mjs) the demo webhook channel sends replies to. */
/**
 * Runs `work` with the admin's choice that a conversation nobody can take waits in the queue
 * instead of becoming a ticket (the product's default), then puts the default back.
 */
export async function whileQueueing<T>(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const admin = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Origin: baseURL ?? '' },
  });
  await signInByApi(admin, demoStaff.admin);
  const tickets = (on: boolean) =>
    admin.put('/api/admin/settings', { data: { ticketWhenNobodyAvailable: on } });
  try {
    expect((await tickets(false)).status()).toBe(200);
    return await work();
  } finally {
    await tickets(true);
    await admin.dispose();
  }
}

export const fakeProviderURL = 'http://127.0.0.1:4010';

export type ProviderReply = { kind: string; to: string; text: string; chatId?: string };

/** Everything the fake provider has accepted so far. */
export async function providerReplies(request: APIRequestContext): Promise<ProviderReply[]> {
  const response = await request.get(`${fakeProviderURL}/received`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ProviderReply[];
}

/** The demo's generic signed webhook channel (api.md, "Channels in"). */
export const demoWebhook = { id: 'demo-webhook', secret: 'demo-secret' } as const;

export type InboundMessage = { messageId: string; from: string; text: string; name?: string };
export type InboundReply = { accepted: boolean; duplicate: boolean; chatId: string };

/** Posts a message to the webhook as a provider would: the exact bytes signed, then sent. */
export async function postInbound(request: APIRequestContext, message: InboundMessage) {
  const body = JSON.stringify(message);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const digest = createHmac('sha256', demoWebhook.secret)
    .update(`${timestamp}.${body}`)
    .digest('hex');
  return request.post(`/api/inbound/${demoWebhook.id}`, {
    data: body,
    headers: {
      'content-type': 'application/json',
      'x-parley-timestamp': timestamp,
      'x-parley-signature': `sha256=${digest}`,
    },
  });
}

// Numbers count up from a random start: unique within a run, and unlikely to meet a later worker's.
let nextNumber = randomInt(0, 100_000);
const firstNames = ['Ayanda', 'Bongani', 'Naledi', 'Pieter', 'Zanele', 'Sipho', 'Anika', 'Themba'];

/**
 * A customer nobody else uses: a South African mobile number of its own (082 99x xxxx) and a
 * name that carries the same digits, so locators by name never match another test's chat.
 */
export function uniqueCustomer(): { phone: string; e164: string; name: string } {
  const number = nextNumber++ % 100_000;
  const digits = String(number).padStart(5, '0');
  const first = firstNames[number % firstNames.length] ?? 'Ayanda';
  return { phone: `08299${digits}`, e164: `+278299${digits}`, name: `${first} Test${digits}` };
}

export type WebhookCustomer = ReturnType<typeof uniqueCustomer> & {
  /** Writes through the signed webhook and answers the server's reply (asserted to be 200). */
  write(text: string, options?: { messageId?: string }): Promise<InboundReply>;
};

/** Closes what a test left open, as the supervisor: a leftover live chat fills an agent's capacity. */
async function closeLeftoverChats(request: APIRequestContext, chatIds: Iterable<string>) {
  for (const id of chatIds) {
    const found = await request.get(`/api/chats/${id}`);
    if (!found.ok()) continue;
    const chat = (await found.json()) as { status: string; flagged: boolean };
    if (chat.status === 'closed') continue;
    if (chat.flagged) expect((await request.post(`/api/chats/${id}/unflag`)).status()).toBe(200);
    const closed = await request.post(`/api/chats/${id}/close`, { data: { sentiment: 'neutral' } });
    expect(closed.status()).toBe(200);
  }
}

/**
 * Collects Content-Security-Policy violations of every page in the context: Chromium's own
 * "Refused to …" console lines, and the securitypolicyviolation event as a second witness.
 */
export async function watchCsp(context: BrowserContext, violations: string[]) {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`,
      );
    });
  });
  context.on('console', (message) => {
    const text = message.text();
    if (/Refused to|Content Security Policy|CSP violation/.test(text))
      violations.push(`${message.page()?.url() ?? ''}: ${text}`);
  });
}

type Fixtures = {
  /**
   * Every CSP violation in the test's browsers; a test fails on any it did not expect (a test
   * that provokes one on purpose takes it out of the list).
   */
  cspViolations: string[];
  /** Signs a person in, in a browser context of their own (closed after the test). */
  asStaff: (person: DemoPerson) => Promise<Page>;
  /** Chats to close after the test if they are still open (a supervisor closes them). */
  openChats: Set<string>;
  /** A new customer of the demo webhook channel; the chats they start are in openChats. */
  newCustomer: () => WebhookCustomer;
};

export const test = base.extend<Fixtures>({
  cspViolations: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture uses from this pattern
    async ({}, use) => {
      const violations: string[] = [];
      await use(violations);
      expect(violations, 'the pages broke their Content-Security-Policy').toEqual([]);
    },
    { auto: true },
  ],

  context: async ({ context, cspViolations }, use) => {
    await watchCsp(context, cspViolations);
    await use(context);
  },

  asStaff: async ({ browser, baseURL, cspViolations }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (person) => {
      const context = await browser.newContext({ baseURL });
      await watchCsp(context, cspViolations);
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, person.email);
      return page;
    });
    await Promise.all(contexts.map((context) => context.close()));
  },

  openChats: async ({ playwright, baseURL }, use) => {
    const chatIds = new Set<string>();
    await use(chatIds);
    if (chatIds.size === 0) return;
    const supervisor = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Origin: new URL(baseURL ?? '').origin },
    });
    try {
      await signInByApi(supervisor, demoStaff.supervisor);
      await closeLeftoverChats(supervisor, chatIds);
    } finally {
      await supervisor.dispose();
    }
  },

  newCustomer: async ({ request, openChats }, use) => {
    await use(() => {
      const customer = uniqueCustomer();
      return {
        ...customer,
        async write(text, options = {}) {
          const response = await postInbound(request, {
            messageId: options.messageId ?? randomUUID(),
            from: customer.phone,
            text,
            name: customer.name,
          });
          expect(response.status()).toBe(200);
          const reply = (await response.json()) as InboundReply;
          openChats.add(reply.chatId);
          return reply;
        },
      };
    });
  },
});
