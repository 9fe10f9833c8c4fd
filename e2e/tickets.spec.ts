import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import {
  composer,
  demoStaff,
  escapeRegExp,
  expect,
  postInbound,
  providerReplies,
  setAvailable,
  signInByApi,
  test,
  unique,
  uniqueCustomer,
  view,
} from './fixtures.ts';
import type { DemoPerson, InboundReply } from './fixtures.ts';

// Conversations nobody can take become tickets: with every agent of Support away, four new
// customers write (nobody available), and one writes while Support is closed (out of hours).
// Lerato (agent1) quick-accepts the oldest three, answers one and closes it; the customer's
// History shows the ticket.

const lerato = demoStaff.agent1;
const everyone = [demoStaff.agent1, demoStaff.agent2, demoStaff.supervisor];

type Customer = ReturnType<typeof uniqueCustomer> & { ticketId: string };

/** An API session of its own for one person (with the desk's Origin, as the server requires). */
async function apiAs(
  playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } },
  baseURL: string,
  person: DemoPerson,
): Promise<APIRequestContext> {
  const request = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Origin: new URL(baseURL).origin },
  });
  await signInByApi(request, person);
  return request;
}

/** A new customer writes through the demo webhook; answers them with the ticket their message made. */
async function customerWrites(request: APIRequestContext, text: string): Promise<Customer> {
  const customer = uniqueCustomer();
  const response = await postInbound(request, {
    messageId: randomUUID(),
    from: customer.phone,
    text,
    name: customer.name,
  });
  expect(response.status()).toBe(200);
  const reply = (await response.json()) as InboundReply;
  return { ...customer, ticketId: reply.chatId };
}

async function ticketOf(request: APIRequestContext, id: string) {
  const response = await request.get(`/api/tickets/${id}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as {
    status: string;
    reason: string;
    assignee: { name: string } | null;
  };
}

/** Support's id, from the business-hours list (every department, configured or not). */
async function supportId(admin: APIRequestContext): Promise<string> {
  const response = await admin.get('/api/admin/business-hours');
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as {
    items: { departmentId: string; departmentName: string }[];
  };
  const support = items.find((item) => item.departmentName === 'Support');
  expect(support, 'the demo has a Support department').toBeTruthy();
  return support!.departmentId;
}

const noHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

const ticketRow = (page: Page, list: string, customer: string) =>
  page
    .getByRole('list', { name: list })
    .getByRole('link', { name: new RegExp(`^${escapeRegExp(customer)}, `) });

const ticketPane = (page: Page, customer: string) =>
  page.getByRole('region', { name: `Ticket of ${customer}` });

test.describe('tickets', () => {
  test('nobody available and out of hours make tickets; quick accept, reply, close, and History shows it', async ({
    asStaff,
    request,
    playwright,
    baseURL,
  }, testInfo) => {
    const base = baseURL ?? '';
    const desk = await asStaff(lerato);
    await setAvailable(desk, false);
    const sessions = new Map<DemoPerson, APIRequestContext>();
    for (const person of everyone) sessions.set(person, await apiAs(playwright, base, person));
    const admin = await apiAs(playwright, base, demoStaff.admin);
    // The supervisor sees every ticket: the checks below read them as Sam.
    const lead = sessions.get(demoStaff.supervisor)!;
    try {
      // Every agent of Support away: a new conversation cannot be taken live.
      for (const person of everyone) {
        const away = await sessions.get(person)!.put('/api/me/availability', {
          data: { available: false },
        });
        expect(away.status()).toBe(200);
      }
      // Whatever an earlier spec left unassigned goes to Johan, so the oldest waiting are ours.
      const drained = await sessions
        .get(demoStaff.agent2)!
        .post('/api/tickets/accept-oldest', { data: { count: 50 } });
      expect(drained.status()).toBe(200);

      // Out of hours: Support closed all week for a moment.
      const support = await supportId(admin);
      let night: Customer;
      try {
        const closed = await admin.put('/api/admin/business-hours', {
          data: {
            departmentId: support,
            timeZone: 'Africa/Johannesburg',
            weekly: noHours,
            holidays: [],
          },
        });
        expect(closed.status()).toBe(200);
        night = await customerWrites(request, unique('Are you open tonight?'));
      } finally {
        const restored = await admin.put('/api/admin/business-hours', {
          data: {
            departmentId: support,
            timeZone: 'Africa/Johannesburg',
            weekly: null,
            holidays: [],
          },
        });
        expect(restored.status()).toBe(200);
      }
      expect(await ticketOf(lead, night.ticketId)).toMatchObject({
        status: 'unassigned',
        reason: 'out_of_hours',
      });
      await expect
        .poll(async () =>
          (await providerReplies(request))
            .filter((reply) => reply.to === night.e164)
            .map((reply) => reply.text)
            .join('\n'),
        )
        .toMatch(/We're closed right now\. We open again /);

      // Nobody available: four more customers, in order.
      const daytime: Customer[] = [];
      for (const text of [
        'My card was charged twice',
        'Where is my parcel?',
        'Change my address',
        'Cancel my order',
      ])
        daytime.push(await customerWrites(request, unique(text)));
      for (const customer of daytime)
        expect(await ticketOf(lead, customer.ticketId)).toMatchObject({
          status: 'unassigned',
          reason: 'nobody_available',
        });

      // Lerato's Tickets view: newest first, each with why it became a ticket.
      await view(desk, 'Tickets').click();
      await expect(desk.getByRole('heading', { level: 1, name: 'Tickets' })).toBeVisible();
      const unassigned = 'Unassigned tickets';
      await expect(ticketRow(desk, unassigned, night.name)).toHaveAccessibleName(
        /, Out of hours, Signed webhook, Support, Unassigned/,
      );
      for (const customer of daytime)
        await expect(ticketRow(desk, unassigned, customer.name)).toHaveAccessibleName(
          /, Nobody available, /,
        );
      const names = await desk
        .getByRole('list', { name: unassigned })
        .getByRole('link')
        .evaluateAll((links) =>
          links.map((link) => link.getAttribute('aria-label')!.split(',')[0]),
        );
      expect(names.slice(0, 5)).toEqual(
        [...daytime]
          .reverse()
          .map((c) => c.name)
          .concat(night.name),
      );
      await expect(view(desk, 'Tickets')).toContainText('5');

      for (const width of [1280, 1024]) {
        await desk.setViewportSize({ width, height: 800 });
        await desk.screenshot({ path: testInfo.outputPath(`tickets-view-${width}.png`) });
      }
      await desk.setViewportSize({ width: 1280, height: 800 });

      // Quick accept the oldest three: the out-of-hours one and the first two of the day.
      await desk.getByText('Quick accept').click();
      await desk.getByRole('button', { name: 'Accept the oldest 3' }).click();
      await expect(
        desk.getByRole('status').filter({ hasText: 'You got 3 tickets.' }),
      ).toBeVisible();
      await expect(desk).toHaveURL(new RegExp(`/tickets/assigned/${night.ticketId}$`));
      const mine = [night, daytime[0]!, daytime[1]!];
      for (const customer of mine)
        await expect(ticketRow(desk, 'Assigned tickets', customer.name)).toBeVisible();
      for (const customer of daytime.slice(2))
        expect((await ticketOf(lead, customer.ticketId)).status).toBe('unassigned');

      // Answer one: Close says why it is off until the customer has had a reply.
      const first = daytime[0]!;
      await ticketRow(desk, 'Assigned tickets', first.name).click();
      const pane = ticketPane(desk, first.name);
      await expect(pane.getByRole('log', { name: `Messages with ${first.name}` })).toContainText(
        'Became a ticket: nobody was available',
      );
      const close = pane.getByRole('button', { name: 'Close', exact: true });
      await expect(close).toBeDisabled();
      await close.locator('xpath=..').focus();
      await expect(desk.getByRole('tooltip')).toHaveText('Reply to the customer before closing.');

      const answer = unique('We have refunded the second charge.');
      const box = composer(desk, first.name);
      await box.fill(answer);
      await box.press('Enter');
      await expect
        .poll(async () =>
          (await providerReplies(request)).some(
            (reply) => reply.to === first.e164 && reply.text === answer,
          ),
        )
        .toBe(true);
      await expect(close).toBeEnabled();
      for (const width of [1280, 1024]) {
        await desk.setViewportSize({ width, height: 800 });
        await desk.screenshot({ path: testInfo.outputPath(`ticket-open-${width}.png`) });
      }
      await desk.setViewportSize({ width: 1280, height: 800 });
      await close.click();
      await expect(pane.getByText('This ticket is closed.')).toBeVisible();
      expect((await ticketOf(lead, first.ticketId)).status).toBe('closed');

      // The customer writes again: a new ticket, and its History tab shows the closed one.
      const again = await postInbound(request, {
        messageId: randomUUID(),
        from: first.phone,
        text: unique('One more question'),
        name: first.name,
      });
      expect(again.status()).toBe(200);
      const { chatId: nextId } = (await again.json()) as InboundReply;
      expect(nextId).not.toBe(first.ticketId);
      await desk.goto(`/tickets/unassigned/${nextId}`);
      await expect(ticketPane(desk, first.name)).toBeVisible();
      const panel = desk.getByRole('complementary', { name: 'Customer context' });
      await panel.getByRole('tab', { name: 'History' }).click();
      const earlier = panel
        .getByRole('list', { name: 'Earlier conversations, newest first' })
        .getByRole('listitem')
        .filter({ hasText: /^\s*Ticket · / });
      await expect(earlier.first()).toContainText('Closed');
      await expect(earlier.first()).toContainText('Nobody available');
      await earlier
        .first()
        .getByRole('button', { name: /^Open the Signed webhook ticket of / })
        .click();
      const transcript = desk.getByRole('dialog');
      await expect(transcript.getByText(answer)).toBeVisible();
      await expect(transcript.getByText(/Ticket closed by Lerato Mokoena/)).toBeVisible();
    } finally {
      for (const session of sessions.values()) await session.dispose();
      await admin.dispose();
    }
  });
});
